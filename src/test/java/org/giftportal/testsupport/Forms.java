package org.giftportal.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlCheckBoxInput;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlRadioButtonInput;
import org.htmlunit.html.HtmlSelect;
import org.htmlunit.html.HtmlTextArea;

/** Fills and sends a page's own forms, as a person would: by field name, then the form's submit button. */
public final class Forms {
    private Forms() {
    }

    /** The page's form whose action contains the text; fails the test if there is none. */
    public static HtmlForm form(HtmlPage page, String actionContains) {
        HtmlForm form = page.getFirstByXPath("//form[contains(@action,'" + actionContains + "')]");
        if (form == null) {
            throw new AssertionError("No form posting to …" + actionContains + " on " + page.getUrl() + ":\n"
                    + page.asNormalizedText());
        }
        return form;
    }

    /** Fills the named fields (text, text area, select, radio by value, checkbox "yes"/"") and sends the form. */
    public static <P extends Page> P send(HtmlPage page, String actionContains, Map<String, String> fields) {
        HtmlForm form = form(page, actionContains);
        fields.forEach((name, value) -> fill(form, name, value));
        return submit(form);
    }

    public static <P extends Page> P submit(HtmlForm form) {
        try {
            return form.<HtmlButton>getFirstByXPath(".//button[@type='submit' or not(@type)]").click();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void fill(HtmlForm form, String name, String value) {
        java.util.List<HtmlElement> fields = form.getByXPath(".//*[@name='" + name + "']");
        if (fields.isEmpty()) {
            throw new AssertionError("No field " + name + " in the form posting to " + form.getActionAttribute());
        }
        for (HtmlElement field : fields) {
            if (field instanceof HtmlRadioButtonInput radio) {
                radio.setChecked(radio.getValueAttribute().equals(value));
            } else if (field instanceof HtmlCheckBoxInput box) {
                box.setChecked(!value.isEmpty());
            } else if (field instanceof HtmlTextArea area) {
                area.setText(value);
            } else if (field instanceof HtmlSelect select) {
                select.setSelectedAttribute(value, true);
            } else if (field instanceof HtmlInput input) {
                input.setValue(value);
            }
        }
    }
}
