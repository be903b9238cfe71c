package org.giftportal.support;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Moves the bytes of attachments stored in the database before the {@link AttachmentStore} existed into the store,
 * a few rows per transaction. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so instances running it at the
 * same time move different rows; a row moved twice (an instance killed between writing the file and committing)
 * only leaves an unused file.
 */
@ApplicationScoped
class AttachmentMover {
    private static final Logger LOG = Logger.getLogger(AttachmentMover.class);
    private static final int BATCH = 10;
    private final EntityManager em;
    private final AttachmentStore store;

    AttachmentMover(EntityManager em, AttachmentStore store) {
        this.em = em;
        this.store = store;
    }

    @Scheduled(every = "${portal.housekeeping.every}", delayed = "${portal.housekeeping.first-after}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        try {
            int moved = moveAll();
            if (moved > 0) {
                LOG.infof("Moved %d attachments from the database to the attachment store", moved);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Moving attachments stopped early: %s", e.getMessage());
        }
    }

    /** Moves every attachment still in the database; returns how many. */
    int moveAll() {
        int total = 0;
        int moved;
        do {
            moved = QuarkusTransaction.requiringNew().call(this::moveBatch);
            total += moved;
        } while (moved == BATCH);
        return total;
    }

    @SuppressWarnings("unchecked")
    private int moveBatch() {
        List<Number> ids = em.createNativeQuery("SELECT id FROM support_case_attachment WHERE storage_key IS NULL"
                + " LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED").getResultList();
        for (Number id : ids) {
            CaseAttachment attachment = em.find(CaseAttachment.class, id.longValue());
            attachment.storageKey = store.store(attachment.content).key();
            attachment.content = null;
        }
        return ids.size();
    }
}
