package org.giftportal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Who the client is, read from X-Forwarded-For the way a proxy writes it: from the right. */
class TrustedProxiesTest {
    private final TrustedProxies proxies = TrustedProxies.of(List.of("127.0.0.1", "10.0.0.0/8", "::1"));

    @Test
    void theRightmostHopNoTrustedProxyWroteIsTheClientNotTheLeftmostOneTheClientWrote() {
        // The client sent "X-Forwarded-For: 6.6.6.6"; the proxy appended the address it saw.
        assertThat(proxies.clientOf("127.0.0.1", List.of("6.6.6.6, 203.0.113.9"))).isEqualTo("203.0.113.9");
    }

    @Test
    void trustedHopsAreWalkedPastFromTheRight() {
        assertThat(proxies.clientOf("127.0.0.1", List.of("203.0.113.9, 10.1.2.3, 10.4.5.6")))
                .isEqualTo("203.0.113.9");
        assertThat(proxies.clientOf("127.0.0.1", List.of("203.0.113.9", "10.1.2.3"))).isEqualTo("203.0.113.9");
    }

    @Test
    void aHopThatIsNotAnAddressMakesTheSocketPeerTheClient() {
        assertThat(proxies.clientOf("127.0.0.1", List.of("unknown"))).isEqualTo("127.0.0.1");
        assertThat(proxies.clientOf("127.0.0.1", List.of("evil.example, 10.9.9.9"))).isEqualTo("127.0.0.1");
        assertThat(proxies.clientOf("127.0.0.1", List.of("not an address, 198.51.100.7"))).isEqualTo("198.51.100.7");
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItForwards() {
        assertThat(proxies.clientOf("198.51.100.7", List.of("1.2.3.4"))).isEqualTo("198.51.100.7");
    }

    @Test
    void portsAndBracketsAreReadAsProxiesWriteThem() {
        assertThat(proxies.clientOf("127.0.0.1", List.of("203.0.113.9:51234"))).isEqualTo("203.0.113.9");
        assertThat(proxies.clientOf("127.0.0.1", List.of("[2001:db8::1]:443"))).isEqualTo("2001:db8::1");
        assertThat(proxies.clientOf("::1", List.of("2001:db8::2"))).isEqualTo("2001:db8::2");
    }
}
