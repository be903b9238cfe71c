package org.giftportal.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Test only: a page that fails the way a bug would, to see what a shopper gets then. */
@jakarta.annotation.security.PermitAll
@Path("/test-only/failure")
public class FailingResource {

    @GET
    public String fail() {
        throw new IllegalStateException("simulated bug with internal detail SECRET-INTERNAL-DETAIL");
    }
}
