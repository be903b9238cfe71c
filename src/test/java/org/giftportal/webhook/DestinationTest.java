package org.giftportal.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/**
 * Where a webhook may go: https addresses only (http in dev and tests), never to this machine, the private network,
 * link-local addresses (the clouds' metadata service) or carrier-grade NAT, unless private addresses are allowed.
 */
class DestinationTest {

    @Test
    void internalAddressesAreKnownAsSuch() throws Exception {
        for (String internal : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "::1", "fd00:ec2::254", "fe80::1", "224.0.0.1"}) {
            assertThat(Destination.isInternal(InetAddress.getByName(internal))).as(internal).isTrue();
        }
        for (String outside : new String[] {"93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "100.128.0.1"}) {
            assertThat(Destination.isInternal(InetAddress.getByName(outside))).as(outside).isFalse();
        }
    }

    @Test
    void anAddressLeadingInsideIsRefusedUnlessPrivateAddressesAreAllowed() throws Exception {
        assertThatThrownBy(() -> Destination.resolve("https://127.0.0.1:8443/hooks", false, false))
                .isInstanceOf(Destination.Refused.class).hasMessageContaining("internal address (127.0.0.1)");
        assertThatThrownBy(() -> Destination.resolve("https://169.254.169.254/latest/meta-data", false, true))
                .hasMessageContaining("internal address");
        Destination allowed = Destination.resolve("http://127.0.0.1:9999/hooks?x=1", true, false);
        assertThat(allowed.address().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(allowed.port()).isEqualTo(9999);
        assertThat(allowed.pathAndQuery()).isEqualTo("/hooks?x=1");
        assertThat(Destination.resolve("http://127.0.0.1:9999/hooks", false, true).port())
                .as("loopback allowed alone: this machine, and only it").isEqualTo(9999);
        assertThatThrownBy(() -> Destination.resolve("http://10.0.0.8/hooks", false, true))
                .hasMessageContaining("internal address");
    }

    @Test
    void onlyHttpsAddressesAreTakenOutsideDevAndTests() {
        assertThat(Destination.formProblem("http://hooks.example.com/in", false, true)).get().asString()
                .contains("https");
        assertThat(Destination.formProblem("https://hooks.example.com/in", false, false)).isEmpty();
        assertThat(Destination.formProblem("https://user:pw@hooks.example.com/in", false, false)).get().asString()
                .contains("user name");
        assertThat(Destination.formProblem("not a url", false, false)).isPresent();
        assertThat(Destination.formProblem("http://127.0.0.1:9999/hooks", true, false)).isEmpty();
        assertThat(Destination.formProblem("http://127.0.0.1:9999/hooks", false, true)).isEmpty();
    }
}
