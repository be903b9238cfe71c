package org.giftportal.delivery;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.giftportal.account.Account;
import org.giftportal.site.Typed;

/**
 * DEV ONLY: the mails the portal "sent" in dev mode (the mailer is a mock there), readable in a browser with their
 * links clickable, so a newcomer running {@code ./portal-demo} can follow a mail as a shopper would. Built only when
 * {@code portal.dev-mailbox.enabled} is true at build time (the dev and test profiles): a production build has no such
 * page, and its mailer is real.
 */
@Path("/dev/mailbox")
@PermitAll
@IfBuildProperty(name = "portal.dev-mailbox.enabled", stringValue = "true")
public class DevMailboxResource {
    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");

    @Inject
    jakarta.enterprise.inject.Instance<MockMailbox> mailbox;

    /** A piece of a mail's text: plain, or a link to show as one. */
    public record Part(String text, boolean link) {
    }

    /** A mail as shown: its text with links, and where its HTML part can be seen as the recipient sees it. */
    public record Shown(String subject, String from, List<Part> body, String htmlUrl) {
    }

    /** A shopper's address and the link that shows their mails. */
    public record Address(String email, String url) {
    }

    /**
     * Where the demo stack copies the mails Keycloak sent (verify an email, reset a password), one file each: "To:",
     * "Subject:", a blank line, the text. None (tests): none are shown.
     */
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "portal.dev-mailbox.identity-mail-dir")
    java.util.Optional<String> identityMailDir;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance mailbox(String to, List<Address> addresses, List<Shown> mails,
                List<Shown> identityMails);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance mailbox(@QueryParam("to") String to) {
        String address = Typed.text(to);
        // Gift recipients (addresses without an account) first, then shoppers.
        List<String> recipients = OutboxMail.recentAddresses(50);
        List<String> shoppers = Account.<Account>find("emailVerified = true and email is not null"
                + " order by lastActivityAt desc nulls last, id desc").page(0, 50).list().stream()
                .map(account -> account.email).toList();
        List<IdentityMailFile> identity = identityMails();
        List<String> signingUp = identity.stream().map(IdentityMailFile::to).toList();
        List<Address> addresses = java.util.stream.Stream.of(recipients, signingUp, shoppers).flatMap(List::stream)
                .distinct()
                .map(email -> new Address(email, "/dev/mailbox?to="
                        + java.net.URLEncoder.encode(email, java.nio.charset.StandardCharsets.UTF_8))).toList();
        List<Mail> sent = address.isEmpty() || mailbox.isUnsatisfied() ? List.of()
                : mailbox.get().getMailsSentTo(address);
        List<Shown> mails = new ArrayList<>();
        for (int i = sent == null ? -1 : sent.size() - 1; i >= 0; i--) { // newest first
            Mail mail = sent.get(i);
            String html = mail.getHtml() == null ? null : "/dev/mailbox/html?to="
                    + java.net.URLEncoder.encode(address, java.nio.charset.StandardCharsets.UTF_8) + "&n=" + i;
            mails.add(new Shown(mail.getSubject(), mail.getFrom(), parts(mail.getText() == null ? "" : mail.getText()),
                    html));
        }
        List<Shown> fromSignIn = identity.stream().filter(mail -> mail.to().equalsIgnoreCase(address))
                .map(mail -> new Shown(mail.subject(), "the sign-in service", parts(mail.text()), null)).toList();
        return Templates.mailbox(address, addresses, mails, fromSignIn);
    }

    /**
     * A mail's HTML part, for a frame in the mailbox page: as the recipient's mail program shows it, and as safely.
     * It runs nothing (sandboxed, no script), loads nothing from elsewhere (its images are data: addresses or none),
     * and may be framed only by the mailbox itself.
     */
    @GET
    @Path("html")
    @Produces(MediaType.TEXT_HTML)
    public jakarta.ws.rs.core.Response html(@QueryParam("to") String to, @QueryParam("n") int n) {
        List<Mail> sent = mailbox.isUnsatisfied() ? List.of() : mailbox.get().getMailsSentTo(Typed.text(to));
        if (sent == null || n < 0 || n >= sent.size() || sent.get(n).getHtml() == null) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        return jakarta.ws.rs.core.Response.ok(sent.get(n).getHtml())
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:;"
                        + " sandbox; frame-ancestors 'self'")
                .header("X-Frame-Options", "SAMEORIGIN").build();
    }

    /** A mail the identity provider sent, as the demo stack copied it. */
    record IdentityMailFile(String to, String subject, String text) {
    }

    /** Newest first. */
    private List<IdentityMailFile> identityMails() {
        if (identityMailDir.isEmpty() || !java.nio.file.Files.isDirectory(java.nio.file.Path.of(identityMailDir
                .get()))) {
            return List.of();
        }
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(java.nio.file.Path.of(
                identityMailDir.get()))) {
            List<IdentityMailFile> mails = new ArrayList<>();
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".txt")).sorted(
                    java.util.Comparator.reverseOrder()).toList()) {
                String[] headAndText = java.nio.file.Files.readString(file).split("\n\n", 2);
                String[] head = headAndText[0].split("\n");
                mails.add(new IdentityMailFile(head[0].replaceFirst("^To: ", "").strip(),
                        head.length > 1 ? head[1].replaceFirst("^Subject: ", "") : "",
                        headAndText.length > 1 ? headAndText[1] : ""));
            }
            return mails;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<Part> parts(String text) {
        List<Part> parts = new ArrayList<>();
        Matcher link = LINK.matcher(text);
        int at = 0;
        while (link.find()) {
            // A sentence's full stop (or comma, bracket...) after a link is not part of it.
            String url = link.group().replaceAll("[.,;:!?)]+$", "");
            parts.add(new Part(text.substring(at, link.start()), false));
            parts.add(new Part(url, true));
            at = link.start() + url.length();
        }
        parts.add(new Part(text.substring(at), false));
        return parts;
    }
}
