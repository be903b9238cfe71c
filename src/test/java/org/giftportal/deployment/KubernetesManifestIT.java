package org.giftportal.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests {@code ./mvnw package} generates (target/kubernetes/kubernetes.yml), read as an operator's
 * cluster would: enough replicas to survive one, probes where health answers, settings and secrets from outside the
 * manifests, memory sized from the measured footprint, migrations run once, and not one secret value in the file.
 */
class KubernetesManifestIT {
    private static final Path MANIFEST = Path.of("target", "kubernetes", "kubernetes.yml");
    /** Measured peak under load with the production JVM options (docs/performance.md). */
    private static final long MEASURED_RSS_MIB = 266;
    private static String text;
    private static List<JsonNode> resources;

    @BeforeAll
    static void readManifests() throws IOException {
        text = Files.readString(MANIFEST);
        resources = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = new YAMLMapper().readerFor(JsonNode.class).readValues(text)) {
            documents.forEachRemaining(resources::add);
        }
    }

    @Test
    void runsAtLeastTwoReplicasAndKeepsOneThroughDisruptions() {
        JsonNode deployment = only("Deployment", "gift-card-portal");
        assertThat(deployment.at("/spec/replicas").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(deployment.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt())
                .as("a rolling update never takes a serving replica away first").isZero();
        JsonNode budget = only("PodDisruptionBudget", "gift-card-portal");
        assertThat(budget.at("/spec/minAvailable").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(budget.at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText())
                .isEqualTo(deployment.at("/spec/template/metadata/labels/app.kubernetes.io~1name").asText());
        JsonNode service = only("Service", "gift-card-portal");
        assertThat(service.at("/spec/selector").has("app.kubernetes.io/version"))
                .as("pods of the next version join the Service during a rolling update").isFalse();
    }

    @Test
    void probesAskTheHealthEndpointsOnTheManagementPort() {
        JsonNode portal = portalContainer();
        assertThat(portal.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
        assertThat(portal.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
        assertThat(portal.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/started");
        int startupSeconds = portal.at("/startupProbe/failureThreshold").asInt()
                * portal.at("/startupProbe/periodSeconds").asInt();
        assertThat(startupSeconds).as("seconds a slow start may take on a quarter of a core")
                .isGreaterThanOrEqualTo(300);
        String managementPort = portal.at("/readinessProbe/httpGet/port").asText();
        assertThat(StreamSupport.stream(portal.path("ports").spliterator(), false)
                .filter(port -> managementPort.equals(port.path("name").asText())
                        || managementPort.equals(port.path("containerPort").asText()))
                .map(port -> port.path("containerPort").asInt()).findFirst()).contains(9000);
    }

    @Test
    void takesSettingsFromAConfigMapAndSecretsFromASecret() {
        JsonNode envFrom = portalContainer().path("envFrom");
        assertThat(envFrom.findValuesAsText("name")).contains("gift-card-portal-config", "gift-card-portal-secrets");
        assertThat(envFrom.toString()).contains("\"secretRef\":{\"name\":\"gift-card-portal-secrets\"}")
                .contains("\"configMapRef\":{\"name\":\"gift-card-portal-config\"}");
    }

    @Test
    void holdsNoSecretValue() {
        assertThat(resources).noneMatch(resource -> "Secret".equals(resource.path("kind").asText()));
        assertThat(resources).noneMatch(resource -> "ConfigMap".equals(resource.path("kind").asText()));
        // Every literal environment value, in every container of every resource, is a setting, never a key.
        Pattern secretName = Pattern.compile("SECRET|PASSWORD|_KEY|TOKEN", Pattern.CASE_INSENSITIVE);
        List<JsonNode> variables = resources.stream().flatMap(resource -> resource.findValues("env").stream())
                .flatMap(env -> StreamSupport.stream(env.spliterator(), false)).toList();
        assertThat(variables).isNotEmpty().allSatisfy(variable -> {
            if (variable.has("value")) {
                assertThat(variable.path("name").asText()).doesNotContainPattern(secretName);
            }
        });
        assertThat(text).doesNotContain("DEV-ONLY").doesNotContain("TEST-ONLY").doesNotContainIgnoringCase("throwaway")
                .doesNotContain("dev-only");
    }

    @Test
    void asksForTheMemoryItWasMeasuredToNeed() {
        JsonNode resourcesOfPortal = portalContainer().path("resources");
        long requested = mebibytes(resourcesOfPortal.at("/requests/memory").asText());
        long limit = mebibytes(resourcesOfPortal.at("/limits/memory").asText());
        assertThat(requested).isGreaterThanOrEqualTo(MEASURED_RSS_MIB).isLessThanOrEqualTo(MEASURED_RSS_MIB * 3 / 2);
        assertThat(limit).isGreaterThanOrEqualTo(requested);
        assertThat(env("JAVA_OPTS_APPEND")).contains("-Xmx96m").contains("-XX:TieredStopAtLevel=1").contains("-XX:MaxMetaspaceSize=150m")
                .as("the collector is chosen once, where the base image chooses it").doesNotContain("-XX:+Use");
        assertThat(env("GC_CONTAINER_OPTIONS")).isEqualTo("-XX:+UseSerialGC");
    }

    @Test
    void migratesOnceInAJobBeforeAnyReplicaStarts() {
        Optional<JsonNode> job = resources.stream().filter(resource -> "Job".equals(resource.path("kind").asText()))
                .filter(resource -> resource.at("/metadata/name").asText().contains("flyway")).findFirst();
        assertThat(job).as("the Flyway migration runs as a Job of its own").isPresent();
        JsonNode migrator = job.get().at("/spec/template/spec/containers/0");
        assertThat(migrator.path("envFrom").toString()).contains("gift-card-portal-secrets");
        assertThat(migrator.path("env").toString()).contains("{\"name\":\"QUARKUS_INIT_AND_EXIT\",\"value\":\"true\"}");
        JsonNode initContainers = only("Deployment", "gift-card-portal").at("/spec/template/spec/initContainers");
        assertThat(initContainers.findValues("args").toString()).as("replicas wait for that very job")
                .contains(job.get().at("/metadata/name").asText());
        assertThat(env("QUARKUS_FLYWAY_ACTIVE")).as("replicas don't migrate").isEqualTo("false");
    }

    @Test
    void mountsOneSharedVolumeForAttachments() {
        JsonNode claim = only("PersistentVolumeClaim", "gift-card-portal-attachments");
        assertThat(claim.at("/spec/accessModes").toString()).contains("ReadWriteMany");
        JsonNode portal = portalContainer();
        assertThat(portal.path("volumeMounts").findValuesAsText("mountPath"))
                .contains("/var/lib/gift-card-portal/attachments");
        assertThat(env("ATTACHMENTS_DIR")).isEqualTo("/var/lib/gift-card-portal/attachments");
    }

    @Test
    void neverRunsAsRoot() {
        JsonNode pod = only("Deployment", "gift-card-portal").at("/spec/template/spec/securityContext");
        assertThat(pod.path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.path("runAsUser").asLong()).isNotZero();
    }

    private static String env(String name) {
        return allEnv().stream().filter(variable -> name.equals(variable.path("name").asText())).findFirst()
                .map(variable -> variable.path("value").asText())
                .orElseThrow(() -> new AssertionError(name + " is not set"));
    }

    private static JsonNode portalContainer() {
        JsonNode containers = only("Deployment", "gift-card-portal").at("/spec/template/spec/containers");
        return StreamSupport.stream(containers.spliterator(), false)
                .filter(container -> "gift-card-portal".equals(container.path("name").asText())).findFirst()
                .orElseThrow();
    }

    private static List<JsonNode> allEnv() {
        return portalContainer().path("env").findParents("name").stream().toList();
    }

    private static JsonNode only(String kind, String name) {
        List<JsonNode> matching = resources.stream().filter(resource -> kind.equals(resource.path("kind").asText())
                && name.equals(resource.at("/metadata/name").asText())).toList();
        assertThat(matching).as(kind + " " + name + " in " + MANIFEST).hasSize(1);
        return matching.get(0);
    }

    private static long mebibytes(String quantity) {
        if (quantity.endsWith("Gi")) {
            return Long.parseLong(quantity.substring(0, quantity.length() - 2)) * 1024;
        }
        assertThat(quantity).endsWith("Mi");
        return Long.parseLong(quantity.substring(0, quantity.length() - 2));
    }
}
