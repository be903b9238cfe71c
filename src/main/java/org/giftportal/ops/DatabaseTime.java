package org.giftportal.ops;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The database keeps times as UTC wall-clock values, as Hibernate writes them ({@code quarkus.hibernate-orm.jdbc.timezone}
 * is UTC). Statements written by hand bind times through here, never through {@code java.sql.Timestamp}, which would
 * use the JVM's time zone: instances in different zones would then disagree about a lease's end.
 */
public final class DatabaseTime {
    private DatabaseTime() {
    }

    public static LocalDateTime of(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** A time read back by a native query, whichever type the driver chose for it. */
    public static Instant read(Object value) {
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        if (value instanceof LocalDateTime local) {
            return local.toInstant(ZoneOffset.UTC);
        }
        return (Instant) value;
    }
}
