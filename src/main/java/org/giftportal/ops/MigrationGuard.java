package org.giftportal.ops;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Stops a migration that the database would refuse half-way, before any of it runs. MariaDB DDL commits statement by
 * statement, so a migration that fails in its middle leaves a schema nobody wrote: on a server that logs binary events
 * (binary logging, a Galera node, a primary with replicas) {@code CREATE TRIGGER} needs the SUPER privilege or
 * {@code log_bin_trust_function_creators=1}, and fails with 1419 after the tables before it were created. This check
 * runs before each migration that creates a trigger, function or procedure, and stops start-up with what to do.
 */
@Singleton
public class MigrationGuard implements FlywayConfigurationCustomizer, Callback {
    static final Pattern STORED_CODE = Pattern.compile("CREATE\\s+(OR\\s+REPLACE\\s+)?"
            + "(DEFINER\\s*=\\s*\\S+(\\s*@\\s*\\S+)?\\s+)?(AGGREGATE\\s+)?(TRIGGER|FUNCTION|PROCEDURE)",
            Pattern.CASE_INSENSITIVE);

    @Override
    public void customize(FluentConfiguration configuration) {
        configuration.callbacks(this);
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_EACH_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        MigrationInfo migration = context.getMigrationInfo();
        if (migration == null || !createsStoredCode(migration.getScript())) {
            return;
        }
        try {
            refusal(migration.getScript(), serverVariables(context.getConnection()),
                    hasSuperPrivilege(context.getConnection())).ifPresent(message -> {
                        throw new FlywayException(message);
                    });
        } catch (SQLException e) {
            throw new FlywayException("Could not read the server's binary logging settings before "
                    + migration.getScript(), e);
        }
    }

    /**
     * Why the migration must not start, if it must not: it creates stored code on a server that logs binary events,
     * for a user without SUPER, while log_bin_trust_function_creators is off.
     */
    static Optional<String> refusal(String script, Map<String, String> variables, boolean hasSuper) {
        boolean logsBinaryEvents = isOn(variables.get("log_bin")) || isOn(variables.get("wsrep_on"));
        if (!logsBinaryEvents || hasSuper || isOn(variables.get("log_bin_trust_function_creators"))) {
            return Optional.empty();
        }
        return Optional.of("Migration " + script + " creates triggers, and this database server logs binary events"
                + " (binary logging or a Galera cluster) while log_bin_trust_function_creators is OFF: MariaDB would"
                + " refuse the triggers half-way through. Nothing of this migration was applied. Set"
                + " log_bin_trust_function_creators=1 in the configuration of every database node (or run the"
                + " migrations as a user with the SUPER privilege), then start the portal again."
                + " See \"MariaDB Galera\" in docs/operations.md.");
    }

    static boolean createsStoredCode(String script) {
        if (script == null || !script.endsWith(".sql")) {
            return false;
        }
        // Flyway names a script by its path under the location or from the class path root, depending on its scanner.
        String resource = script.startsWith("db/migration/") ? script : "db/migration/" + script;
        try (InputStream sql = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (sql == null) {
                // Checked rather than assumed harmless: a script this guard can't read is one it can't vouch for.
                throw new FlywayException("Could not read migration " + resource + " to check it for triggers");
            }
            return STORED_CODE.matcher(new String(sql.readAllBytes(), StandardCharsets.UTF_8)).find();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read migration " + script, e);
        }
    }

    private static Map<String, String> serverVariables(Connection connection) throws SQLException {
        Map<String, String> variables = new HashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                "SHOW GLOBAL VARIABLES WHERE Variable_name IN"
                        + " ('log_bin', 'wsrep_on', 'log_bin_trust_function_creators')")) {
            while (rows.next()) {
                variables.put(rows.getString(1).toLowerCase(Locale.ROOT), rows.getString(2));
            }
        }
        return variables;
    }

    /** SUPER among the current user's own privileges (a user sees only its own rows there). */
    private static boolean hasSuperPrivilege(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                "SELECT COUNT(*) FROM information_schema.USER_PRIVILEGES WHERE PRIVILEGE_TYPE = 'SUPER'"
                        + " AND GRANTEE = CONCAT('''', SUBSTRING_INDEX(CURRENT_USER(), '@', 1), '''@''',"
                        + " SUBSTRING_INDEX(CURRENT_USER(), '@', -1), '''')")) {
            return rows.next() && rows.getLong(1) > 0;
        }
    }

    private static boolean isOn(String value) {
        return value != null && (value.equalsIgnoreCase("ON") || value.equals("1"));
    }

    @Override
    public String getCallbackName() {
        return "migration-guard";
    }
}
