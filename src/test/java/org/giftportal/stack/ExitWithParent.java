package org.giftportal.stack;

/**
 * Makes a helper process end when the process that started it ends, however that happened: Ctrl-C on a pipeline
 * ({@code ./portal-demo | tee log}) can kill the starting script before its trap runs, and a kill -9 runs no trap at
 * all. The JVM then exits normally, so its shutdown hooks stop what it started (MariaDB, Keycloak).
 */
public final class ExitWithParent {
    private ExitWithParent() {
    }

    /** Watches this process's parent; when it is gone, exits with {@code status}. */
    public static void watch(int status) {
        ProcessHandle.current().parent().ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> {
                    System.out.println("The process that started this one has ended: stopping.");
                    System.exit(status);
                }),
                () -> System.exit(status));
    }
}
