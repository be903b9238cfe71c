package org.giftportal.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts one throwaway MariaDB and Keycloak for the whole test run (random loopback ports, data wiped first) and
 * stops them when the run ends, failed tests or not. Registered in META-INF/services so it runs before any test.
 *
 * <p>Quarkus loads test classes in its own class loader, so what tests need from here travels as system
 * properties: the portal reads its settings from them and tests read {@link TestStackProperties}.
 */
public class TestStackSession implements LauncherSessionListener {
    private LocalStack stack;
    private Thread shutdownHook;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty(TestStackProperties.KEYCLOAK_URL) != null) {
            return; // an outer session already started it
        }
        int portalPort = Ports.freeLoopbackPort();
        // Production-profile instances that integration tests start beside the portal under test.
        List<Integer> instancePorts = List.of(Ports.freeLoopbackPort(), Ports.freeLoopbackPort());
        List<String> portalUrls = new ArrayList<>(List.of("http://localhost:" + portalPort));
        instancePorts.forEach(port -> portalUrls.add("http://localhost:" + port));
        long started = System.nanoTime();
        stack = LocalStack.start(new LocalStack.Options(Path.of("target", "test-stack"), false, portalUrls,
                Ports.freeLoopbackPort(), Ports.freeLoopbackPort(), PortalProperties.brandName()));
        shutdownHook = new Thread(stack::close, "test-stack-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        stack.portalSettings().forEach(System::setProperty);
        System.setProperty("quarkus.http.test-port", Integer.toString(portalPort));
        System.setProperty(TestStackProperties.KEYCLOAK_URL, stack.keycloakUrl());
        System.setProperty(TestStackProperties.KEYCLOAK_ADMIN_PASSWORD, stack.keycloakAdminPassword());
        System.setProperty(TestStackProperties.IDENTITY_MAIL_IMAP_PORT, Integer.toString(stack.identityMail()
                .imapPort()));
        System.setProperty(TestStackProperties.INSTANCE_PORTS, instancePorts.stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(",")));
        System.out.printf("Test stack up in %d s: MariaDB and Keycloak (%s) on loopback, portal on port %d%n",
                (System.nanoTime() - started) / 1_000_000_000L, stack.keycloakUrl(), portalPort);
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (stack != null) {
            stack.close();
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
            System.clearProperty(TestStackProperties.KEYCLOAK_URL);
            stack = null;
        }
    }
}
