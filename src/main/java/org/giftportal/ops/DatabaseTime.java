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
}
