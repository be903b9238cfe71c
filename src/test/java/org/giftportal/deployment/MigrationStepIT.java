package org.giftportal.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.giftportal.stack.PortalInstance;
import org.giftportal.stack.Ports;
import org.giftportal.stack.TestStackProperties;
import org.junit.jupiter.api.Test;

/**
 * Migrations as a step of their own, as the Kubernetes manifests run them (a Job before the replicas): the packaged
 * portal with {@code QUARKUS_INIT_AND_EXIT=true} migrates an empty database and exits; instances started with
 * {@code QUARKUS_FLYWAY_ACTIVE=false} then serve without touching the schema, even with a migration pending, which
 * the next step applies. On a Galera cluster Flyway's lock
 * (GET_LOCK) holds only on one node, so two instances starting on two nodes must not both migrate.
 */
class MigrationStepIT {

    @Test
    void theMigrationStepMigratesAndExitsThenInstancesStartWithoutMigrating() throws Exception {
        Map<String, String> stack = TestStackProperties.stackSettings();
        String database = "giftportal_step_" + UUID.randomUUID().toString().substring(0, 8);
        execute(stack, "CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        try {
            Map<String, String> settings = new java.util.HashMap<>(PortalInstance.productionSettings(stack,
                    PortalInstance.Secrets.random(), Path.of("target", "it-attachments")));
            settings.put("DB_URL", withDatabase(stack.get("DB_URL"), database));

            Map<String, String> step = new java.util.HashMap<>(settings);
            step.put("QUARKUS_INIT_AND_EXIT", "true");
            step.put("QUARKUS_FLYWAY_ACTIVE", "true");
            Path stepLog = Files.createTempFile(Path.of("target"), "migration-step-", ".log");
            assertThat(PortalInstance.runToExit(step, stepLog, Duration.ofMinutes(2)))
                    .as("the step's exit code; see " + stepLog).isZero();
            assertThat(Files.readString(stepLog)).contains("Successfully applied").doesNotContain("Listening on");
            long migrations = migrationFiles();
            assertThat(count(stack, database, "SELECT COUNT(*) FROM flyway_schema_history WHERE success"))
                    .isEqualTo(migrations);

            // A release with one migration still to run (the latest, undone here): the replicas must leave it to the
            // step.
            // (Until it runs, the database doesn't check the shape of a chosen language: the instance serves all the
            // same.)
            execute(stack, "ALTER TABLE " + database + ".account DROP CONSTRAINT ck_account_language");
            execute(stack, "DELETE FROM " + database + ".flyway_schema_history WHERE version = '32'");
            settings.put("QUARKUS_FLYWAY_ACTIVE", "false");
            Path instanceLog = Files.createTempFile(Path.of("target"), "after-migration-step-", ".log");
            try (PortalInstance instance = PortalInstance.start(settings, Ports.freeLoopbackPort(), instanceLog,
                    List.of())) {
                assertThat(instance.isReady()).isTrue();
            }
            assertThat(count(stack, database, "SELECT COUNT(*) FROM flyway_schema_history"))
                    .as("an instance with migrations off applied nothing").isEqualTo(migrations - 1);

            assertThat(PortalInstance.runToExit(step, stepLog, Duration.ofMinutes(2))).isZero();
            assertThat(count(stack, database, "SELECT COUNT(*) FROM flyway_schema_history WHERE success"))
                    .as("the next step applies what was pending").isEqualTo(migrations);
        } finally {
            execute(stack, "DROP DATABASE " + database);
        }
    }

    /** Versioned migrations in the build: SQL scripts and Java classes, side by side in target/classes. */
    private static long migrationFiles() throws Exception {
        try (var files = Files.list(Path.of("target", "classes", "db", "migration"))) {
            return files.filter(file -> file.getFileName().toString().matches("V\\d+__[^$]*\\.(sql|class)")).count();
        }
    }

    private static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + (query < 0 ? "" : url.substring(query));
    }

    private static void execute(Map<String, String> stack, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(stack.get("DB_URL"), stack.get("DB_USER"),
                stack.get("DB_PASSWORD")); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long count(Map<String, String> stack, String database, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(withDatabase(stack.get("DB_URL"), database),
                stack.get("DB_USER"), stack.get("DB_PASSWORD")); ResultSet row = connection.createStatement()
                .executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
