package org.giftportal.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The demo's stack process stops when the script that started it dies without a chance to stop it. */
class ExitWithParentTest {

    /** A stand-in for the stack: watches its parent, then waits forever. */
    public static final class Probe {
        public static void main(String[] args) throws InterruptedException {
            ExitWithParent.watch(0);
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    @Test
    void aHelperWhoseStarterIsKilledExitsByItself() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        // A script starting the helper in the background, as ./portal-demo starts the stack, then waiting.
        Process script = new ProcessBuilder("bash", "-c",
                "'" + java + "' -cp '" + classpath + "' '" + Probe.class.getName() + "' & echo $!; wait")
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(script.getInputStream(), StandardCharsets.UTF_8));
        ProcessHandle helper = ProcessHandle.of(Long.parseLong(out.readLine().strip())).orElseThrow();
        try {
            Thread.sleep(1500); // the helper's JVM is up and watching

            script.destroyForcibly().waitFor(); // kill -9: no trap runs

            assertThat(awaitExit(helper, Duration.ofSeconds(15))).isTrue();
        } finally {
            helper.destroyForcibly();
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (process.isAlive() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        return !process.isAlive();
    }
}
