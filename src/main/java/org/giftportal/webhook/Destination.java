package org.giftportal.webhook;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Where an endpoint's address leads, checked at send time: the host is resolved once, and refused if any of its
 * addresses is loopback, private, link-local (which holds the clouds' metadata address), carrier-grade NAT, multicast
 * or unspecified, unless private addresses are allowed (dev and tests). The sender then connects to the address
 * checked here, never resolving the name again, so a rebinding DNS can't send it elsewhere.
 */
record Destination(URI uri, InetAddress address, int port, boolean https) {

    /** Why the address can't be used as an endpoint at all (checked when it is saved): not https, no host, and so on. */
    static Optional<String> formProblem(String url, boolean allowPrivate, boolean allowLoopback) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            return Optional.of("That isn't a web address: give it like https://hooks.example.com/gift-cards.");
        }
        if (uri.getHost() == null || uri.getScheme() == null) {
            return Optional.of("Give the whole address, like https://hooks.example.com/gift-cards.");
        }
        boolean httpAllowed = allowPrivate || allowLoopback && isLoopbackName(uri.getHost());
        if (!"https".equals(uri.getScheme()) && !("http".equals(uri.getScheme()) && httpAllowed)) {
            return Optional.of("Use an https address: events are sent encrypted.");
        }
        if (uri.getUserInfo() != null || uri.getFragment() != null) {
            return Optional.of("Leave out a user name, password or #fragment: the address is the receiver's only.");
        }
        if (url.length() > 2000) {
            return Optional.of("That address is too long (2,000 characters at most).");
        }
        return Optional.empty();
    }

    /** The address resolved and checked now; an exception saying why it can't be sent to. */
    static Destination resolve(String url, boolean allowPrivate, boolean allowLoopback) throws Refused {
        URI uri = URI.create(url);
        boolean https = "https".equals(uri.getScheme());
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new Refused("the host " + uri.getHost() + " is not known");
        }
        for (InetAddress address : addresses) {
            if (!allowPrivate && isInternal(address) && !(allowLoopback && address.isLoopbackAddress())) {
                throw new Refused("the host " + uri.getHost() + " leads to an internal address (" +
                        address.getHostAddress() + ")");
            }
        }
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        return new Destination(uri, addresses[0], port, https);
    }

    private static boolean isLoopbackName(String host) {
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
    }

    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            return (bytes[0] & 0xfe) == 0xfc; // unique local fc00::/7 (fd00:ec2::254 is a cloud metadata address)
        }
        return (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64 // carrier-grade NAT 100.64.0.0/10
                || (bytes[0] & 0xff) == 0; // "this network"
    }

    String pathAndQuery() {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** The address can't be sent to now, and why. */
    static final class Refused extends Exception {
        Refused(String why) {
            super(why, null, false, false);
        }
    }
}
