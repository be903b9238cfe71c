package org.giftportal.ledger;

import java.util.function.Function;

/** What a money rule decided: done, with its result, or refused, with why (and then nothing changed). */
public sealed interface Ruling<T> {

    record Done<T>(T value) implements Ruling<T> {
    }

    record Refused<T>(Refusal why) implements Ruling<T> {
    }

    static <T> Ruling<T> done(T value) {
        return new Done<>(value);
    }

    static <T> Ruling<T> refused(Refusal why) {
        return new Refused<>(why);
    }

    /** The result, or the caller's own exception for the refusal (an API request ends with its problem). */
    default <X extends RuntimeException> T orElseThrow(Function<Refusal, X> failure) {
        if (this instanceof Done<T> done) {
            return done.value();
        }
        throw failure.apply(((Refused<T>) this).why());
    }
}
