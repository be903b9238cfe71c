package org.giftportal.web;

import io.quarkus.runtime.LaunchMode;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.giftportal.site.PortalConfig;
import org.jboss.logging.Logger;

/**
 * The one place that says where a request comes from, for the claim-code lock and the rate limits. Reads the socket
 * peer itself (not the address Quarkus derives from the leftmost, client-written X-Forwarded-For value) and walks the
 * forwarded chain from the right through {@link TrustedProxies}.
 */
@ApplicationScoped
public class ClientAddress {
    private static final Logger LOG = Logger.getLogger(ClientAddress.class);
    private final boolean behindProxy;
    private final TrustedProxies trusted;
    private final HttpServerRequest currentRequest;
    private final AtomicBoolean warned = new AtomicBoolean();

    ClientAddress(PortalConfig config, HttpServerRequest currentRequest) {
        this.behindProxy = config.clientAddresses().behindProxy();
        this.trusted = TrustedProxies.of(config.clientAddresses().trustedProxies());
        this.currentRequest = currentRequest;
    }

    /** The client address of the request being served. */
    public String get() {
        return of(currentRequest);
    }

    public String of(HttpServerRequest request) {
        String peer = request.connection() == null || request.connection().remoteAddress() == null ? "unknown"
                : request.connection().remoteAddress().hostAddress();
        List<String> forwarded = request.headers().getAll("X-Forwarded-For");
        if (forwarded.isEmpty()) {
            return peer;
        }
        if (!behindProxy || !trusted.trusts(peer)) {
            warnOnce(peer);
            return peer;
        }
        return trusted.clientOf(peer, forwarded);
    }

    /**
     * The network a client address is counted under: an IPv4 address alone, an IPv6 address with its /64, which one
     * subscriber usually holds whole, so stepping through addresses of one's own network buys nothing. Used by every
     * per-address budget and lock.
     */
    public static String network(String address) {
        if (address != null && address.indexOf(':') >= 0 && io.netty.util.NetUtil.isValidIpV6Address(address)) {
            byte[] bytes = io.netty.util.NetUtil.createByteArrayFromIpAddressString(address);
            if (bytes != null && bytes.length == 16) {
                return java.util.HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
            }
        }
        return address;
    }

    /**
     * A forwarded header from a peer that isn't a trusted proxy: either a client trying its luck, or a proxy the
     * configuration doesn't know, which makes every shopper behind it count as that proxy. Said once per instance.
     */
    private void warnOnce(String peer) {
        if (LaunchMode.current() == LaunchMode.NORMAL && warned.compareAndSet(false, true)) {
            LOG.warnf("X-Forwarded-For arrived from %s, which is not a trusted proxy%s: it is ignored, and the"
                    + " client counts as %s. If the portal runs behind a proxy, set PORTAL_BEHIND_PROXY=true and"
                    + " PORTAL_TRUSTED_PROXIES to its addresses.", peer, behindProxy ? "" : " (PORTAL_BEHIND_PROXY is"
                    + " off)", peer);
        }
    }
}
