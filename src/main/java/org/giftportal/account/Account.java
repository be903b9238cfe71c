package org.giftportal.account;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.DynamicUpdate;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A shopper's account in the portal: the owner of a balance, identified by the OIDC subject. */
@Entity
@Table(name = "account")
// Only changed columns are written: refreshing a name must never write back a balance read earlier, over a
// redemption that committed in between.
@DynamicUpdate
public class Account extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true, updatable = false)
    public String subject;

    public String email;

    /** Whether the identity provider has verified {@link #email}: the portal writes only to verified addresses. */
    @Column(name = "email_verified", nullable = false)
    public boolean emailVerified;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    /** Fixed at provisioning: moving an account between regions would change the currency of its balance. */
    @Column(nullable = false, updatable = false)
    public String region;

    @Column(nullable = false, updatable = false)
    public String currency;

    /** The running total of this account's ledger, in minor units of {@link #currency}; never negative. */
    @Column(name = "balance_minor", nullable = false)
    public long balanceMinor;

    /** What the store's active holds keep aside: never more than the balance (a CHECK says so too). */
    @Column(name = "held_minor", nullable = false)
    public long heldMinor;

    /** Everything ever redeemed to this account, in minor units. */
    @Column(name = "total_redeemed_minor", nullable = false)
    public long totalRedeemedMinor;

    /** Purchases paid from the balance, less their refunds, in minor units. */
    @Column(name = "total_spent_minor", nullable = false)
    public long totalSpentMinor;

    @Column(name = "last_activity_at")
    public Instant lastActivityAt;

    /** When the shopper was last told their balance will soon count as dormant (once per quiet spell). */
    @Column(name = "dormancy_reminded_at")
    public Instant dormancyRemindedAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    /** Since when the account can't spend: frozen while support investigates a card it redeemed. */
    @Column(name = "frozen_at")
    public Instant frozenAt;

    /** What its redemptions held for review are worth, and how many there are: kept with the balance, shown apart. */
    @Column(name = "in_review_minor", nullable = false)
    public long inReviewMinor;

    @Column(name = "in_review_cards", nullable = false)
    public int inReviewCards;

    /** The investigation's case that froze it. */
    @Column(name = "frozen_for_case")
    public String frozenForCase;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /**
     * Moves with every change of the row: a copy read before someone else's change can't write over it (its update
     * finds no row of its version) and can't be locked as if it were current (the lock checks the version).
     */
    @Version
    long version;

    /** The language the shopper chose ("hi", "es"); null until they choose one. */
    public String language;

    /** The language kept on an account, read alone (a page's language needn't load the whole account). */
    public static Optional<String> languageOf(long accountId) {
        return getEntityManager().createQuery("select a.language from Account a where a.id = ?1", String.class)
                .setParameter(1, accountId).getResultStream().filter(java.util.Objects::nonNull).findFirst();
    }

    /** Keeps the shopper's choice of language, for every device and every mail. */
    @jakarta.transaction.Transactional
    public static void chooseLanguage(long accountId, String tag, java.time.Instant now) {
        update("language = ?1, updatedAt = ?2 where id = ?3", tag, now, accountId);
    }

    public static Optional<Account> findBySubject(String subject) {
        return find("subject", subject).singleResultOptional();
    }

    /**
     * The subject's account with its row locked until the transaction ends, in one read: for a caller that names the
     * account by subject and changes its balance next.
     */
    public static Optional<Account> lockBySubject(String subject) {
        return find("subject", subject).withLock(LockModeType.PESSIMISTIC_WRITE).singleResultOptional();
    }

    /** The account with its row locked until the transaction ends, so balance changes happen one at a time. */
    /** Reads this account again under its row lock: a copy read earlier sees what committed since (a new hold). */
    public Account reloadLocked() {
        getEntityManager().refresh(this, LockModeType.PESSIMISTIC_WRITE);
        return this;
    }

    public static Account lockById(long id) {
        return Account.<Account>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> new IllegalStateException("No account " + id));
    }

    public static java.util.List<Account> listByEmail(String email) {
        return list("email = ?1 order by createdAt", email);
    }

    /**
     * Accounts a member of staff is looking for: by email or OIDC subject (exact), or by a name one of whose words
     * starts with the query, at most {@code limit}. Names are matched without an index (a scan of the account table),
     * which is fine for a desk looking up one shopper at a time; emails and subjects use their indexes.
     */
    public static java.util.List<Account> search(String query, int limit) {
        String words = query.replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return find("email = ?1 or subject = ?1 or displayName like ?2 escape '!' or displayName like ?3 escape '!'"
                + " order by displayName, createdAt", query, words + "%", "% " + words + "%")
                .page(0, limit).list();
    }

    /**
     * Applies one ledger entry to the balance and its running totals; returns the new balance. Only the ledger
     * calls this, with the entry that records the change. A balance can't go below zero.
     *
     * @param spentChange how much the entry adds to what was spent (a purchase) or takes from it (a refund)
     */
    public long applyLedgerChange(long balanceChange, long redeemedChange, long spentChange, Instant at) {
        long after = Math.addExact(balanceMinor, balanceChange);
        if (after < heldMinor) {
            throw new IllegalStateException("Balance of account " + id + " would go below what is held");
        }
        balanceMinor = after;
        totalRedeemedMinor = Math.addExact(totalRedeemedMinor, redeemedChange);
        totalSpentMinor = Math.addExact(totalSpentMinor, spentChange);
        lastActivityAt = at;
        return after;
    }

    /** The shopper was told their quiet balance will soon count as dormant: once, until it is used again. */
    public void remindedOfDormancy(Instant at) {
        dormancyRemindedAt = at;
    }

    /** The balance less what the store's holds keep aside: what can be spent or held now. */
    public long availableMinor() {
        return balanceMinor - heldMinor;
    }

    /** Keeps an amount aside for a hold; the caller holds the row's lock and checked it is available. */
    public void hold(long amountMinor) {
        if (isFrozen()) {
            throw new IllegalStateException("Account " + id + " is frozen: it holds nothing");
        }
        if (amountMinor <= 0 || amountMinor > availableMinor()) {
            throw new IllegalStateException("Account " + id + " can't hold " + amountMinor);
        }
        heldMinor += amountMinor;
    }

    /** Gives back what a hold kept aside (captured, voided or lapsed). */
    public void release(long amountMinor) {
        if (amountMinor <= 0 || amountMinor > heldMinor) {
            throw new IllegalStateException("Account " + id + " holds less than " + amountMinor);
        }
        heldMinor -= amountMinor;
    }

    /** A redemption of this much is held for review; the caller's transaction holds this row's lock. */
    public void reviewStarted(long amountMinor) {
        inReviewMinor = Math.addExact(inReviewMinor, amountMinor);
        inReviewCards++;
    }

    /** A held redemption was released (credited by its own entry) or refused. */
    public void reviewEnded(long amountMinor) {
        if (inReviewCards == 0 || amountMinor > inReviewMinor) {
            throw new IllegalStateException("Account " + id + " has no review of " + amountMinor + " waiting");
        }
        inReviewMinor -= amountMinor;
        inReviewCards--;
    }

    public boolean isFrozen() {
        return frozenAt != null;
    }

    /**
     * Stops the account spending while an investigation runs. Its holds must be voided first (the caller's
     * transaction does it, under this row's lock): a frozen account keeps nothing aside, and the database holds that.
     */
    public void freeze(String caseReference, Instant now) {
        if (isFrozen()) {
            throw new IllegalStateException("Account " + id + " is frozen already");
        }
        if (heldMinor != 0) {
            throw new IllegalStateException("Account " + id + " still holds " + heldMinor + ": void its holds first");
        }
        frozenAt = now;
        frozenForCase = caseReference;
    }

    public void unfreeze() {
        if (!isFrozen()) {
            throw new IllegalStateException("Account " + id + " is not frozen");
        }
        frozenAt = null;
        frozenForCase = null;
    }

    /** The address mail to the shopper goes to: only one the identity provider has verified as theirs. */
    public Optional<String> verifiedEmail() {
        return emailVerified && email != null && !email.isBlank() ? Optional.of(email) : Optional.empty();
    }

    /** Whether the account already has the name and email the identity provider now reports. */
    boolean hasProfile(String currentDisplayName, String currentEmail, boolean currentlyVerified) {
        return Objects.equals(displayName, currentDisplayName) && Objects.equals(email, currentEmail)
                && emailVerified == currentlyVerified;
    }

    /**
     * Takes over the name and email the identity provider now reports; returns whether anything changed. The profile
     * is the identity provider's, not the portal's: it is written by an update of its own columns alone, which
     * neither checks nor moves the version, so a sign-in that refreshes it never fails against a credit that
     * committed meanwhile, and never writes back a balance this copy read before it.
     */
    boolean refreshProfile(String newDisplayName, String newEmail, boolean verified, Instant now) {
        if (hasProfile(newDisplayName, newEmail, verified)) {
            return false;
        }
        update("displayName = ?1, email = ?2, emailVerified = ?3, updatedAt = ?4 where id = ?5",
                newDisplayName, newEmail, verified, now, id);
        getEntityManager().refresh(this);
        return true;
    }
}
