package org.giftportal.support;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.giftportal.card.ClaimCode;
import org.giftportal.card.ClaimCodeHasher;
import org.giftportal.card.DemoCards;
import org.giftportal.site.PortalConfig;
import org.jboss.logging.Logger;

/**
 * DEV ONLY: support cases for {@code ./portal-demo}, in every state, so the demo support user (sam) and admin (ada)
 * find a realistic queue: the demo shoppers' accounts (their Keycloak ids are fixed in the demo realm) are made if
 * missing, then their cases, once. Runs only where {@code portal.demo.enabled} is true, never in production.
 */
@ApplicationScoped
class DemoCases {
    private static final Logger LOG = Logger.getLogger(DemoCases.class);
    private static final String ALEX = "d0000000-0000-4000-8000-000000000001";
    private static final String PRIYA = "d0000000-0000-4000-8000-000000000002";
    private static final String OLIVER = "d0000000-0000-4000-8000-000000000003";

    private final PortalConfig config;
    private final EntityManager em;
    private final ClaimCodeHasher hasher;
    private final Clock clock;

    DemoCases(PortalConfig config, EntityManager em, ClaimCodeHasher hasher, Clock clock) {
        this.config = config;
        this.em = em;
        this.hasher = hasher;
        this.clock = clock;
    }

    private record DemoCase(String subject, String name, String email, String region, String currency,
            CaseTopic topic, CaseStatus status, Duration age, String description, String supportReply,
            boolean aboutTheLostCard) {
    }

    private static final List<DemoCase> CASES = List.of(
            new DemoCase(ALEX, "Alex Morgan", "alex@example.test", "US", "USD", CaseTopic.NOT_ACTIVATED,
                    CaseStatus.OPEN, Duration.ofDays(3), "I bought a $75 card at the Main Street store and it says"
                            + " it isn't activated. The receipt shows it was paid for.", null, false),
            new DemoCase(ALEX, "Alex Morgan", "alex@example.test", "US", "USD", CaseTopic.LOST_OR_STOLEN,
                    CaseStatus.OPEN, Duration.ofHours(20), "I lost the $40 card my aunt gave me, somewhere on the"
                            + " bus. I still have the gift receipt.", null, true),
            new DemoCase(OLIVER, "Oliver Bennett", "oliver@example.test", "GB", "GBP",
                    CaseTopic.ALREADY_REDEEMED, CaseStatus.WAITING_ON_CUSTOMER, Duration.ofDays(2),
                    "The card I received says it's already redeemed, but it isn't in my history.",
                    "Could you send us a photo of the back of the card, with the last four characters visible?",
                    false),
            new DemoCase(PRIYA, "Priya Sharma", "priya@example.test", "IN", "INR", CaseTopic.WRONG_ACCOUNT,
                    CaseStatus.ESCALATED, Duration.ofDays(5), "I redeemed a card to my old account by mistake. Can"
                            + " the balance move to this one?", null, false),
            new DemoCase(OLIVER, "Oliver Bennett", "oliver@example.test", "GB", "GBP", CaseTopic.OTHER,
                    CaseStatus.RESOLVED, Duration.ofDays(9), "How long does a gift card balance last?",
                    "Your balance never expires: it stays in your account until you spend it.", false));

    /** After the demo cards (the lost-card case refers to one of them). */
    void seed(@Observes @Priority(3000) StartupEvent startup) {
        if (!config.demo().enabled()) {
            return;
        }
        int created = 0;
        for (int i = 0; i < CASES.size(); i++) {
            DemoCase demo = CASES.get(i);
            String requestId = String.format("00000000-0000-4000-8000-%012d", i);
            created += QuarkusTransaction.requiringNew().call(() -> seedOnce(demo, requestId)) ? 1 : 0;
        }
        LOG.infof("Demo support cases: %d created, %d already there", created, CASES.size() - created);
    }

    private boolean seedOnce(DemoCase demo, String requestId) {
        long accountId = account(demo);
        if (SupportCase.findByRequest(accountId, requestId).isPresent()) {
            return false;
        }
        Instant opened = clock.instant().minus(demo.age());
        SupportCase supportCase = new SupportCase();
        // A case number in the usual alphabet (no 0 or 1): GC-DEMQQQQQ, GC-DEMQQQQR, GC-DEMQQQQ2, ...
        supportCase.reference = "GC-DEMQ" + requestId.substring(requestId.length() - 4).replace('0', 'Q')
                .replace('1', 'R');
        supportCase.accountId = accountId;
        supportCase.topic = demo.topic();
        supportCase.status = demo.status();
        supportCase.description = demo.description();
        supportCase.requestId = requestId;
        supportCase.createdAt = opened;
        supportCase.updatedAt = opened.plus(Duration.ofHours(1));
        if (demo.aboutTheLostCard()) {
            ClaimCode lost = DemoCards.codes().get(DemoCards.BLOCKED_DEMO_CARD);
            supportCase.cardCodeHash = hasher.hash(lost);
            supportCase.cardLast4 = lost.lastFour();
        }
        if (demo.status() == CaseStatus.ESCALATED) {
            supportCase.escalatedAt = supportCase.updatedAt;
        }
        if (demo.status() == CaseStatus.RESOLVED) {
            supportCase.resolvedAt = supportCase.updatedAt;
        }
        supportCase.persist();
        CaseMessage.add(supportCase, AuthorRole.CUSTOMER, demo.name(), demo.description(), opened, null);
        if (demo.aboutTheLostCard()) {
            CaseMessage.add(supportCase, AuthorRole.SYSTEM, "Gift Card Portal", "The card "
                    + ClaimCode.masked(supportCase.cardLast4) + " is now on hold: nobody can redeem it while we"
                    + " review your report.", opened, null);
        }
        if (demo.supportReply() != null) {
            CaseMessage.add(supportCase, AuthorRole.SUPPORT, "Sam Okafor", demo.supportReply(),
                    opened.plus(Duration.ofHours(1)), null);
        }
        return true;
    }

    /** The demo shopper's account, made as a first sign-in would if they haven't signed in yet. */
    private long account(DemoCase demo) {
        Instant now = clock.instant();
        em.createNativeQuery("""
                INSERT INTO account (subject, email, email_verified, display_name, region, currency, created_at,
                    updated_at)
                VALUES (?1, ?2, TRUE, ?3, ?4, ?5, ?6, ?6)
                ON DUPLICATE KEY UPDATE subject = subject""")
                .setParameter(1, demo.subject()).setParameter(2, demo.email()).setParameter(3, demo.name())
                .setParameter(4, demo.region()).setParameter(5, demo.currency()).setParameter(6, now)
                .executeUpdate();
        return ((Number) em.createNativeQuery("SELECT id FROM account WHERE subject = ?1")
                .setParameter(1, demo.subject()).getSingleResult()).longValue();
    }
}
