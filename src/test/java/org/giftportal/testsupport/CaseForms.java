package org.giftportal.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlFileInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;

/** Filling in and sending the case pages' forms, as a shopper does. */
public final class CaseForms {
    public static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};
    public static final byte[] PDF = "%PDF-1.7\n% receipt\n".getBytes();

    private CaseForms() {
    }

    /** A file to attach, written to the test's folder. */
    public static File file(Path folder, String name, byte[] content) throws IOException {
        Path path = folder.resolve(name);
        Files.write(path, content);
        return path.toFile();
    }

    public static HtmlPage submit(HtmlPage form, String topic, String cardCode, String orderNumber, String description,
            File... attachments) throws IOException {
        HtmlSelect select = form.getHtmlElementById("topic");
        select.setSelectedAttribute(topic, true);
        form.<org.htmlunit.html.HtmlInput>getHtmlElementById("cardCode").setValue(cardCode);
        form.<org.htmlunit.html.HtmlInput>getHtmlElementById("orderNumber").setValue(orderNumber);
        form.<org.htmlunit.html.HtmlTextArea>getHtmlElementById("description").setText(description);
        if (attachments.length > 0) {
            form.<HtmlFileInput>getHtmlElementById("attachments").setFiles(attachments);
        }
        return form.<HtmlButton>getFirstByXPath("//form[@action='/support/cases']//button[@type='submit']").click();
    }

    public static HtmlPage reply(HtmlPage casePage, String text) throws IOException {
        casePage.<org.htmlunit.html.HtmlTextArea>getHtmlElementById("body").setText(text);
        return casePage.<HtmlButton>getFirstByXPath("//form[contains(@action,'/replies')]//button").click();
    }

    public static String csrfToken(HtmlPage page) {
        return page.<org.htmlunit.html.HtmlInput>getFirstByXPath("//input[@name='csrf-token']").getValue();
    }

    /** The case number of a case page. */
    public static String reference(HtmlPage casePage) {
        return casePage.getUrl().getPath().substring("/support/cases/".length());
    }
}
