package org.giftportal.finance;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Instant;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.giftportal.ops.DatabaseTime;
import org.giftportal.site.Region;

/**
 * Works out liability statements. A month's rows are those "up to its close" but not up to the close of the month
 * before. Up to an open month's close means dated before its end; up to a closed month's close also means at most its
 * watermark (the last ledger entry and journal row committed when it closed). So a row committed after a month
 * closed belongs to the next month, whatever its time says, and shows there as a line of its own; and a closed month
 * keeps the figures it closed with. Months close in order, so this is all one needs to know of the months before.
 */
@ApplicationScoped
public class Statements {
    private final EntityManager entityManager;

    Statements(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Where a month's rows end: before its end, and at most at its watermarks (none while it is open). */
    record Bound(Instant end, long ledgerWatermark, long journalWatermark) {
        static Bound open(Instant end) {
            return new Bound(end, Long.MAX_VALUE, Long.MAX_VALUE);
        }
    }

    /** The month's statement: as it closed if it has, else as it stands now. Needs a transaction. */
    public LiabilityStatement statement(Region region, YearMonth month) {
        return ClosedStatement.of(region.code(), month).map(ClosedStatement::statement)
                .orElseGet(() -> compute(region, month, Optional.empty()));
    }

    /** The month's statement from the rows, up to its close: the watermarks given, or (open) the month's end. */
    LiabilityStatement compute(Region region, YearMonth month, Optional<LiabilityStatement.Closed> closing) {
        Bound upTo = closing.map(close -> new Bound(end(region, month), close.ledgerWatermark(),
                close.journalWatermark())).orElseGet(() -> Bound.open(end(region, month)));
        Bound before = ClosedStatement.of(region.code(), month.minusMonths(1))
                .map(closed -> new Bound(closed.endsAt, closed.ledgerWatermark, closed.journalWatermark))
                .orElseGet(() -> Bound.open(start(region, month)));
        Instant start = start(region, month);
        String currency = region.currency().getCurrencyCode();
        Map<StatementLine.Part, LiabilityStatement.PartFigures> parts = new EnumMap<>(StatementLine.Part.class);
        parts.put(StatementLine.Part.CARDS, cards(region.code(), currency, start, before, upTo));
        parts.put(StatementLine.Part.BALANCES, balances(region.code(), currency, start, before, upTo));
        return new LiabilityStatement(region.code(), currency, month, closing, parts,
                held(region.code(), currency, upTo.end()));
    }

    static Instant start(Region region, YearMonth month) {
        return month.atDay(1).atStartOfDay(region.timeZone()).toInstant();
    }

    static Instant end(Region region, YearMonth month) {
        return start(region, month.plusMonths(1));
    }

    private LiabilityStatement.PartFigures cards(String region, String currency, Instant start, Bound before,
            Bound upTo) {
        long opening = number(query("SELECT COALESCE(SUM(j.change_minor), 0) FROM card_value_journal j"
                + " WHERE j.region = ?1 AND j.currency = ?2 AND j.at < ?3 AND j.id <= ?4",
                region, currency, time(before.end()), before.journalWatermark()).getSingleResult());
        Map<StatementLine, Long> lines = LiabilityStatement.zeroLines(StatementLine.Part.CARDS);
        for (Object[] row : rows(query("SELECT j.event, j.event = 'ISSUED_ACTIVE' AND EXISTS (SELECT 1 FROM gift g"
                + " WHERE g.gift_card_id = j.gift_card_id), j.at < ?1, SUM(j.change_minor) FROM card_value_journal j"
                + " WHERE j.region = ?2 AND j.currency = ?3 AND j.at < ?4 AND j.id <= ?5"
                + " AND NOT (j.at < ?6 AND j.id <= ?7) GROUP BY 1, 2, 3", time(start), region, currency,
                time(upTo.end()), upTo.journalWatermark(), time(before.end()), before.journalWatermark()))) {
            StatementLine line = truth(row[2]) ? StatementLine.CARDS_LATE
                    : StatementLine.ofJournalEvent((String) row[0], truth(row[1]));
            lines.merge(line, number(row[3]), Long::sum);
        }
        long read = number(query("SELECT COALESCE(SUM(j.owed_minor), 0) FROM card_value_journal j JOIN"
                + " (SELECT x.gift_card_id, MAX(x.id) AS id FROM card_value_journal x WHERE x.region = ?1"
                + " AND x.currency = ?2 AND x.at < ?3 AND x.id <= ?4 GROUP BY x.gift_card_id) last ON last.id = j.id",
                region, currency, time(upTo.end()), upTo.journalWatermark()).getSingleResult());
        return new LiabilityStatement.PartFigures(opening, lines, read);
    }

    private LiabilityStatement.PartFigures balances(String region, String currency, Instant start, Bound before,
            Bound upTo) {
        long opening = number(query("SELECT COALESCE(SUM(e.amount_minor), 0) FROM ledger_entry e"
                + " JOIN account a ON a.id = e.account_id WHERE a.region = ?1 AND e.currency = ?2"
                + " AND e.created_at < ?3 AND e.id <= ?4",
                region, currency, time(before.end()), before.ledgerWatermark()).getSingleResult());
        Map<StatementLine, Long> lines = LiabilityStatement.zeroLines(StatementLine.Part.BALANCES);
        for (Object[] row : rows(query("SELECT e.entry_type, SIGN(e.amount_minor), e.created_at < ?1,"
                + " SUM(e.amount_minor) FROM ledger_entry e JOIN account a ON a.id = e.account_id"
                + " WHERE a.region = ?2 AND e.currency = ?3 AND e.created_at < ?4 AND e.id <= ?5"
                + " AND NOT (e.created_at < ?6 AND e.id <= ?7) GROUP BY 1, 2, 3", time(start), region, currency,
                time(upTo.end()), upTo.ledgerWatermark(), time(before.end()), before.ledgerWatermark()))) {
            StatementLine line = truth(row[2]) ? StatementLine.BALANCES_LATE
                    : StatementLine.ofEntryType((String) row[0], ((Number) row[1]).intValue());
            lines.merge(line, number(row[3]), Long::sum);
        }
        long read = number(query("SELECT COALESCE(SUM(e.balance_after_minor), 0) FROM ledger_entry e JOIN"
                + " (SELECT x.account_id, MAX(x.id) AS id FROM ledger_entry x JOIN account a ON a.id = x.account_id"
                + " WHERE a.region = ?1 AND x.currency = ?2 AND x.created_at < ?3 AND x.id <= ?4"
                + " GROUP BY x.account_id) last ON last.id = e.id",
                region, currency, time(upTo.end()), upTo.ledgerWatermark()).getSingleResult());
        return new LiabilityStatement.PartFigures(opening, lines, read);
    }

    /** Store holds open at the instant: placed before it and not ended by then (holds are read by their times). */
    private long held(String region, String currency, Instant at) {
        return number(query("SELECT COALESCE(SUM(h.amount_minor), 0) FROM store_hold h"
                + " JOIN account a ON a.id = h.account_id WHERE a.region = ?1 AND h.currency = ?2"
                + " AND h.created_at < ?3 AND (h.ended_at IS NULL OR h.ended_at >= ?3)",
                region, currency, time(at)).getSingleResult());
    }

    /** The month of the region's first card journal row or ledger entry, if it has any. */
    Optional<YearMonth> firstMonth(Region region) {
        return java.util.stream.Stream.of(
                        query("SELECT MIN(j.at) FROM card_value_journal j WHERE j.region = ?1", region.code()),
                        query("SELECT MIN(e.created_at) FROM ledger_entry e JOIN account a ON a.id = e.account_id"
                                + " WHERE a.region = ?1", region.code()))
                .map(Query::getSingleResult).filter(java.util.Objects::nonNull).map(DatabaseTime::read)
                .min(Instant::compareTo).map(at -> YearMonth.from(at.atZone(region.timeZone())));
    }

    /** The last ledger entry and card journal row committed now. */
    long[] watermarks() {
        return new long[] {
            number(query("SELECT COALESCE(MAX(id), 0) FROM ledger_entry").getSingleResult()),
            number(query("SELECT COALESCE(MAX(id), 0) FROM card_value_journal").getSingleResult())};
    }

    private Query query(String sql, Object... parameters) {
        Query query = entityManager.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return query;
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(Query query) {
        return query.getResultList();
    }

    private static Object time(Instant instant) {
        return DatabaseTime.of(instant);
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static boolean truth(Object value) {
        return value instanceof Boolean flag ? flag : value != null && ((Number) value).intValue() != 0;
    }
}
