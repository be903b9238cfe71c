package org.giftportal.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.giftportal.stack.LocalStack;
import org.giftportal.stack.Ports;

/**
 * A MariaDB Galera cluster of several nodes on 127.0.0.1, from Debian's {@code mariadb-server} and {@code galera-4}:
 * what a retailer running the portal on a synchronous multi-primary cluster has, on one machine.
 *
 * <p>Facts this relies on (found on these machines): the nodes run as the {@code mysql} user (the server drops to it
 * by itself; as root, the rsync state transfer fails on permissions); the first node is bootstrapped with
 * {@code --wsrep-new-cluster}, the others join one at a time with empty data folders and get the data by rsync; Galera
 * replicates row events as binary logging does (without {@code log_bin}), so creating triggers needs
 * {@code log_bin_trust_function_creators}.
 */
final class GaleraCluster implements AutoCloseable {
    static final String DATABASE = "giftportal";
    static final String USER = "giftportal";
    private static final Path MARIADBD = Path.of("/usr/sbin/mariadbd");
    private static final Path PROVIDER = Path.of("/usr/lib/galera/libgalera_smm.so");
    private final Path root;
    private final String password;
    private final List<Node> nodes = new ArrayList<>();

    /** One node: its ports, its folder, its running server (if any). */
    static final class Node {
        final int index;
        final int sqlPort;
        final int groupPort;
        final int istPort;
        final int sstPort;
        final Path dir;
        Process process;

        Node(int index, Path dir) {
            this.index = index;
            this.dir = dir;
            this.sqlPort = Ports.freeLoopbackPort();
            this.groupPort = Ports.freeLoopbackPort();
            this.istPort = Ports.freeLoopbackPort();
            this.sstPort = Ports.freeLoopbackPort();
        }

        String name() {
            return "node" + (index + 1);
        }

        String address() {
            return "127.0.0.1:" + sqlPort;
        }
    }

    private GaleraCluster(Path root, String password) {
        this.root = root;
        this.password = password;
    }

    /** Starts {@code size} nodes, the first one bootstrapping the cluster, and creates the portal's database. */
    static GaleraCluster start(Path root, int size, String password) throws Exception {
        requireInstalled();
        LocalStack.deleteRecursively(root);
        Files.createDirectories(root);
        chownToMysql(root);
        GaleraCluster cluster = new GaleraCluster(root, password);
        try {
            for (int i = 0; i < size; i++) {
                cluster.nodes.add(new Node(i, root.resolve("node" + (i + 1))));
            }
            for (Node node : cluster.nodes) {
                Files.createDirectories(node.dir.resolve("data"));
                Files.writeString(node.dir.resolve("my.cnf"), cluster.config(node));
                chownToMysql(node.dir);
            }
            Node first = cluster.nodes.get(0);
            run(List.of("mariadb-install-db", "--defaults-file=" + first.dir.resolve("my.cnf"), "--user=mysql",
                    "--auth-root-authentication-method=normal", "--skip-test-db"), root.resolve("install-db.log"));
            cluster.startNode(first, true);
            cluster.createDatabase(first);
            for (Node joiner : cluster.nodes.subList(1, size)) {
                cluster.startNode(joiner, false);
            }
            cluster.awaitClusterSize(size, Duration.ofMinutes(3));
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    private static void requireInstalled() {
        if (!Files.isExecutable(MARIADBD) || !Files.exists(PROVIDER)) {
            throw new IllegalStateException("Debian's mariadb-server and galera-4 are needed (bench/galera installs"
                    + " them): " + MARIADBD + " or " + PROVIDER + " is missing");
        }
    }

    private String config(Node node) {
        String members = nodes.stream().map(member -> "127.0.0.1:" + member.groupPort)
                .collect(Collectors.joining(","));
        return String.join("\n",
                "[mysqld]",
                "user=mysql",
                "datadir=" + node.dir.resolve("data"),
                "socket=" + node.dir.resolve("mysqld.sock"),
                "pid-file=" + node.dir.resolve("mysqld.pid"),
                "log-error=" + node.dir.resolve("error.log"),
                "port=" + node.sqlPort,
                "bind-address=127.0.0.1",
                "skip-name-resolve",
                "character-set-server=utf8mb4",
                "collation-server=utf8mb4_unicode_ci",
                "max-connections=400",
                "innodb-buffer-pool-size=256M",
                // What Galera needs: row events, interleaved auto-increments, InnoDB.
                "binlog_format=ROW",
                "innodb_autoinc_lock_mode=2",
                "default_storage_engine=InnoDB",
                // The ledger's triggers are created by the portal's migration user; with binary logging on that needs
                // SUPER or this (docs/operations.md).
                "log_bin_trust_function_creators=1",
                "wsrep_on=ON",
                "wsrep_provider=" + PROVIDER,
                "wsrep_cluster_name=giftportal-bench",
                "wsrep_cluster_address=gcomm://" + members,
                "wsrep_node_name=" + node.name(),
                "wsrep_node_address=127.0.0.1:" + node.groupPort,
                "wsrep_provider_options=\"gmcast.listen_addr=tcp://127.0.0.1:" + node.groupPort
                        + ";ist.recv_addr=127.0.0.1:" + node.istPort + "\"",
                "wsrep_sst_method=rsync",
                "wsrep_sst_receive_address=127.0.0.1:" + node.sstPort,
                "");
    }

    private void startNode(Node node, boolean bootstrap) throws Exception {
        List<String> command = new ArrayList<>(List.of(MARIADBD.toString(),
                "--defaults-file=" + node.dir.resolve("my.cnf")));
        if (bootstrap) {
            command.add("--wsrep-new-cluster");
        }
        node.process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(node.dir.resolve("console.log").toFile())).start();
        awaitSynced(node, Duration.ofMinutes(3));
    }

    /** Starts a node that was killed: it rejoins the cluster (by incremental state transfer when it can). */
    Duration restart(Node node) throws Exception {
        Instant started = Instant.now();
        startNode(node, false);
        return Duration.between(started, Instant.now());
    }

    /** kill -9 of a node's server, as a crashed machine. */
    void kill(Node node) throws InterruptedException {
        node.process.destroyForcibly();
        node.process.waitFor(30, TimeUnit.SECONDS);
    }

    private void awaitSynced(Node node, Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (!node.process.isAlive()) {
                throw new IllegalStateException(node.name() + " exited with " + node.process.exitValue() + "; see "
                        + node.dir.resolve("error.log"));
            }
            try (Connection connection = rootConnection(node)) {
                if ("Synced".equals(status(connection, "wsrep_local_state_comment"))) {
                    return;
                }
            } catch (SQLException notYet) {
                // still starting, or still receiving its state
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(node.name() + " was not Synced within " + within + "; see "
                + node.dir.resolve("error.log"));
    }

    void awaitClusterSize(int size, Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            for (Node node : nodes) {
                try (Connection connection = rootConnection(node)) {
                    if (Integer.toString(size).equals(status(connection, "wsrep_cluster_size"))) {
                        return;
                    }
                } catch (SQLException down) {
                    // ask the next node
                }
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("The cluster did not reach " + size + " nodes within " + within);
    }

    private void createDatabase(Node node) throws SQLException {
        try (Connection connection = rootConnection(node); Statement sql = connection.createStatement()) {
            sql.execute("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            sql.execute("CREATE USER '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + password + "'");
            // What the portal needs, nothing more: no SUPER (binary logging then refuses CREATE TRIGGER unless
            // log_bin_trust_function_creators is set, which is the documented way).
            sql.execute("GRANT ALL PRIVILEGES ON " + DATABASE + ".* TO '" + USER + "'@'127.0.0.1'");
        }
    }

    /** Drops the portal's database and creates it empty again. */
    void recreateDatabase(Node node) throws SQLException {
        try (Connection connection = rootConnection(node); Statement sql = connection.createStatement()) {
            sql.execute("DROP DATABASE " + DATABASE);
            sql.execute("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
    }

    /** Sets a server variable on one node (global variables are per node, never replicated). */
    void setGlobal(Node node, String variable, String value) throws SQLException {
        try (Connection connection = rootConnection(node); Statement sql = connection.createStatement()) {
            sql.execute("SET GLOBAL " + variable + " = " + value);
        }
    }

    /** The server's version, as node 1 reports it. */
    String version() throws SQLException {
        try (Connection connection = rootConnection(nodes.get(0));
                ResultSet row = connection.createStatement().executeQuery("SELECT VERSION()")) {
            row.next();
            return row.getString(1);
        }
    }

    String status(Node node, String variable) throws SQLException {
        try (Connection connection = rootConnection(node)) {
            return status(connection, variable);
        }
    }

    private static String status(Connection connection, String variable) throws SQLException {
        try (ResultSet row = connection.createStatement().executeQuery("SHOW GLOBAL STATUS LIKE '" + variable + "'")) {
            return row.next() ? row.getString(2) : null;
        }
    }

    private static Connection rootConnection(Node node) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://" + node.address() + "/?connectTimeout=2000", "root", "");
    }

    List<Node> nodes() {
        return nodes;
    }

    /**
     * The portal's connection URL for an instance that prefers {@code preferred}: MariaDB Connector/J's
     * {@code sequential} mode tries the hosts in order, so the instance uses its own node while it is up and the
     * next one when it is not. {@code wsrep_sync_wait=1}: a read waits until the node has applied what the cluster
     * committed before it, so a page shown right after a change made through another node shows the change.
     */
    String jdbcUrl(List<Node> preferred) {
        return "jdbc:mariadb:sequential://" + preferred.stream().map(Node::address).collect(Collectors.joining(","))
                + "/" + DATABASE + "?sessionVariables=wsrep_sync_wait=1&connectTimeout=2000";
    }

    /** The hosts in the order instance {@code i} prefers them: its own node first, then the next ones. */
    List<Node> preferring(int i) {
        return IntStream.range(0, nodes.size()).mapToObj(k -> nodes.get((i + k) % nodes.size())).toList();
    }

    Map<String, String> settings(List<Node> preferred) {
        return Map.of("DB_URL", jdbcUrl(preferred), "DB_USER", USER, "DB_PASSWORD", password);
    }

    @Override
    public void close() {
        for (Node node : nodes) {
            if (node.process != null && node.process.isAlive()) {
                node.process.destroy();
            }
        }
        for (Node node : nodes) {
            try {
                if (node.process != null && !node.process.waitFor(60, TimeUnit.SECONDS)) {
                    node.process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                node.process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed; see " + log);
        }
    }

    private static void chownToMysql(Path path) throws IOException, InterruptedException {
        Process chown = new ProcessBuilder("chown", "-R", "mysql:mysql", path.toString()).inheritIO().start();
        if (chown.waitFor() != 0) {
            throw new IllegalStateException("Could not give " + path + " to the mysql user");
        }
    }
}
