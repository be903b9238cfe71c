package org.giftportal.testsupport;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.callback.QuarkusTestAfterEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/**
 * Puts the portal's clock back to now after every test that moved it, so that no test class has to remember to (and
 * a test that forgot can't leave the next one in the future). Registered for every {@code @QuarkusTest} in
 * {@code META-INF/services}.
 */
public class ClockBackAfterEachTest implements QuarkusTestAfterEachCallback {

    @Override
    public void afterEach(QuarkusTestMethodContext context) {
        if (Arc.container() != null) {
            Arc.container().instance(TestClock.class).get().reset();
        }
    }
}
