package org.giftportal.ledger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.giftportal.account.Account;
import org.giftportal.card.CardIssuing;
import org.giftportal.card.GiftCard;
import org.giftportal.site.PortalConfig;
import org.giftportal.site.Region;
import org.giftportal.site.Regions;
import org.jboss.logging.Logger;

/**
 * DEV ONLY: a little dated activity in the two months before this one, in the US region, so that the finance pages of
 * {@code ./portal-demo} show real statements (closed by the month-closing job a few minutes after start): cards sold
 * at tills, a sale voided, redemptions, purchases, a refund, adjustments, a cancelled card and a small balance paid
 * in cash. It goes through the ledger's own posting (a ledger on a clock set to each event's time) and the cards' own
 * transitions, so the money checks hold. Runs once, where {@code portal.demo.enabled} is true.
 */
@ApplicationScoped
public class DemoMonths {
    private static final Logger LOG = Logger.getLogger(DemoMonths.class);
    static final String FIRST_SHOPPER = "demo-finance-shopper-1";
    private final CardIssuing issuing;
    private final Regions regions;
    private final PortalConfig config;
    private final Clock clock;
    private final jakarta.enterprise.event.Event<BalanceChanged> changed;

    DemoMonths(CardIssuing issuing, Regions regions, PortalConfig config, Clock clock,
            jakarta.enterprise.event.Event<BalanceChanged> changed) {
        this.issuing = issuing;
        this.regions = regions;
        this.config = config;
        this.clock = clock;
        this.changed = changed;
    }

    void seed(@Observes StartupEvent startup) {
        if (!config.demo().enabled()) {
            return;
        }
        boolean seeded = QuarkusTransaction.requiringNew().call(() -> Account.findBySubject(FIRST_SHOPPER)
                .isPresent());
        if (seeded) {
            return;
        }
        Region us = regions.find("US").orElseThrow();
        YearMonth thisMonth = YearMonth.from(clock.instant().atZone(us.timeZone()));
        QuarkusTransaction.requiringNew().run(() -> seed(us, thisMonth.minusMonths(2), thisMonth.minusMonths(1)));
        LOG.infof("Demo finance activity: %s and %s in %s", thisMonth.minusMonths(2), thisMonth.minusMonths(1),
                us.name());
    }

    void seed(Region us, YearMonth first, YearMonth second) {
        Account dana = shopper(FIRST_SHOPPER, "Dana Whitfield", us, first);
        Account luis = shopper("demo-finance-shopper-2", "Luis Ortega", us, first);

        GiftCard hundred = soldAt(us, 100, at(us, first, 2, 10));
        redeem(dana, hundred, at(us, first, 5, 18));
        dated(at(us, first, 12, 13)).recordPurchase(dana.id, 4_000, "DEMO-ORDER-1001");
        dated(at(us, first, 15, 11)).recordRefund(dana.id, 1_000, "DEMO-ORDER-1001");
        GiftCard voided = soldAt(us, 50, at(us, first, 8, 16));
        voided.deactivate(at(us, first, 9, 9));
        journaled();
        soldAt(us, 25, at(us, first, 20, 12));
        dated(at(us, first, 22, 15)).recordAdjustment(dana.id, 500, "Sorry for the wait at the till", "GC-DEMO-01");

        GiftCard seventyFive = soldAt(us, 75, at(us, second, 3, 14));
        redeem(luis, seventyFive, at(us, second, 4, 20));
        dated(at(us, second, 10, 17)).recordPurchase(luis.id, 7_000, "DEMO-ORDER-1002");
        soldAt(us, 30, at(us, second, 6, 10)).cancel(at(us, second, 7, 9));
        journaled();
        dated(at(us, second, 14, 12)).recordPurchase(dana.id, 2_000, "DEMO-ORDER-1003");
        dated(at(us, second, 18, 11)).payOutInCash(Account.lockById(luis.id), 500, PaidBy.BANK_TRANSFER,
                "TRF-DEMO-0001", "GC-DEMO-02");
        dated(at(us, second, 25, 16)).recordAdjustment(dana.id, -200, "Duplicate credit taken back", "GC-DEMO-03");
        soldAt(us, 60, at(us, second, 27, 13));
    }

    /** The ledger's own posting, on a clock standing at the event's time. */
    private Ledger dated(Instant at) {
        return new Ledger(Clock.fixed(at, ZoneOffset.UTC), changed);
    }

    private GiftCard soldAt(Region region, long wholeUnits, Instant at) {
        GiftCard card = issuing.issue(new CardIssuing.Order(region.code(), wholeUnits, false, "demo-finance"))
                .card();
        card.activate(at, region);
        journaled();
        return card;
    }

    private void redeem(Account account, GiftCard card, Instant at) {
        Account locked = Account.lockById(account.id);
        card.redeemBy(locked, at);
        journaled();
        dated(at).creditRedemption(locked, card, "demo-redemption-" + card.id);
    }

    /**
     * Writes the card's change now: the journal's rows come from the database's trigger on each UPDATE, and changes
     * of one entity left to the commit would reach it as one.
     */
    private static void journaled() {
        GiftCard.getEntityManager().flush();
    }

    private static Account shopper(String subject, String name, Region region, YearMonth since) {
        Account account = new Account();
        account.subject = subject;
        account.displayName = name;
        account.email = subject + "@example.test";
        account.region = region.code();
        account.currency = region.currency().getCurrencyCode();
        account.createdAt = at(region, since, 1, 9);
        account.updatedAt = account.createdAt;
        account.persist();
        return account;
    }

    private static Instant at(Region region, YearMonth month, int day, int hour) {
        return month.atDay(day).atTime(LocalTime.of(hour, 0)).atZone(region.timeZone()).toInstant();
    }
}
