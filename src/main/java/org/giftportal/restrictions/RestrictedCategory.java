package org.giftportal.restrictions;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;

/** Something a balance can't buy in a region, and why, in a shopper's words. */
@Entity
@Table(name = "restricted_category")
public class RestrictedCategory extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String region;

    /**
     * The machine code the store's checkout maps its own categories to (e.g. "gift-cards"): a line item in a
     * restricted category is never paid from the balance. Unique per region; lowercase letters, digits and dashes.
     */
    @Column(nullable = false)
    public String code;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String explanation;

    @Column(name = "sort_order", nullable = false)
    public int sortOrder;

    /** The codes of what the balance can't pay for in a region. */
    public static java.util.Set<String> codesForRegion(String region) {
        return java.util.Set.copyOf(forRegion(region).stream().map(category -> category.code).toList());
    }

    public static List<RestrictedCategory> forRegion(String region) {
        return list("region = ?1 order by sortOrder", region);
    }
}
