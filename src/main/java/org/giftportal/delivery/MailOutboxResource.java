package org.giftportal.delivery;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.PermissionsAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.giftportal.account.Account;
import org.giftportal.account.SignedInShopper;
import org.giftportal.audit.Audit;
import org.giftportal.account.StaffPermissions;
import org.giftportal.site.RegionFormats;
import org.giftportal.site.Regions;

/**
 * The emails staff should know about: those given up after every attempt (sent again from here once the cause is
 * fixed, e.g. the shopper's address verified) and those still being retried, with the reason of the last failure.
 */
@Path("/backoffice/mails")
@PermissionsAllowed(StaffPermissions.LOOK_UP)
public class MailOutboxResource {
    private static final int MAX_ROWS = 50;

    @Inject
    CodeCards cards;

    @Inject
    MailOutbox outbox;

    @Inject
    SignedInShopper staff;

    @Inject
    Audit audit;

    @Inject
    Regions regions;

    @Inject
    RegionFormats formats;

    /** One mail as staff see it: never its text, never a code. */
    public record Row(long id, String kind, Long accountId, String shopper, String cardNumber, String caseReference,
            String queued, int attempts, String lastError, boolean failed) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(boolean failed, List<Row> mails, boolean mayResend, String notice);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance list(@QueryParam("status") String status, @QueryParam("sent") Long sent) {
        boolean failed = !"RETRYING".equals(status);
        List<OutboxMail> mails = failed
                ? OutboxMail.<OutboxMail>find("status = ?1 order by id desc", OutboxMail.Status.FAILED)
                        .page(0, MAX_ROWS).list()
                : OutboxMail.<OutboxMail>find("status = ?1 and attempts > 0 order by id desc",
                        OutboxMail.Status.PENDING).page(0, MAX_ROWS).list();
        return Templates.list(failed, mails.stream().map(this::row).toList(),
                staff.hasPermission(StaffPermissions.REVIEW_HOLDS),
                sent == null ? null : "Mail " + sent + " went to the outbox again: it is being sent now.");
    }

    @POST
    @Path("{id}/send-again")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @PermissionsAllowed(StaffPermissions.REVIEW_HOLDS)
    public Response sendAgain(@PathParam("id") long id) {
        OutboxMail mail = QuarkusTransaction.requiringNew().call(() -> OutboxMail.<OutboxMail>findByIdOptional(id))
                .orElseThrow(NotFoundException::new);
        if (!outbox.sendAgain(id)) {
            return Response.seeOther(UriBuilder.fromPath("/backoffice/mails").build()).build();
        }
        QuarkusTransaction.requiringNew().run(() -> audit.done(staff.actor(), "mail.send-again",
                target(mail), label(mail.kind), "FAILED",
                OutboxMail.<OutboxMail>findByIdOptional(id).map(now -> now.status.name()).orElse("")));
        return Response.seeOther(UriBuilder.fromPath("/backoffice/mails").queryParam("sent", id).build()).build();
    }

    /** The account a mail goes to, or (a gift's) the card it delivers. */
    private Audit.Target target(OutboxMail mail) {
        if (mail.accountId == null) {
            return new Audit.Target(org.giftportal.audit.AuditEntry.TargetType.CARD, mail.giftCardId,
                    cards.number(mail.giftCardId).orElse(""));
        }
        return Audit.Target.account(mail.accountId, Account.<Account>findByIdOptional(mail.accountId)
                .map(account -> account.displayName).orElse(""));
    }

    private Row row(OutboxMail mail) {
        Optional<Account> account = mail.accountId == null ? Optional.empty()
                : Account.findByIdOptional(mail.accountId);
        String cardNumber = mail.giftCardId == null ? null : cards.number(mail.giftCardId).orElse(null);
        return new Row(mail.id, label(mail.kind), mail.accountId, account.map(found -> found.displayName)
                .orElse(mail.toEmail), cardNumber, mail.caseReference, formats.dateTime(mail.createdAt,
                        regions.orDefault(account.map(found -> found.region).orElse(null))), mail.attempts,
                mail.lastError, mail.status == OutboxMail.Status.FAILED);
    }

    /** The kind of mail in words: "case answered". */
    static String label(OutboxMail.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
