package org.giftportal.help;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.giftportal.site.Typed;

/** Finds help articles for a region: by slug, grouped by task for the help home, and by full-text search. */
@ApplicationScoped
public class HelpCenter {
    /** The task groups of the help home, in the order a shopper meets them. */
    static final Map<String, String> TASKS = orderedTasks();
    static final int MAX_QUERY_LENGTH = 100;
    private final EntityManager em;
    private final org.giftportal.ops.Retries retries;

    HelpCenter(EntityManager em, org.giftportal.ops.Retries retries) {
        this.em = em;
        this.retries = retries;
    }

    public record TaskGroup(String task, String title, List<HelpArticle> articles) {
    }

    @Transactional
    public Optional<HelpArticle> article(String slug, String region) {
        return HelpArticle.forRegion(slug, region);
    }

    /** Where an article merged into another now is, if {@code slug} was one. */
    @Transactional
    public Optional<String> movedTo(String slug) {
        @SuppressWarnings("unchecked")
        List<String> moved = em.createNativeQuery("SELECT new_slug FROM help_article_moved WHERE old_slug = ?1")
                .setParameter(1, slug).getResultList();
        return moved.stream().findFirst();
    }

    @Transactional
    public List<TaskGroup> home(String region) {
        Map<String, List<HelpArticle>> byTask = new LinkedHashMap<>();
        TASKS.keySet().forEach(task -> byTask.put(task, new ArrayList<>()));
        for (HelpArticle article : HelpArticle.allForRegion(region)) {
            byTask.computeIfAbsent(article.task, task -> new ArrayList<>()).add(article);
        }
        return byTask.entrySet().stream().filter(entry -> !entry.getValue().isEmpty())
                .map(entry -> new TaskGroup(entry.getKey(), TASKS.getOrDefault(entry.getKey(), entry.getKey()),
                        List.copyOf(entry.getValue())))
                .toList();
    }

    /**
     * Articles matching the words, best first, as the region reads them. Each word is searched by its stem, so
     * "expired" finds "expire" and "expiry"; a word in an article's title counts three times one in its text.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<HelpArticle> search(String query, String region) {
        String stems = stems(searchWords(query));
        if (stems.isEmpty()) {
            return List.of();
        }
        List<Number> ids = em.createNativeQuery("""
                SELECT id FROM help_article
                WHERE (region = ?2 OR region IS NULL)
                  AND MATCH (title, summary, body) AGAINST (?1 IN BOOLEAN MODE)
                ORDER BY 3 * MATCH (title) AGAINST (?1 IN BOOLEAN MODE)
                    + MATCH (title, summary, body) AGAINST (?1 IN BOOLEAN MODE) DESC, sort_order
                LIMIT 20""")
                .setParameter(1, stems)
                .setParameter(2, region)
                .getResultList();
        List<Long> rank = ids.stream().map(Number::longValue).toList();
        List<HelpArticle> ranked = rank.isEmpty() ? List.of() : HelpArticle.<HelpArticle>list("id in ?1", rank)
                .stream().sorted(Comparator.comparingInt(article -> rank.indexOf(article.id))).toList();
        return HelpArticle.preferRegional(ranked, region);
    }

    private static final java.util.regex.Pattern SUFFIX = java.util.regex.Pattern.compile(
            "(ing|ed|es|s|ly|ment)$");

    /**
     * The words as a boolean full-text query of their stems, each a prefix ("expir*"): letters and digits only, so
     * nothing a shopper types is read as an operator. Empty when no word is long enough to search.
     */
    static String stems(String words) {
        return java.util.Arrays.stream(words.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(word -> word.length() >= 3)
                .map(word -> {
                    String stem = SUFFIX.matcher(word).replaceFirst("");
                    return (stem.length() >= 4 ? stem : word) + "*";
                })
                .distinct().limit(10).collect(java.util.stream.Collectors.joining(" "));
    }

    /** What is searched for: the query without surrounding spaces, cut to a length worth searching. */
    public static String searchWords(String query) {
        String words = Typed.text(query);
        return words.length() > MAX_QUERY_LENGTH ? words.substring(0, MAX_QUERY_LENGTH) : words;
    }

    /**
     * Counts one "did this solve your problem?" answer; false when there is no such article. A busy article's counter
     * row is hot: on a cluster, two nodes counting it at once conflict at commit, and the loser counts again.
     */
    public boolean recordFeedback(String slug, boolean solved) {
        return retries.inTransaction("help-feedback", () -> {
            if (HelpArticle.count("slug", slug) == 0) {
                return false;
            }
            em.createNativeQuery("""
                    INSERT INTO help_feedback (slug, solved, unsolved) VALUES (?1, ?2, ?3)
                    ON DUPLICATE KEY UPDATE solved = solved + VALUES(solved), unsolved = unsolved + VALUES(unsolved)""")
                    .setParameter(1, slug)
                    .setParameter(2, solved ? 1 : 0)
                    .setParameter(3, solved ? 0 : 1)
                    .executeUpdate();
            return true;
        });
    }

    private static Map<String, String> orderedTasks() {
        Map<String, String> tasks = new LinkedHashMap<>();
        tasks.put("redeeming", "Redeeming a gift card");
        tasks.put("checking", "Checking a card");
        tasks.put("balance", "Your balance");
        tasks.put("card-problems", "Card problems");
        return tasks;
    }
}
