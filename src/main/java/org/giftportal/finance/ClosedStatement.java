package org.giftportal.finance;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hibernate.annotations.Immutable;

/**
 * A month that closed: its statement as CSV with the checksum the database verifies, and the watermarks that fix
 * which rows it includes. The database refuses to change or delete it.
 */
@Entity
@Immutable
@Table(name = "finance_statement")
public class ClosedStatement extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String region;

    @Column(nullable = false)
    public String currency;

    /** yyyy-MM, in the region's calendar. */
    @Column(nullable = false)
    public String month;

    /** The month's end, the first instant of the next month in the region's time zone. */
    @Column(name = "ends_at", nullable = false)
    public Instant endsAt;

    @Column(name = "closed_at", nullable = false)
    public Instant closedAt;

    @Column(name = "closed_by", nullable = false)
    public String closedBy;

    @Column(name = "ledger_watermark", nullable = false)
    public long ledgerWatermark;

    @Column(name = "journal_watermark", nullable = false)
    public long journalWatermark;

    @Column(name = "opening_minor", nullable = false)
    public long openingMinor;

    @Column(name = "closing_minor", nullable = false)
    public long closingMinor;

    @Column(nullable = false)
    public String content;

    @Column(nullable = false)
    public String checksum;

    static Optional<ClosedStatement> of(String region, java.time.YearMonth month) {
        return find("region = ?1 and month = ?2", region, month.toString()).firstResultOptional();
    }

    static Optional<ClosedStatement> latest(String region) {
        return find("region = ?1 order by month desc", region).firstResultOptional();
    }

    static List<ClosedStatement> allOf(String region) {
        return list("region = ?1 order by month desc", region);
    }

    LiabilityStatement statement() {
        return LiabilityStatement.fromCsv(content, new LiabilityStatement.Closed(closedAt, closedBy, ledgerWatermark,
                journalWatermark));
    }
}
