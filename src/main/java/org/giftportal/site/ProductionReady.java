package org.giftportal.site;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The deployment's own settings are all there and none is a published dev/test value. */
@Constraint(validatedBy = ProductionReadyCheck.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ProductionReady {
    String message() default "is not ready for production";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
