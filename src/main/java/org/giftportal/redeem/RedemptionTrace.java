package org.giftportal.redeem;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a card was redeemed (or held for review) from: the client's network, as the claim-code lock counts it, and the
 * browser's family. An investigation compares them with the failed look-ups. Kept for a while only (housekeeping).
 */
@Entity
@Table(name = "redemption_trace")
public class RedemptionTrace extends PanacheEntityBase {

    @Id
    @Column(name = "gift_card_id")
    public Long giftCardId;

    @Column(name = "account_id", nullable = false)
    public long accountId;

    /** The claim-code lock's key for the client's network ("address:203.0.113.0/24" or the like). */
    @Column(nullable = false)
    public String network;

    @Column(name = "device_family", nullable = false)
    public String deviceFamily;

    @Column(nullable = false)
    public Instant at;

    static void record(long cardId, long accountId, String clientAddress, String deviceFamily, Instant at) {
        RedemptionTrace trace = new RedemptionTrace();
        trace.giftCardId = cardId;
        trace.accountId = accountId;
        trace.network = ClaimGuard.addressScope(clientAddress);
        trace.deviceFamily = deviceFamily;
        trace.at = at;
        trace.persist();
    }

    public static Optional<RedemptionTrace> ofCard(long cardId) {
        return findByIdOptional(cardId);
    }

    /** The client's network as staff read it (without the lock's prefix). */
    public String networkShown() {
        return network.startsWith("address:") ? network.substring("address:".length()) : network;
    }
}
