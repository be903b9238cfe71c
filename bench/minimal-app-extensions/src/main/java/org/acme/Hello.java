package org.acme;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Entity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

@Path("/hello")
public class Hello {
    /** One entity, so that Hibernate ORM starts as it does in the portal. */
    @Entity
    public static class Greeting extends PanacheEntity {
        public String text;
    }

    @GET
    public String hello() {
        return "hello";
    }
}
