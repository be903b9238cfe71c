package org.giftportal.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this instance worked out about a secret (a token, a session cookie), kept until a deadline of its own so the
 * next request that brings the same secret is spared the work. Keys are the secret's SHA-256 ({@link #keyOf}): the
 * secret itself is never a key. The map is bounded: when full, lapsed entries go, and if none have, all of them
 * (everything in it can be worked out again; a full map means an unusual load, which should not grow memory).
 */
public final class ExpiringCache<V> {
    private record Entry<V>(V value, Instant until) {
    }

    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int most;

    public ExpiringCache(Clock clock, int most) {
        this.clock = clock;
        this.most = most;
    }

    /** The value kept under the key, unless it has lapsed by the portal's clock. */
    public V get(String key) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (!entry.until().isAfter(clock.instant())) {
            entries.remove(key, entry);
            return null;
        }
        return entry.value();
    }

    /** Keeps the value until the deadline, unless a value is kept already (then that one's time runs on). */
    public void keep(String key, V value, Instant until) {
        Instant now = clock.instant();
        if (!until.isAfter(now)) {
            return;
        }
        if (entries.size() >= most) {
            entries.values().removeIf(entry -> !entry.until().isAfter(now));
            if (entries.size() >= most) {
                entries.clear();
            }
        }
        entries.putIfAbsent(key, new Entry<>(value, until));
    }

    public void forget(String key) {
        entries.remove(key);
    }

    public Instant now() {
        return clock.instant();
    }

    /** The key a secret is kept under: its SHA-256, in hex. */
    public static String keyOf(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
