package org.giftportal.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the request budget (a key of {@code portal.rate-limits}) an endpoint spends from. Every POST spends from
 * {@value #FORMS} unless it names another; a GET spends only when it names one.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RateLimited {
    String FORMS = "forms";
    String CODES = "codes";
    String CASES = "cases";
    String MESSAGES = "messages";
    String FEEDBACK = "feedback";
    String SEARCH = "search";
    /** Every call of the store API, per client. */
    String API = "api";
    /** The till's forms, per cashier: a busy counter sends two for every sale. */
    String TILL = "till";

    String value();
}
