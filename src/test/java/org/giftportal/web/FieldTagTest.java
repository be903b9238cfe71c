package org.giftportal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.giftportal.testsupport.TemplateFiles;
import org.junit.jupiter.api.Test;

import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.TemplateLocator.TemplateLocation;
import io.quarkus.qute.UserTagSectionHelper;
import io.quarkus.qute.Variant;

/**
 * Every form's fields come from one tag (templates/tags/field.html): what a screen reader announces for a field (its
 * label, its hint, its error and that it is invalid) is wired there once. Rendered here with a plain Qute engine, so
 * the rules are checked in milliseconds without the stack.
 */
class FieldTagTest {

    private static final Engine QUTE = Engine.builder()
            .addDefaults()
            .addValueResolver(new ReflectionValueResolver())
            .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
            .strictRendering(true)
            .removeStandaloneLines(true)
            .addSectionHelper(new UserTagSectionHelper.Factory("field", "tags/field.html"))
            .addSectionHelper(new UserTagSectionHelper.Factory("choice", "tags/choice.html"))
            .addLocator(FieldTagTest::fromClasspath)
            // The page's shared words, in English as the bundle's interface writes them.
            .addNamespaceResolver(io.quarkus.qute.NamespaceResolver.builder("page").resolve(context -> english(
                    context.getName())).build())
            .build();

    private static String english(String key) {
        try {
            return org.giftportal.site.PageMessages.class.getMethod(key)
                    .getAnnotation(io.quarkus.qute.i18n.Message.class).value();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("No page message " + key, e);
        }
    }

    @Test
    void aPlainFieldHasItsLabelAndNothingToDescribeIt() {
        String html = render("{#field name='recipientName' label='Recipient name' value=typed required=true maxlength=100 /}",
                Map.of("typed", "Rosa <Diaz>"));

        assertThat(html).contains("<label for=\"recipientName\">Recipient name</label>")
                .contains("<input type=\"text\" id=\"recipientName\" name=\"recipientName\" value=\"Rosa &lt;Diaz&gt;\"")
                .contains(" required ").contains("maxlength=\"100\"")
                .doesNotContain("aria-describedby").doesNotContain("aria-invalid").doesNotContain("field-error");
    }

    @Test
    void aHintIsReadWithTheField() {
        String html = render("{#field name='zone' label='Time zone' hint='Like Europe/London.' /}", Map.of());

        assertThat(html).contains("<span class=\"hint\" id=\"zone-hint\">Like Europe/London.</span>")
                .contains("aria-describedby=\"zone-hint\"").doesNotContain("aria-invalid");
    }

    @Test
    void anErrorIsReadAfterTheHintAndMarksTheFieldInvalid() {
        String html = render("{#field name='amount' id='till-amount' label='Amount' hint='Like 12.50.' error=problem type='number' /}",
                Map.of("problem", "Type an amount above zero."));

        assertThat(html).contains("<label for=\"till-amount\">Amount</label>")
                .contains("<p class=\"field-error\" id=\"till-amount-error\"><span class=\"visually-hidden\">Error: </span>Type an amount above zero.</p>")
                .contains("type=\"number\" id=\"till-amount\" name=\"amount\"")
                .contains("aria-describedby=\"till-amount-hint till-amount-error\"")
                .contains("aria-invalid=\"true\"");
        assertThat(html.indexOf("till-amount-hint\">")).as("hint before error, as the page reads")
                .isLessThan(html.indexOf("till-amount-error\">"));
    }

    @Test
    void anEmptyErrorIsNoError() {
        String html = render("{#field name='code' label='Code' error=problem /}", Map.of("problem", ""));

        assertThat(html).doesNotContain("field-error").doesNotContain("aria-invalid").doesNotContain("aria-describedby");
    }

    @Test
    void aFieldWhoseErrorIsToldAtTheTopIsInvalidAndPointsThere() {
        String html = render("{#field name='from' type='date' label='From' hint='Both days count.' invalid=bad describedBy='problem' /}",
                Map.of("bad", true));

        assertThat(html).contains("aria-describedby=\"from-hint problem\"").contains("aria-invalid=\"true\"")
                .doesNotContain("field-error");
    }

    @Test
    void aSearchBoxHasItsButtonBesideIt() {
        String html = render("{#field name='q' type='search' label='Find' button='Go' /}", Map.of());

        assertThat(html).containsSubsequence("<div class=\"inline-field\">", "<input type=\"search\" id=\"q\"",
                "<button type=\"submit\">Go</button></div>");
    }

    @Test
    void aTextareaKeepsWhatWasTypedInsideIt() {
        String html = render("{#field name='message' label='Message' control='textarea' rows=4 value=typed /}",
                Map.of("typed", "Happy birthday & more"));

        assertThat(html).contains("<textarea id=\"message\" name=\"message\"").contains("rows=\"4\"")
                .contains("Happy birthday &amp; more</textarea>").doesNotContain("<input");
    }

    @Test
    void aSelectTakesItsOptionsFromTheCallingPage() {
        String html = render("{#field name='region' label='Region' control='select'}{#for r in regions}<option>{r}</option>{/for}{/field}",
                Map.of("regions", List.of("GB", "US")));

        assertThat(html).contains("<select id=\"region\" name=\"region\"").contains("<option>GB</option><option>US</option></select>");
    }

    @Test
    void autofocusIsOnlyWrittenWhenAsked() {
        assertThat(render("{#field name='q' label='Search' autofocus=false /}", Map.of())).doesNotContain("autofocus");
        assertThat(render("{#field name='q' label='Search' autofocus=true /}", Map.of())).contains(" autofocus");
    }

    @Test
    void aRadioButtonIsCheckedWhenItIsTheGroupsChoiceAndACheckboxWhenAsked() {
        String group = "{#choice type='radio' name='kind' value='physical' current=kind label='Physical' /}"
                + "{#choice type='radio' name='kind' value='online' current=kind label='Online' /}";

        assertThat(render(group, Map.of("kind", "online")))
                .contains("<label class=\"checkbox\"><input type=\"radio\" name=\"kind\" value=\"physical\"> Physical</label>")
                .contains("<input type=\"radio\" name=\"kind\" value=\"online\" checked> Online</label>");
        assertThat(render("{#choice name='whole' value='yes' checked=whole label='All of it' /}", Map.of("whole", false)))
                .contains("<input type=\"checkbox\" name=\"whole\" value=\"yes\"> All of it").doesNotContain("checked");
    }

    @Test
    void everyFormOfThePortalWritesItsFieldsWithTheTags() {
        List<String> wiredByHand = TemplateFiles.matching(FieldTagTest::hasAFieldWrittenByHand,
                Path.of("tags", "field.html"), Path.of("tags", "choice.html"));

        assertThat(wiredByHand).as("templates with a label, a visible control or aria wiring written by hand").isEmpty();
    }

    private static boolean hasAFieldWrittenByHand(String template) {
        String html = template.replaceAll("<input type=\"hidden\"[^>]*>", "");
        return html.contains("<label") || html.contains("<input") || html.contains("<textarea") || html.contains("<select")
                || html.contains("aria-invalid");
    }

    private static String render(String page, Map<String, Object> data) {
        var template = QUTE.parse(page, Variant.forContentType(Variant.TEXT_HTML));
        var instance = template.instance();
        data.forEach(instance::data);
        return instance.render();
    }

    private static Optional<TemplateLocation> fromClasspath(String id) {
        InputStream in = FieldTagTest.class.getResourceAsStream("/templates/" + id);
        if (in == null) {
            return Optional.empty();
        }
        String text;
        try (in) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Optional.of(new TemplateLocation() {
            @Override
            public Reader read() {
                return new StringReader(text);
            }

            @Override
            public Optional<Variant> getVariant() {
                return Optional.of(Variant.forContentType(Variant.TEXT_HTML));
            }
        });
    }
}
