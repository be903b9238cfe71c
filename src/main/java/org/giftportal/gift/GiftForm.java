package org.giftportal.gift;

import jakarta.ws.rs.FormParam;
import org.giftportal.site.Region;

/** The single-gift form as typed. */
public class GiftForm {
    @FormParam("region")
    public String region;
    @FormParam("zone")
    public String zone;
    @FormParam("recipientName")
    public String recipientName;
    @FormParam("recipientEmail")
    public String recipientEmail;
    @FormParam("amount")
    public String amount;
    @FormParam("message")
    public String message;
    @FormParam("senderName")
    public String senderName;
    @FormParam("deliverAt")
    public String deliverAt;
    @FormParam("theme")
    public String theme;

    static GiftForm empty(Region region) {
        GiftForm form = new GiftForm();
        form.region = region.code();
        form.zone = region.timeZone().getId();
        form.theme = Theme.BIRTHDAY.key();
        return form;
    }
}
