package org.giftportal.web;

import io.netty.util.NetUtil;
import java.util.List;
import java.util.Optional;

/**
 * Which peers may tell the portal who its client is, and how their X-Forwarded-For is read: from the right, since
 * each proxy appends the address it saw, skipping the trusted proxies, to the first hop none of them vouches for.
 * Anything left of that hop was written by the client and proves nothing.
 */
public final class TrustedProxies {
    private final List<Network> networks;

    private TrustedProxies(List<Network> networks) {
        this.networks = networks;
    }

    /** From addresses and CIDR networks, e.g. {@code 10.0.0.0/8}, {@code 127.0.0.1}, {@code ::1}. */
    public static TrustedProxies of(List<String> entries) {
        return new TrustedProxies(entries.stream().map(String::strip).filter(entry -> !entry.isEmpty())
                .map(Network::parse).toList());
    }

    public boolean trusts(String address) {
        byte[] bytes = literal(address).orElse(null);
        return bytes != null && networks.stream().anyMatch(network -> network.contains(bytes));
    }

    /**
     * The client's address: the socket peer's, unless that peer is a trusted proxy; then the rightmost hop of the
     * forwarded chain that isn't a trusted proxy. A hop that must be read and isn't an IP address ("unknown", a name,
     * garbage) proves nothing: then the socket peer is the client.
     */
    public String clientOf(String socketPeer, List<String> forwardedFor) {
        if (!trusts(socketPeer) || forwardedFor.isEmpty()) {
            return socketPeer;
        }
        String[] hops = String.join(",", forwardedFor).split(",");
        String client = socketPeer;
        for (int i = hops.length - 1; i >= 0; i--) {
            Optional<String> hop = address(hops[i]);
            if (hop.isEmpty()) {
                return socketPeer;
            }
            client = hop.get();
            if (!trusts(client)) {
                return client;
            }
        }
        return client;
    }

    /** A hop as an address: bare, or with a port or brackets as some proxies write it; empty if it isn't one. */
    static Optional<String> address(String hop) {
        String value = hop.strip();
        if (value.startsWith("[") && value.contains("]")) {
            value = value.substring(1, value.indexOf(']'));
        } else if (value.indexOf(':') > 0 && value.indexOf(':') == value.lastIndexOf(':')) {
            value = value.substring(0, value.indexOf(':'));
        }
        return literal(value).isPresent() ? Optional.of(value) : Optional.empty();
    }

    /** The address's bytes, only for an IP literal: never a name lookup. */
    private static Optional<byte[]> literal(String address) {
        if (address == null || address.isEmpty()) {
            return Optional.empty();
        }
        if (NetUtil.isValidIpV4Address(address) || NetUtil.isValidIpV6Address(address)) {
            return Optional.ofNullable(NetUtil.createByteArrayFromIpAddressString(address));
        }
        return Optional.empty();
    }

    private record Network(byte[] base, int prefixBits) {
        static Network parse(String entry) {
            int slash = entry.indexOf('/');
            String address = slash < 0 ? entry : entry.substring(0, slash);
            byte[] base = literal(address).orElseThrow(() ->
                    new IllegalArgumentException("Not an address or network: " + entry));
            int bits = slash < 0 ? base.length * 8 : Integer.parseInt(entry.substring(slash + 1));
            if (bits < 0 || bits > base.length * 8) {
                throw new IllegalArgumentException("Not a network: " + entry);
            }
            return new Network(base, bits);
        }

        boolean contains(byte[] address) {
            if (address.length != base.length) {
                return false;
            }
            for (int bit = 0; bit < prefixBits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (base[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
