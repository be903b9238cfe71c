package org.giftportal.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The guard that stops a trigger migration a binary-logging server would refuse half-way (Galera, replicas). Seen live
 * on a Galera node by bench/galera; here its decision, for each kind of server.
 */
class MigrationGuardTest {
    private static final String V2 = "V2__cards_ledger_and_claim_guard.sql";

    @Test
    void refusesTriggersOnABinaryLoggingServerWithoutTrustOrSuper() {
        Map<String, String> galera = Map.of("log_bin", "OFF", "wsrep_on", "ON", "log_bin_trust_function_creators",
                "OFF");
        assertThat(MigrationGuard.refusal(V2, galera, false)).hasValueSatisfying(message -> assertThat(message)
                .contains(V2).contains("log_bin_trust_function_creators=1").contains("Nothing of this migration"));
        assertThat(MigrationGuard.refusal(V2, Map.of("log_bin", "ON", "log_bin_trust_function_creators", "OFF"),
                false)).isPresent();
    }

    @Test
    void letsItRunWhenTheServerWouldAcceptTheTriggers() {
        assertThat(MigrationGuard.refusal(V2, Map.of("log_bin", "OFF", "log_bin_trust_function_creators", "OFF"),
                false)).as("no binary logging, as the test database").isEmpty();
        assertThat(MigrationGuard.refusal(V2, Map.of("wsrep_on", "ON", "log_bin_trust_function_creators", "ON"),
                false)).as("trust set on the node").isEmpty();
        assertThat(MigrationGuard.refusal(V2, Map.of("log_bin", "ON", "log_bin_trust_function_creators", "OFF"),
                true)).as("a migration user with SUPER").isEmpty();
    }

    @Test
    void looksOnlyAtMigrationsThatCreateStoredCode() {
        assertThat(MigrationGuard.createsStoredCode(V2)).isTrue();
        assertThat(MigrationGuard.createsStoredCode("db/migration/" + V2)).isTrue();
        assertThat(MigrationGuard.createsStoredCode("V10__card_numbers_audit_log.sql")).isTrue();
        assertThat(MigrationGuard.createsStoredCode("V1__accounts.sql")).isFalse();
        assertThat(MigrationGuard.createsStoredCode("V11__Card_numbers_for_existing_cards")).isFalse();
        assertThatThrownBy(() -> MigrationGuard.createsStoredCode("V99__not_in_the_build.sql"))
                .as("a script it can't read is not waved through").hasMessageContaining("V99__not_in_the_build.sql");
    }

    @Test
    void recognisesEveryWayToCreateStoredCode() {
        for (String statement : java.util.List.of("CREATE TRIGGER t BEFORE UPDATE ON x", "create or replace trigger t",
                "CREATE DEFINER=`admin`@`%` TRIGGER t", "CREATE DEFINER = 'admin' @ 'localhost' PROCEDURE p()",
                "CREATE AGGREGATE FUNCTION f", "CREATE\n  FUNCTION f()")) {
            assertThat(MigrationGuard.STORED_CODE.matcher(statement).find()).as(statement).isTrue();
        }
        assertThat(MigrationGuard.STORED_CODE.matcher("CREATE TABLE trigger_log (id INT)").find()).isFalse();
    }
}
