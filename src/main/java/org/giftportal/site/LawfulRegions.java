package org.giftportal.site;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Every region names a jurisdiction of {@link Jurisdiction} and keeps its law. Checked in every mode. */
@Constraint(validatedBy = LawfulRegionsCheck.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface LawfulRegions {
    String message() default "breaks the law of a region's jurisdiction";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
