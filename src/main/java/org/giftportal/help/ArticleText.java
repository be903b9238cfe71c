package org.giftportal.help;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.giftportal.restrictions.RestrictedCategory;
import org.giftportal.site.Region;
import org.giftportal.site.SiteInfo;

/**
 * Turns an article's Markdown into safe HTML: configured facts go into its {{placeholders}}, raw HTML is escaped
 * (shown as text, never run) and links are limited to safe schemes.
 */
@ApplicationScoped
public class ArticleText {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z]+)}}");
    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
    private final SiteInfo site;

    ArticleText(SiteInfo site) {
        this.site = site;
    }

    public String html(String markdown, Region region) {
        return renderer.render(parser.parse(fill(markdown, region)));
    }

    /** Fills in configured facts; an unknown placeholder stays visible so a reviewer notices it. */
    public String fill(String text, Region region) {
        Map<String, String> facts = new java.util.HashMap<>(Map.of(
                "brand", site.brandName(),
                "storeUrl", region.storeUrl(),
                "regionName", region.name(),
                "currency", region.currency().getCurrencyCode(),
                "phone", region.support().phone(),
                "email", region.support().email(),
                "phoneHours", region.support().phoneHours(),
                "chatHours", region.support().chatHours()));
        if (text.contains("{{restrictedCategories}}")) {
            facts.put("restrictedCategories", restrictedCategories(region));
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(filled, Matcher.quoteReplacement(
                    facts.getOrDefault(matcher.group(1), matcher.group())));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    /** What the region's balance can't buy, from the same table as the restrictions page, as a Markdown list. */
    private static String restrictedCategories(Region region) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                RestrictedCategory.forRegion(region.code()).stream()
                        .map(category -> "- **" + category.name + ".** " + category.explanation)
                        .collect(java.util.stream.Collectors.joining("\n")));
    }
}
