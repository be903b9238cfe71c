package org.giftportal.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Test only: a resource whose author forgot to say who may use it. It must be closed to everyone. */
@Path("/test-only/forgotten")
public class UnannotatedResource {

    @GET
    public String secret() {
        return "FORGOTTEN-RESOURCE-CONTENT";
    }
}
