package org.giftportal.help;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A help article, in Markdown. The general version has no region; a region gets its own row where its facts
 * differ (expiry rules, say), and that row wins for shoppers of the region.
 */
@Entity
@Table(name = "help_article")
public class HelpArticle extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String slug;

    /** Null for the version every region reads unless it has its own. */
    public String region;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ArticleCategory category;

    /** The task the help home groups it under. */
    @Column(nullable = false)
    public String task;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String summary;

    /** Markdown with {{placeholders}} for configured facts. Raw HTML in it is shown as text, never run. */
    @Column(nullable = false)
    public String body;

    @Column(name = "sort_order", nullable = false)
    public int sortOrder;

    @Column(name = "last_reviewed", nullable = false)
    public LocalDate lastReviewed;

    /** The article as a region reads it: its own version if it has one, else the general one. */
    static Optional<HelpArticle> forRegion(String slug, String region) {
        List<HelpArticle> versions = list("slug = ?1 and (region = ?2 or region is null)", slug, region);
        return versions.stream().filter(article -> region.equals(article.region)).findFirst()
                .or(() -> versions.stream().findFirst());
    }

    /** Every article as a region reads it, in display order. */
    static List<HelpArticle> allForRegion(String region) {
        return preferRegional(list("region = ?1 or region is null order by sortOrder, slug", region), region);
    }

    /** Of several versions of a slug, keeps the region's own; keeps the order of the first occurrence. */
    static List<HelpArticle> preferRegional(Collection<HelpArticle> articles, String region) {
        Map<String, HelpArticle> bySlug = new LinkedHashMap<>();
        for (HelpArticle article : articles) {
            bySlug.merge(article.slug, article, (kept, other) -> region.equals(other.region) ? other : kept);
        }
        return List.copyOf(bySlug.values());
    }
}
