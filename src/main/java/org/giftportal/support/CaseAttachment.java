package org.giftportal.support;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A receipt or screenshot on a case, stored in the database with its checked type and its SHA-256. */
@Entity
@Table(name = "support_case_attachment")
public class CaseAttachment extends PanacheEntityBase {
    public static final int MAX_BYTES = 5 * 1024 * 1024;
    public static final int MAX_PER_CASE = 3;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "case_id", nullable = false, updatable = false)
    public long caseId;

    @Column(name = "file_name", nullable = false, updatable = false)
    public String fileName;

    @Column(name = "content_type", nullable = false, updatable = false)
    public String contentType;

    @Column(name = "size_bytes", nullable = false, updatable = false)
    public int sizeBytes;

    @Column(nullable = false, updatable = false, columnDefinition = "binary(32)")
    byte[] sha256;

    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false, updatable = false, columnDefinition = "longblob")
    byte[] content;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    /** What a case page lists: no file contents. */
    public record Listed(long id, String fileName, String contentType, int sizeBytes) {
        public String size() {
            return sizeBytes >= 1024 * 1024 ? String.format("%.1f MB", sizeBytes / (1024.0 * 1024))
                    : Math.max(1, sizeBytes / 1024) + " KB";
        }
    }

    static List<Listed> listForCase(long caseId) {
        return getEntityManager().createQuery("select new org.giftportal.support.CaseAttachment$Listed("
                + "a.id, a.fileName, a.contentType, a.sizeBytes) from CaseAttachment a where a.caseId = ?1 order by a.id",
                Listed.class).setParameter(1, caseId).getResultList();
    }

    static java.util.Optional<CaseAttachment> findOnCase(long caseId, long attachmentId) {
        return find("id = ?1 and caseId = ?2", attachmentId, caseId).singleResultOptional();
    }

    public byte[] content() {
        return content;
    }
}
