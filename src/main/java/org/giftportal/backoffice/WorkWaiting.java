package org.giftportal.backoffice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.giftportal.ops.DatabaseTime;

/**
 * The work waiting for staff, counted across the features' tables for the back office's home: the one place in the
 * composition layer that reads them, by name, so that no feature has to know the back office.
 */
@ApplicationScoped
class WorkWaiting {
    private final EntityManager em;
    private final Clock clock;

    WorkWaiting(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** One kind of work: how many, how long the oldest has waited, and where the list is. */
    public record Waiting(String what, long count, String oldest, String url) {
    }

    /** The work waiting, the value requests too for whoever may decide them. */
    List<Waiting> waiting(boolean mayManageValue) {
        List<Waiting> waiting = new java.util.ArrayList<>(List.of(
                cases("Cases waiting on the team", "OPEN", "/backoffice/cases?status=OPEN"),
                cases("Cases escalated to a senior colleague", "ESCALATED", "/backoffice/cases?status=ESCALATED"),
                cases("Cases waiting on the shopper", "WAITING_ON_CUSTOMER",
                        "/backoffice/cases?status=WAITING_ON_CUSTOMER"),
                counted("Blocked cards waiting for review", "SELECT COUNT(*), NULL FROM gift_card"
                        + " WHERE status = 'BLOCKED'", "/backoffice/cards?status=BLOCKED"),
                counted("Redemptions held for review", "SELECT COUNT(*), MIN(held_at) FROM redemption_review"
                        + " WHERE status = 'WAITING'", "/backoffice/reviews")));
        waiting.add(counted("Emails that could not be sent", "SELECT COUNT(*), MIN(created_at)"
                + " FROM mail_outbox WHERE status = 'FAILED'", "/backoffice/mails"));
        if (mayManageValue) {
            waiting.add(counted("Requests waiting for a second admin", "SELECT COUNT(*), MIN(requested_at)"
                    + " FROM value_request WHERE status = 'PENDING' AND desk = 'backoffice'", "/backoffice/approvals"));
        }
        return waiting;
    }

    private Waiting cases(String what, String status, String url) {
        return counted(what, "SELECT COUNT(*), MIN(updated_at) FROM support_case WHERE status = '" + status + "'",
                url);
    }

    private Waiting counted(String what, String sql, String url) {
        Object[] row = (Object[]) em.createNativeQuery(sql).getSingleResult();
        long count = ((Number) row[0]).longValue();
        String oldest = row[1] == null ? null : age(DatabaseTime.read(row[1]));
        return new Waiting(what, count, oldest, url);
    }

    private String age(Instant since) {
        Duration waited = Duration.between(since, clock.instant());
        long days = waited.toDays();
        long hours = Math.max(0, waited.toHours());
        return days > 0 ? days + (days == 1 ? " day" : " days") : hours + (hours == 1 ? " hour" : " hours");
    }
}
