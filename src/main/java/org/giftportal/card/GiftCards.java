package org.giftportal.card;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Finds gift cards by claim code, through the code's keyed hash. */
@ApplicationScoped
public class GiftCards {
    private final ClaimCodeHasher hasher;

    GiftCards(ClaimCodeHasher hasher) {
        this.hasher = hasher;
    }

    /** The card for a code, its row locked until the transaction ends. Call inside a transaction. */
    public Optional<GiftCard> lockForRedemption(ClaimCode code) {
        return GiftCard.findByHashForUpdate(hasher.hash(code));
    }

    public Optional<GiftCard> find(ClaimCode code) {
        return GiftCard.findByHash(hasher.hash(code));
    }

    /** The card a stored code hash names (a support case keeps the hash of the code a shopper typed). */
    public Optional<GiftCard> findByCodeHash(byte[] hash) {
        return hash == null ? Optional.empty() : GiftCard.findByHash(hash);
    }

    /** The card a support case names: by its code's hash, or else by its printed number (digits only). */
    public Optional<GiftCard> namedBy(byte[] codeHash, String cardNumber) {
        return findByCodeHash(codeHash).or(() -> cardNumber == null ? Optional.empty()
                : GiftCard.<GiftCard>find("cardNumber", cardNumber).firstResultOptional());
    }
}
