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

    /** Where the bytes are in the {@link AttachmentStore}; null only for a file still waiting to move there. */
    @Column(name = "storage_key")
    String storageKey;

    /** The bytes of a file stored before the {@link AttachmentStore} existed, until {@link AttachmentMover} moves them. */
    @Basic(fetch = FetchType.LAZY)
    @Column(columnDefinition = "longblob")
    byte[] content;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    /** What a case page lists: no file contents. */
    public record Listed(long id, String fileName, String contentType, int sizeBytes) {
        /** The name it is downloaded under: the uploader's, with the extension of what the file really is. */
        public String downloadName() {
            return CaseAttachment.downloadName(fileName, contentType);
        }

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

    /** Records a file already in the {@link AttachmentStore} as an attachment of the case. */
    static CaseAttachment add(SupportCase supportCase, String fileName, AttachmentStore.Stored stored, Instant at) {
        CaseAttachment attachment = new CaseAttachment();
        attachment.caseId = supportCase.id;
        attachment.fileName = fileName;
        attachment.contentType = stored.type().mediaType();
        attachment.sizeBytes = Math.toIntExact(stored.size());
        attachment.sha256 = stored.sha256();
        attachment.storageKey = stored.key();
        attachment.createdAt = at;
        attachment.persist();
        return attachment;
    }

    /** Where a case's files are in the {@link AttachmentStore}. */
    static java.util.Set<String> storageKeysOf(long caseId) {
        return new java.util.HashSet<>(getEntityManager().createQuery("select a.storageKey from CaseAttachment a"
                + " where a.caseId = ?1 and a.storageKey is not null", String.class).setParameter(1, caseId)
                .getResultList());
    }

    /** The bytes the account attached to its cases since then. */
    static long bytesAttachedSince(long accountId, Instant since) {
        Long total = getEntityManager().createQuery("select sum(a.sizeBytes) from CaseAttachment a, SupportCase c"
                + " where a.caseId = c.id and c.accountId = ?1 and a.createdAt > ?2", Long.class)
                .setParameter(1, accountId).setParameter(2, since).getSingleResult();
        return total == null ? 0 : total;
    }

    static java.util.Optional<CaseAttachment> findOnCase(long caseId, long attachmentId) {
        return find("id = ?1 and caseId = ?2", attachmentId, caseId).singleResultOptional();
    }

    public String downloadName() {
        return downloadName(fileName, contentType);
    }

    /**
     * The uploader's file name (already reduced to safe characters) without whatever extension it claimed, and the
     * extension of the sniffed type: a PNG named receipt.html is served as receipt.png.
     */
    static String downloadName(String fileName, String contentType) {
        String extension = AttachmentType.ofMediaType(contentType).map(AttachmentType::extension).orElse("bin");
        int dot = fileName.lastIndexOf('.');
        String base = dot > 0 ? fileName.substring(0, dot) : fileName;
        return (base.isBlank() ? "attachment" : base) + "." + extension;
    }
}
