package org.giftportal.card;

import jakarta.ws.rs.FormParam;
import java.util.Optional;
import org.giftportal.site.Region;
import org.giftportal.site.Regions;

/** The batch form as typed; {@code requestKey} makes confirming twice issue once. */
public class BatchForm {
    private static final int MAX_NAME = 100;

    @FormParam("region")
    public String region;
    @FormParam("value")
    public String value;
    @FormParam("count")
    public String count;
    @FormParam("name")
    public String name;
    @FormParam("kind")
    public String kind;
    @FormParam("reason")
    public String reason;
    @FormParam("requestKey")
    public String requestKey;

    static BatchForm empty() {
        BatchForm form = new BatchForm();
        form.region = "";
        form.value = "";
        form.count = "1";
        form.name = "";
        form.kind = "physical";
        form.reason = "";
        return form;
    }

    boolean physical() {
        return !"online".equals(kind);
    }

    /** What is wrong with the form as typed, field by field in the order of the form; empty if nothing. */
    Optional<String> problem(Regions regions) {
        Optional<Region> chosen = regions.find(region);
        if (chosen.isEmpty()) {
            return Optional.of("Choose the region the cards are sold in.");
        }
        if (value == null || !value.strip().matches("[0-9]{1,9}")) {
            return Optional.of("Give each card's value as a whole number of " + chosen.get().currency()
                    .getCurrencyCode() + ", from " + chosen.get().minDenomination() + " to "
                    + chosen.get().maxDenomination() + ".");
        }
        long worth = Long.parseLong(value.strip());
        if (worth < chosen.get().minDenomination() || worth > chosen.get().maxDenomination()) {
            return Optional.of("Cards in " + chosen.get().inSentence() + " are worth " + chosen.get().minDenomination()
                    + " to " + chosen.get().maxDenomination() + " " + chosen.get().currency().getCurrencyCode() + ".");
        }
        if (count == null || !count.strip().matches("[0-9]{1,6}")
                || Integer.parseInt(count.strip()) < 1 || Integer.parseInt(count.strip())
                > CardBatches.MAX_CARDS) {
            return Optional.of("A batch holds 1 to " + CardBatches.MAX_CARDS + " cards.");
        }
        if (name == null || name.strip().length() < 3 || name.strip().length() > MAX_NAME) {
            return Optional.of("Name the batch in 3 to " + MAX_NAME + " characters, e.g. \"Holiday stands, store 12\".");
        }
        if (!"physical".equals(kind) && !"online".equals(kind)) {
            return Optional.of("Choose whether the cards are physical (sold at a till) or online (active at once).");
        }
        return CardDesk.reasonProblem(reason);
    }
}
