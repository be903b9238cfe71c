package org.giftportal.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a Galera cluster asks of the schema and the code, checked on the migrated test database: every table has a
 * primary key and is InnoDB (Galera replicates InnoDB rows by key; a table without one is refused or replicated
 * badly), and no code relies on a lock only one node sees (LOCK TABLES, GET_LOCK). bench/galera runs the portal on a
 * real three-node cluster.
 */
@QuarkusTest
class ClusterReadySchemaTest {
    @Inject
    AgroalDataSource dataSource;

    @Test
    void everyTableHasAPrimaryKeyAndIsInnoDb() throws SQLException {
        assertThat(tables("""
                SELECT t.table_name FROM information_schema.tables t
                WHERE t.table_schema = DATABASE() AND t.table_type = 'BASE TABLE' AND NOT EXISTS (
                  SELECT 1 FROM information_schema.table_constraints c WHERE c.table_schema = t.table_schema
                  AND c.table_name = t.table_name AND c.constraint_type = 'PRIMARY KEY')""")).isEmpty();
        assertThat(tables("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"
                + " AND table_type = 'BASE TABLE' AND engine <> 'InnoDB'")).isEmpty();
        assertThat(tables("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"
                + " AND table_type = 'BASE TABLE'")).hasSizeGreaterThan(20);
    }

    @Test
    void noCodeTakesALockOnlyOneNodeSees() throws IOException {
        Pattern nodeLocal = Pattern.compile("LOCK\\s+TABLES|GET_LOCK\\s*\\(", Pattern.CASE_INSENSITIVE);
        List<Path> offenders = new ArrayList<>();
        for (Path root : List.of(Path.of("src", "main", "java"), Path.of("src", "main", "resources", "db"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    if (nodeLocal.matcher(Files.readString(file)).find()) {
                        offenders.add(file);
                    }
                }
            }
        }
        assertThat(offenders).isEmpty();
    }

    private List<String> tables(String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                ResultSet rows = connection.createStatement().executeQuery(sql)) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
