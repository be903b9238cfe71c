package org.giftportal.site;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.Period;
import java.util.Map;
import java.util.Optional;

/** The white-label settings: who the retailer is, where it sells and how shoppers reach a person. */
@ConfigMapping(prefix = "portal")
@LawfulRegions
public interface PortalConfig {

    Brand brand();

    /** Region codes (ISO 3166 alpha-2, as in the identity provider's {@code region} claim) to their settings. */
    Map<String, RegionConfig> regions();

    /** The region of a shopper whose identity carries none. */
    String defaultRegion();

    ClaimCodes claimCodes();

    ClaimLock claimLock();

    Demo demo();

    Cases cases();

    Retries retries();

    /** Request rates per rule (redeem, check, case, ...), per signed-in account and per client address. */
    Map<String, RateRule> rateLimits();

    ClientAddresses clientAddresses();

    Sessions sessions();

    /** What fraud protection keeps, and for how long. */
    Fraud fraud();

    Finance finance();

    Webhooks webhooks();

    /**
     * Whether the pseudo-languages en-XA (every message marked and lengthened) and ar-XB (the same, right to left) may
     * be chosen by cookie: for tests that find words written outside the message files, and layouts that break on
     * longer or right-to-left text. Never offered in the switcher; off outside tests.
     */
    @WithDefault("false")
    boolean pseudoLanguages();

    /** Signed webhooks to the retailer's systems (see docs/api.md, "Webhooks"). */
    interface Webhooks {
        /**
         * The secret the endpoints' signing secrets are encrypted under (AES-256-GCM, a key derived for this use
         * only). Required in production (WEBHOOK_SECRET_KEY); changing it makes every endpoint's secret unreadable.
         */
        Optional<String> key();

        /** After a rotation, how long the previous secret still signs too, so a receiver can switch without a gap. */
        @WithDefault("P1D")
        Duration rotationOverlap();

        /** How long one attempt may take, connecting and answering. */
        @WithDefault("PT10S")
        Duration timeout();

        /** The first pause after a failed attempt; each later one doubles, up to {@code max-retry-pause}. */
        @WithDefault("PT30S")
        Duration firstRetryAfter();

        @WithDefault("PT1H")
        Duration maxRetryPause();

        /**
         * An endpoint whose deliveries have failed without a success for this long is paused and its admins told; at
         * least a day, so every event is tried for at least a day.
         */
        @WithDefault("P2D")
        Duration pauseAfterFailingFor();

        /** Events an endpoint hasn't taken after this long (paused, say) are dropped and counted. */
        @WithDefault("P14D")
        Duration retention();

        /**
         * How long an event is remembered once every delivery of it is done (sent or dropped): admins see it among an
         * endpoint's recent deliveries and can send it again. Then housekeeping forgets it, email address and all.
         */
        @WithDefault("P30D")
        Duration history();

        /**
         * Whether an endpoint may point to a loopback or private address. Never in production: such an address could
         * reach the portal's own network. Tests allow loopback for their local receiver.
         */
        @WithDefault("false")
        boolean allowPrivateAddresses();

        /**
         * Whether an endpoint may be this machine (loopback only, http allowed), for a test or a benchmark of the
         * packaged portal with a receiver beside it. Allowed in production with a warning at start-up: a live
         * deployment must leave it off, or an endpoint could reach the portal's own management port.
         */
        @WithDefault("false")
        boolean allowLoopback();
    }

    /** When months close (see docs/finance.md). */
    interface Finance {
        /** How long after a month ends, in its region's calendar, its statement closes and stops changing. */
        @WithDefault("P5D")
        Period closeAfter();

        /** How long before a balance counts as dormant its shopper is reminded to use it (once). */
        @WithDefault("P60D")
        Period dormancyReminderBefore();

        /** How long before an unredeemed e-gift card expires its recipient is reminded (once). */
        @WithDefault("P30D")
        Period expiryReminderBefore();
    }

    interface Fraud {
        /** Where each card was redeemed from (an investigation's signals) is forgotten after this long. */
        @WithDefault("P180D")
        Duration traceRetention();

        /** Which scam warnings a session has seen is forgotten after this long (longer than any session lasts). */
        @WithDefault("P2D")
        Duration warningMemory();
    }

    RequestLimits requestLimits();

    /** Sizes a request may have; see org.giftportal.web.RequestLimits. */
    interface RequestLimits {
        /** The request line's address, path and query string. */
        @WithDefault("4096")
        int maxUrlLength();

        /** All header names and values together, cookies included. */
        @WithDefault("16384")
        int maxHeaderBytes();

        /** The body of any request that isn't an upload: a form, a reply. */
        @WithDefault("64K")
        io.quarkus.runtime.configuration.MemorySize maxFormBytes();

        /** POST routes that take files (multipart); their bodies are bounded by quarkus.http.limits.max-body-size. */
        java.util.List<String> uploadPaths();
    }

    /** The one retry policy for transactions that fail for a passing reason (see org.giftportal.ops.Retries). */
    interface Retries {
        /** Attempts in all, the first included. */
        @WithDefault("8")
        int maxAttempts();

        /** The first pause's upper bound; each further pause may be twice as long, up to {@link #maxBackoff}. */
        @WithDefault("PT0.02S")
        Duration firstBackoff();

        @WithDefault("PT1S")
        Duration maxBackoff();
    }

    /** A limit on one kind of request: how many a signed-in account and a client address may send. */
    interface RateRule {
        /** E.g. {@code 20/5m}: twenty at once, then one more every fifteen seconds. */
        Optional<RequestRate> perAccount();

        Optional<RequestRate> perAddress();
    }

    /** Where a request comes from, behind the deployment's reverse proxies. */
    interface ClientAddresses {
        /** Whether X-Forwarded-For from a trusted proxy names the client (PORTAL_BEHIND_PROXY). */
        boolean behindProxy();

        /** Addresses and networks (CIDR) of the proxies whose X-Forwarded-For is believed. */
        java.util.List<String> trustedProxies();
    }

    /** Signed-in sessions: a signed-out session stays refused on every instance for this long. */
    interface Sessions {
        @WithDefault("P1D")
        Duration revocationRetention();
    }

    /** Support cases opened by shoppers. */
    interface Cases {
        /** How long a case stays unresolved before the shopper may ask for escalation. */
        @WithDefault("P2D")
        Duration escalateAfter();

        /** Cases one account may open in 24 hours. */
        @WithDefault("5")
        int maxPerDay();

        /** Attachment bytes one account may upload in 24 hours, all its cases together. */
        @WithDefault("30M")
        io.quarkus.runtime.configuration.MemorySize maxAttachmentBytesPerDay();

        /** Messages a case may hold; past this, the shopper is asked to open a new case. */
        @WithDefault("200")
        int maxMessages();
    }

    Attachments attachments();

    CardNumbers cardNumbers();

    Approvals approvals();

    /**
     * When an action that creates or moves value (adjusting a balance, issuing or activating cards, replacing a card)
     * needs a second admin: per currency, above a limit per action or above a limit per member of staff over 24 hours.
     */
    interface Approvals {
        /** ISO 4217 code to its limits. A currency without limits needs a second admin for every action. */
        Map<String, Limits> limits();
    }

    /** Limits in whole units of the currency (500 is $500.00). */
    interface Limits {
        /** The largest action one admin may do alone. */
        long perAction();

        /** How much one admin may do alone over any 24 hours, their actions together. */
        long perDay();
    }

    CodeMail codeMail();

    /** Emails that carry a claim code (a replacement card's), kept encrypted until they are sent. */
    interface CodeMail {
        /**
         * The secret (32+ characters) from which the AES-256 key that encrypts a code waiting to be emailed is
         * derived; not the claim-code hash's key. Required in production (CODE_MAIL_KEY).
         */
        Optional<String> key();
    }

    MailOutbox mailOutbox();

    /**
     * The address shoppers reach the portal at, without a trailing slash (https://giftcards.example.com): links in
     * emails start with it. Required in production (PORTAL_PUBLIC_URL).
     */
    Optional<String> publicUrl();

    Gifts gifts();

    Store store();

    PayCodes payCodes();

    /**
     * The retailer's shops whose cashiers use the till page: a code (the value of a cashier's {@code store} attribute
     * at the identity provider) to the shop's name and region. None configured: nobody can use the till.
     */
    Map<String, StoreLocation> stores();

    /** A shop; it takes payments in its region's currency, from balances of its region. */
    interface StoreLocation {
        /** As printed on its receipts and in shoppers' histories ("Brightleaf Market, Fifth Avenue"). */
        String name();

        /** One of the configured regions. */
        String region();

        /** ISO 4217; checked at start-up to be the region's currency. */
        String currency();

        /**
         * Whether the shop sells through a point-of-sale system of its own: then every card sold at its till carries
         * that system's receipt number, typed by the cashier (the till refuses a sale without one), for the audit.
         */
        @WithDefault("false")
        boolean pointOfSale();
    }

    Till till();

    /** The till page cashiers use at the counter. */
    interface Till {
        /** How long a payment held at the till waits for the cashier to take it before it lapses by itself. */
        @WithDefault("PT10M")
        Duration holdLifetime();

        /** Wrong pay codes a cashier may type within the window before the till locks. */
        @WithDefault("5")
        int maxWrongCodes();

        @WithDefault("PT15M")
        Duration wrongCodeWindow();

        @WithDefault("PT15M")
        Duration lockDuration();

        /**
         * Per currency, in whole units: refunds above this need a second person at the store. A currency not listed
         * needs one for every refund.
         */
        Map<String, Long> refundApprovalAbove();

        /**
         * Per currency, in whole units: what one cashier may refund and activate alone over any 24 hours, together.
         * Above it a colleague of the store approves. A currency not listed needs one for every refund and sale.
         */
        Map<String, Long> dailyLimit();
    }

    /** Pay in store: the code a shopper shows at the counter. */
    interface PayCodes {
        /** How long a pay code can be scanned; the page offers a new one after that. */
        @WithDefault("PT2M")
        Duration lifetime();
    }

    /** The store API: the retailer's checkout holding and spending balances. */
    interface Store {
        /** How long a hold keeps its amount aside before it lapses (the store captures well before). */
        @WithDefault("P7D")
        Duration holdLifetime();

        /** How long an idempotency key's answer is kept for replay: at least a day. */
        @WithDefault("P2D")
        Duration idempotencyRetention();
    }

    /** E-gift cards sent to recipients by email. */
    interface Gifts {
        /**
         * How long after its delivery time a gift's code and link stay (encrypted) so support can send it again; then
         * they are erased, like when the card is redeemed or cancelled.
         */
        @WithDefault("P30D")
        Duration codeRetention();

        /** Gifts issued per transaction when an order is issued. */
        @WithDefault("200")
        int issueChunk();

        /** Lines an uploaded order may have. */
        @WithDefault("10000")
        int maxLines();

        /**
         * Each theme's colour (birthday, thank-you, congratulations, seasonal) in the recipient's email and gift page;
         * a theme without one uses the brand's. Each must keep 4.5:1 contrast against white.
         */
        Map<String, String> themeColours();
    }

    /** Every email goes through the outbox: sent after its transaction commits, and again until it is sent. */
    interface MailOutbox {
        /** Attempts before a mail is given up on and shown to staff as failed. */
        @WithDefault("6")
        int maxAttempts();

        /** The pause after the first failed attempt; each further pause is twice as long. */
        @WithDefault("PT1M")
        Duration firstRetryAfter();
    }

    /** The public numbers printed on cards (see org.giftportal.card.CardNumber). */
    interface CardNumbers {
        /**
         * The first digits of every card number: the retailer's own range, outside the payment networks' (which
         * start with 2 to 6). 9990 by default: the 9 range is assigned by national standards bodies, not used by any
         * payment card network.
         */
        @WithDefault("9990")
        String prefix();
    }

    /** Where support-case files are kept: a directory every instance mounts (see docs/operations.md). */
    interface Attachments {
        /** Required in production (ATTACHMENTS_DIR); dev and tests use folders of the project. */
        Optional<String> directory();
    }

    interface ClaimCodes {
        /** Key of the claim-code hash; a leaked database without it reveals no code. Checked by the hasher. */
        Optional<String> secret();
    }

    /** Guessing protection: too many failed look-ups lock redeeming and checking for a while. */
    interface ClaimLock {
        int maxFailures();

        Duration window();

        Duration lockDuration();

        int maxFailuresPerAddress();

        /** How long a look-up waits for the one before it, of the same account on the same instance. */
        @WithDefault("PT5S")
        Duration queueWait();
    }

    interface Demo {
        /** Seeds the demo gift cards at start-up. Dev mode only. */
        boolean enabled();

        /** Where the demo's list of codes, with what each card is now, is written for ./portal-demo to print. */
        Optional<String> cardsFile();
    }

    interface Brand {
        String name();

        String storeUrl();

        /** The accent colour of buttons and links; must keep 4.5:1 contrast against white. */
        @WithDefault("#0b6e4f")
        String colour();
    }

    interface RegionConfig {
        String name();

        /** The name as a sentence uses it, with its article if it takes one ("the United States"); else the name. */
        Optional<String> nameInSentence();

        /** ISO 4217 code; the balance of every account in the region is kept in it. */
        String currency();

        /** BCP 47 language tag used to format amounts and dates for the region's shoppers. */
        String locale();

        /**
         * The languages the region's pages, mails and help speak (BCP 47 language tags, "en", "hi"), the first its
         * default; each needs the portal's message files. Unset: the language of {@code locale}.
         */
        Optional<java.util.List<String>> languages();

        /** IANA time zone in which the region's shoppers read dates and times. */
        String timeZone();

        String storeUrl();

        /** Smallest card value, in whole units of the region's currency. */
        @WithDefault("25")
        long minDenomination();

        /** Largest card value, in whole units of the region's currency. */
        @WithDefault("2000")
        long maxDenomination();

        /**
         * How long a balance (or a sold card) may go without activity before it counts as dormant: the dormancy list
         * for unclaimed-property filings, and the reminder before it. Check the law of each state or country.
         */
        @WithDefault("P3Y")
        Period dormantAfter();

        /**
         * How long a card stays redeemable from its sale or activation (a batch card loses no shelf time); none means
         * cards never expire. Checked against the jurisdiction's law at start-up.
         */
        Optional<Period> cardValidity();

        /**
         * Whose gift card law the region's cards follow: a key of {@link Jurisdiction} ("US", "US-CA", "GB", "IE",
         * "IN", "AU"). The portal never guesses a shopper's state from anything else.
         */
        String jurisdiction();

        Support support();

        /** When a typed code's redemption waits for staff's review instead of crediting the balance at once. */
        Review review();

        /** When a shopper is warned about gift card scams before a typed code's value moves. */
        Warning warning();
    }

    /**
     * The scam warning's rules (see docs/operations.md): each shows one plain page before crediting, at most once per
     * signed-in session. A rule with a limit of 0 is off.
     */
    interface Warning {
        /** A card worth at least this (whole units) counts as high value. */
        @WithDefault("200")
        long highValue();

        /** This many high-value cards (this one included) within {@link #highValueWindow()} warn. */
        @WithDefault("2")
        int highValueCards();

        @WithDefault("PT30M")
        java.time.Duration highValueWindow();

        /** A code looked up on the card check page by another account within this long warns: 0 is off. */
        @WithDefault("PT30M")
        java.time.Duration lookedUpElsewhere();
    }

    /**
     * The rules that hold a redemption for review, each the shape a gift card scam leaves (see docs/operations.md). A
     * rule with a limit of 0 is off.
     */
    interface Review {
        /** An account younger than this ... */
        @WithDefault("P1D")
        java.time.Duration newAccountAge();

        /** ... redeeming more than this value (whole units) within {@link #newAccountWindow()}, this card included. */
        @WithDefault("500")
        long newAccountValue();

        @WithDefault("PT1H")
        java.time.Duration newAccountWindow();

        /** More than this many cards redeemed by one account within {@link #cardsWindow()}, this one included. */
        @WithDefault("5")
        int maxCards();

        @WithDefault("PT10M")
        java.time.Duration cardsWindow();

        /** Whether a card once reported lost or stolen (blocked, then unblocked) is held. */
        @WithDefault("true")
        boolean onceBlocked();

        /** A client network whose claim-code lock tripped within this long before (on any account): 0 is off. */
        @WithDefault("PT1H")
        java.time.Duration trippedAddress();

        /** What the shopper is told: reviews are usually done within this many hours. */
        @WithDefault("24")
        int usualHours();
    }

    interface Support {
        String phone();

        String email();

        String phoneHours();

        String chatHours();
    }
}
