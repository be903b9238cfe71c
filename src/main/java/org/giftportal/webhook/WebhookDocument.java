package org.giftportal.webhook;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Describes the webhooks in the OpenAPI document (OpenAPI 3.1 {@code webhooks}): one entry per event type, each a
 * POST of the event envelope with the Standard Webhooks headers, which the receiver answers with any 2xx.
 */
public class WebhookDocument implements OASFilter {
    private static final String HEADERS = "Signed as the Standard Webhooks specification says: headers webhook-id"
            + " (the same on every attempt: drop repeats by it), webhook-timestamp (seconds since the epoch) and"
            + " webhook-signature (\"v1,\" and the Base64 HMAC-SHA256 of \"id.timestamp.body\" under the endpoint's"
            + " secret; two, space-separated, while a rotation overlaps). See docs/api.md, \"Webhooks\".";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        for (EventType type : EventType.values()) {
            openAPI.addWebhook(type.key(), event(type));
        }
    }

    private static PathItem event(EventType type) {
        Schema envelope = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("id", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("The event's id, as the webhook-id header: msg_ and 26 characters"))
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .enumeration(java.util.List.of(type.key())))
                .addProperty("occurredAt", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .format("date-time"))
                .addProperty("data", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                        .description("The facts: amounts as {minorUnits, currency}, a shopper as customer (their"
                                + " OIDC subject), a card as {id, maskedNumber}. Never a code, token or password. An"
                                + " email address (the shopper's, or a gift recipient's) only for an endpoint that"
                                + " is allowed addresses, as data.email."))
                .required(java.util.List.of("id", "type", "occurredAt", "data"));
        return OASFactory.createPathItem().POST(OASFactory.createOperation().summary(type.description())
                .description(HEADERS)
                .requestBody(OASFactory.createRequestBody().required(true).content(OASFactory.createContent()
                        .addMediaType("application/json", OASFactory.createMediaType().schema(envelope))))
                .responses(OASFactory.createAPIResponses().addAPIResponse("2XX", OASFactory.createAPIResponse()
                        .description("Taken. Anything else is tried again later, with the same webhook-id."))));
    }
}
