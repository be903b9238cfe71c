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

    /** The form submission that wrote it, so the same form sent twice adds one message. */
    @Column(name = "request_id", updatable = false)
    String requestId;

    static CaseMessage add(SupportCase supportCase, AuthorRole role, String author, String body, Instant at,
            String requestId) {
        CaseMessage message = new CaseMessage();
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

    static List<CaseMessage> forCase(long caseId) {
        return list("caseId = ?1 order by createdAt, id", caseId);
    }
}
