package org.giftportal.ledger;

import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads an account's history in pages, newest first. Every query is bounded by the page size and runs on the
 * (account, [type,] created_at, id) indexes, so a page costs the same with a hundred entries or a hundred thousand.
 */
@ApplicationScoped
public class History {
    public static final int PAGE_SIZE = 20;

    /**
     * The newest page, or the page of entries just older than {@code before}, or just newer than {@code after}. One
     * query: it reads one entry past the page to know whether there are more that way; the other way there are
     * entries whenever a cursor was followed, since the cursor names one of them.
     */
    public HistoryPage page(long accountId, HistoryFilter filter, Optional<HistoryCursor> before,
            Optional<HistoryCursor> after) {
        boolean towardsNewer = after.isPresent();
        List<LedgerEntry> nearestFirst = fetch(accountId, filter, towardsNewer ? after.get() : before.orElse(null),
                towardsNewer, PAGE_SIZE + 1);
        boolean moreThatWay = nearestFirst.size() > PAGE_SIZE;
        List<LedgerEntry> newestFirst = new ArrayList<>(nearestFirst.subList(0, Math.min(PAGE_SIZE,
                nearestFirst.size())));
        if (towardsNewer) {
            Collections.reverse(newestFirst);
        }
        if (newestFirst.isEmpty()) {
            return new HistoryPage(List.of(), Optional.empty(), Optional.empty());
        }
        boolean olderExist = towardsNewer || moreThatWay;
        boolean newerExist = towardsNewer ? moreThatWay : before.isPresent();
        return new HistoryPage(List.copyOf(newestFirst),
                olderExist ? Optional.of(HistoryCursor.of(newestFirst.get(newestFirst.size() - 1))) : Optional.empty(),
                newerExist ? Optional.of(HistoryCursor.of(newestFirst.get(0))) : Optional.empty());
    }

    /** Hands every matching entry, newest first, to the consumer, a batch (and a short transaction) at a time. */
    public void forEach(long accountId, HistoryFilter filter, Consumer<LedgerEntry> consumer) {
        HistoryCursor cursor = null;
        while (true) {
            HistoryCursor from = cursor;
            List<LedgerEntry> batch = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                    .call(() -> fetch(accountId, filter, from, false, 500));
            batch.forEach(consumer);
            if (batch.size() < 500) {
                return;
            }
            cursor = HistoryCursor.of(batch.get(batch.size() - 1));
        }
    }

    /** Entries past the cursor (older, or newer when {@code newer}), nearest the cursor first. */
    private static List<LedgerEntry> fetch(long accountId, HistoryFilter filter, HistoryCursor cursor, boolean newer,
            int limit) {
        StringBuilder query = new StringBuilder("accountId = :account");
        Parameters parameters = Parameters.with("account", accountId);
        filter.type().ifPresent(type -> {
            query.append(" and type = :type");
            parameters.and("type", type);
        });
        filter.from().ifPresent(from -> {
            query.append(" and createdAt >= :from");
            parameters.and("from", from);
        });
        filter.toExclusive().ifPresent(to -> {
            query.append(" and createdAt < :to");
            parameters.and("to", to);
        });
        if (cursor != null) {
            String direction = newer ? ">" : "<";
            query.append(" and (createdAt ").append(direction).append(" :at or (createdAt = :at and id ")
                    .append(direction).append(" :id))");
            parameters.and("at", cursor.createdAt()).and("id", cursor.id());
        }
        String order = newer ? " order by createdAt asc, id asc" : " order by createdAt desc, id desc";
        return LedgerEntry.<LedgerEntry>find(query + order, parameters).page(0, limit).list();
    }
}
