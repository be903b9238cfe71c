package org.giftportal.support;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** One message on a case: the shopper's, support's, or the portal's own note (a card put on hold, say). */
@Entity
@Table(name = "support_case_message")
public class CaseMessage extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "case_id", nullable = false, updatable = false)
    public long caseId;

    @Enumerated(EnumType.STRING)
    @Column(name = "author_role", nullable = false, updatable = false)
    public AuthorRole authorRole;

    @Column(name = "author_name", nullable = false, updatable = false)
    public String authorName;

    @Column(nullable = false, updatable = false)
    public String body;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    /** A note between staff: never shown to the shopper. */
    @Column(nullable = false, updatable = false)
    public boolean internal;

    /** The form submission that wrote it, so the same form sent twice adds one message. */
    @Column(name = "request_id", updatable = false)
    String requestId;

    static CaseMessage add(SupportCase supportCase, AuthorRole role, String author, String body, Instant at,
            String requestId) {
        return write(supportCase, role, author, body, at, requestId, false);
    }

    private static CaseMessage write(SupportCase supportCase, AuthorRole role, String author, String body, Instant at,
            String requestId, boolean internal) {
        CaseMessage message = new CaseMessage();
        message.internal = internal;
        message.requestId = requestId;
        message.caseId = supportCase.id;
        message.authorRole = role;
        message.authorName = author;
        message.body = body;
        message.createdAt = at;
        message.persist();
        return message;
    }

    static boolean existsForRequest(long caseId, String requestId) {
        return count("caseId = ?1 and requestId = ?2", caseId, requestId) > 0;
    }

    static long countForCase(long caseId) {
        return count("caseId", caseId);
    }

    /** What the shopper sees of the conversation: everything but internal notes. */
    static List<CaseMessage> forShopper(long caseId) {
        return list("caseId = ?1 and internal = false order by createdAt, id", caseId);
    }

    /** The whole conversation, internal notes included, for staff. */
    static List<CaseMessage> forStaff(long caseId) {
        return list("caseId = ?1 order by createdAt, id", caseId);
    }

    /** A note only staff see. */
    static CaseMessage addInternal(SupportCase supportCase, String author, String body, Instant at, String requestId) {
        return write(supportCase, AuthorRole.SUPPORT, author, body, at, requestId, true);
    }
}
