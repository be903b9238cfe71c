package org.giftportal.card;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.giftportal.site.PortalConfig;
import org.jboss.logging.Logger;

/**
 * DEV ONLY: the demo gift cards of {@code ./portal-demo}, one for every outcome of the redeem page. Their codes
 * come from a fixed seed, so they are public knowledge: this runs only where {@code portal.demo.enabled} is true
 * (the dev profile), never in production.
 */
@ApplicationScoped
public class DemoCards {
    private static final Logger LOG = Logger.getLogger(DemoCards.class);
    private static final long SEED = 20261125L;

    /** What a demo card is for, its value and how it is set up. */
    public record DemoCard(String purpose, String region, long wholeUnits, CardStatus status, boolean expired) {
    }

    public static final List<DemoCard> CARDS = List.of(
            new DemoCard("US, ready to redeem", "US", 50, CardStatus.ACTIVE, false),
            new DemoCard("US, ready to redeem", "US", 25, CardStatus.ACTIVE, false),
            new DemoCard("US, ready to redeem", "US", 100, CardStatus.ACTIVE, false),
            new DemoCard("US, ready to redeem (highest value)", "US", 2000, CardStatus.ACTIVE, false),
            new DemoCard("US, not activated at the till", "US", 75, CardStatus.ISSUED, false),
            new DemoCard("US, reported lost or stolen", "US", 40, CardStatus.BLOCKED, false),
            new DemoCard("US, cancelled", "US", 30, CardStatus.CANCELLED, false),
            new DemoCard("US, expired", "US", 60, CardStatus.ACTIVE, true),
            new DemoCard("UK, ready to redeem (for oliver; wrong region for alex)", "GB", 50, CardStatus.ACTIVE, false),
            new DemoCard("India, ready to redeem (for priya)", "IN", 2000, CardStatus.ACTIVE, false));

    /** The index in {@link #CARDS} of the card reported lost (a demo support case is about it). */
    public static final int BLOCKED_DEMO_CARD = 5;

    private final CardIssuing issuing;
    private final PortalConfig config;
    private final Clock clock;

    DemoCards(CardIssuing issuing, PortalConfig config, Clock clock) {
        this.issuing = issuing;
        this.config = config;
        this.clock = clock;
    }

    /** The demo codes, in the order of {@link #CARDS}: the same on every machine and every run. */
    public static List<ClaimCode> codes() {
        Random seeded = new Random(SEED);
        return CARDS.stream().map(card -> ClaimCode.fromBody(ClaimCode.randomBody(seeded))).toList();
    }

    void seed(@Observes StartupEvent startup) {
        if (!config.demo().enabled()) {
            return;
        }
        List<ClaimCode> codes = codes();
        int created = 0;
        for (int i = 0; i < CARDS.size(); i++) {
            DemoCard demo = CARDS.get(i);
            ClaimCode code = codes.get(i);
            created += QuarkusTransaction.requiringNew().call(() -> issueOnce(demo, code)) ? 1 : 0;
        }
        LOG.infof("Demo gift cards: %d created, %d already there", created, CARDS.size() - created);
        config.demo().cardsFile().ifPresent(file -> writeList(java.nio.file.Path.of(file), codes));
    }

    /**
     * The list ./portal-demo prints once the portal is up: each demo code with what it is now, since the database is
     * kept between runs (a card redeemed yesterday is redeemed today).
     */
    private void writeList(java.nio.file.Path file, List<ClaimCode> codes) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < CARDS.size(); i++) {
            DemoCard demo = CARDS.get(i);
            ClaimCode code = codes.get(i);
            String now = QuarkusTransaction.requiringNew().call(() -> issuing.statusOf(code))
                    .filter(status -> status != demo.status())
                    .map(status -> status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).orElse("");
            lines.append(String.format("  %s  %5d %s  %s%s%n", code.formatted(), demo.wholeUnits(), demo.region(),
                    demo.purpose(), now.isEmpty() ? "" : " (now " + now + ")"));
        }
        try {
            java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
            java.nio.file.Files.writeString(file, lines.toString());
        } catch (java.io.IOException e) {
            LOG.warnf("The demo card list could not be written to %s: %s", file, e.getMessage());
        }
    }

    private boolean issueOnce(DemoCard demo, ClaimCode code) {
        if (issuing.exists(code)) {
            return false;
        }
        GiftCard card = issuing.issue(new CardIssuing.Order(demo.region(), demo.wholeUnits(),
                demo.status() != CardStatus.ISSUED, "demo"), code).card();
        if (demo.status() == CardStatus.BLOCKED) {
            card.block(clock.instant());
        } else if (demo.status() == CardStatus.CANCELLED) {
            card.cancel(clock.instant());
        }
        if (demo.expired()) {
            card.expiresAt = clock.instant().minus(Duration.ofDays(30));
        }
        return true;
    }
}
