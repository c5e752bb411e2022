package dev.parley.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * The committed manifests (docker/kubernetes/kubernetes.yml) are what this build generated
 * (quarkus-kubernetes, target/kubernetes/kubernetes.yml), and they hold what running Parley needs.
 * An *IT because the manifests are written by {@code package}. After changing the "## Delivery"
 * settings or src/main/kubernetes, refresh the copy: {@code ./mvnw verify -Dit.test=KubernetesManifestsIT -Dmanifests.write=true}.
 */
class KubernetesManifestsIT {

    private static final Path COMMITTED = Path.of("docker/kubernetes/kubernetes.yml");
    private static final Path GENERATED = Path.of("target/kubernetes/kubernetes.yml");
    private static final String JWT_DIR = "/etc/parley/jwt/";

    private static List<HasMetadata> resources;
    private static Properties settings;

    @BeforeAll
    static void read() throws IOException {
        if (Boolean.getBoolean("manifests.write")) {
            Files.copy(GENERATED, COMMITTED, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        try (InputStream in = Files.newInputStream(COMMITTED)) {
            @SuppressWarnings("unchecked") // several documents: a list of them
            List<HasMetadata> documents = (List<HasMetadata>) (Object) Serialization.unmarshal(in);
            resources = documents;
        }
        settings = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            settings.load(in);
        }
    }

    @Test
    void theCommittedManifestsAreWhatTheBuildGenerates() throws IOException {
        assertEquals(Files.readString(GENERATED), Files.readString(COMMITTED),
                "docker/kubernetes/kubernetes.yml is stale: rerun with -Dmanifests.write=true and commit it");
    }

    @Test
    void onlyKindsEveryClusterKnows() {
        Set<String> kinds = resources.stream().map(HasMetadata::getKind).collect(Collectors.toSet());
        assertEquals(Set.of("Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget", "ConfigMap", "Secret"),
                kinds, "no CRDs (a ServiceMonitor would fail on clusters without the Prometheus Operator)");
    }

    @Test
    void theDeploymentProbesHealthAndRunsTwoReplicas() {
        Deployment deployment = the(Deployment.class, "parley");
        assertTrue(deployment.getSpec().getReplicas() >= 2);
        Container container = container(deployment);
        assertProbe(container.getLivenessProbe(), "/q/health/live");
        assertProbe(container.getReadinessProbe(), "/q/health/ready");
        assertProbe(container.getStartupProbe(), "/q/health/started");
        assertEquals(8080, container.getPorts().get(0).getContainerPort());
    }

    @Test
    void resourcesAreRequestedAndLimited() {
        Map<String, Quantity> requests = container(the(Deployment.class, "parley")).getResources().getRequests();
        Map<String, Quantity> limits = container(the(Deployment.class, "parley")).getResources().getLimits();
        for (String resource : List.of("cpu", "memory")) {
            assertNotNull(requests.get(resource), "request " + resource);
            assertNotNull(limits.get(resource), "limit " + resource);
            assertTrue(limits.get(resource).getNumericalAmount().compareTo(requests.get(resource).getNumericalAmount()) >= 0, resource);
        }
        // The JVM at rest takes about 185 MB resident (bench/run-startup); the request leaves room for sockets.
        assertTrue(requests.get("memory").getNumericalAmount().longValue() >= 256L * 1024 * 1024);
    }

    @Test
    void podsRunAsNonRootOnAReadOnlyRootFilesystem() {
        PodSpec pod = the(Deployment.class, "parley").getSpec().getTemplate().getSpec();
        assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot());
        assertTrue(pod.getSecurityContext().getRunAsUser() > 0);
        Container container = pod.getContainers().get(0);
        assertEquals(Boolean.TRUE, container.getSecurityContext().getReadOnlyRootFilesystem());
        assertEquals(Boolean.FALSE, container.getSecurityContext().getAllowPrivilegeEscalation());
        assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop());
        VolumeMount tmp = mount(container, "/tmp");
        assertNotNull(volume(pod, tmp.getName()).getEmptyDir(), "/tmp is a writable emptyDir");
    }

    @Test
    void theGracePeriodCoversTheDrain() {
        long delay = seconds(settings.getProperty("quarkus.shutdown.delay"));
        long timeout = seconds(settings.getProperty("quarkus.shutdown.timeout"));
        long grace = the(Deployment.class, "parley").getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
        assertTrue(delay > 0 && timeout > 0);
        assertTrue(grace > delay + timeout, "terminationGracePeriodSeconds " + grace + " must exceed delay + timeout " + (delay + timeout));
    }

    @Test
    void podsCarryPrometheusScrapeAnnotations() {
        Map<String, String> annotations = the(Deployment.class, "parley").getSpec().getTemplate().getMetadata().getAnnotations();
        assertEquals("true", annotations.get("prometheus.io/scrape"));
        assertEquals("/q/metrics", annotations.get("prometheus.io/path"));
        assertEquals("8080", annotations.get("prometheus.io/port"));
    }

    @Test
    void theServiceReachesEveryPodWithoutAffinity() {
        Service service = the(Service.class, "parley");
        Map<String, String> podLabels = the(Deployment.class, "parley").getSpec().getTemplate().getMetadata().getLabels();
        assertTrue(podLabels.entrySet().containsAll(service.getSpec().getSelector().entrySet()));
        assertEquals(8080, service.getSpec().getPorts().get(0).getTargetPort().getIntVal());
        // Any pod serves any socket: a client that reconnects resumes by cursor wherever it lands.
        String affinity = service.getSpec().getSessionAffinity();
        assertTrue(affinity == null || affinity.equals("None"), affinity);
    }

    @Test
    void theAutoscalerAndTheDisruptionBudgetKeepAPodServing() {
        HorizontalPodAutoscaler hpa = the(HorizontalPodAutoscaler.class, "parley");
        assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
        assertEquals("parley", hpa.getSpec().getScaleTargetRef().getName());
        assertTrue(hpa.getSpec().getMinReplicas() >= 2 && hpa.getSpec().getMaxReplicas() > hpa.getSpec().getMinReplicas());
        PodDisruptionBudget pdb = the(PodDisruptionBudget.class, "parley");
        Map<String, String> podLabels = the(Deployment.class, "parley").getSpec().getTemplate().getMetadata().getLabels();
        assertTrue(podLabels.entrySet().containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet()));
        assertEquals(1, pdb.getSpec().getMaxUnavailable().getIntVal());
        assertNull(pdb.getSpec().getMinAvailable());
    }

    @Test
    void settingsComeFromTheConfigMapAndNameRealKeys() {
        Container container = container(the(Deployment.class, "parley"));
        String configMapName = container.getEnvFrom().get(0).getConfigMapRef().getName();
        Map<String, String> data = the(ConfigMap.class, configMapName).getData();
        assertTrue(data.keySet().containsAll(Set.of("AWS_REGION", "QUARKUS_REDIS_HOSTS", "PARLEY_TABLE_PREFIX", "PARLEY_S3_BUCKET")), data.toString());
        for (String variable : data.keySet()) {
            assertTrue(isKnownVariable(variable), variable + " sets nothing Parley reads");
        }
    }

    @Test
    void theSecretHoldsTheJwtKeyPairAsFilesAndTheCursorAndLinkKeys() {
        Deployment deployment = the(Deployment.class, "parley");
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);
        VolumeMount jwt = mount(container, JWT_DIR.substring(0, JWT_DIR.length() - 1));
        assertTrue(jwt.getReadOnly());
        String secretName = volume(pod, jwt.getName()).getSecret().getSecretName();
        Secret secret = the(Secret.class, secretName);
        assertTrue(secret.getStringData().keySet().containsAll(Set.of("private-key.pem", "public-key.pem", "refresh-key", "cursor-key", "files-link-secret")));
        assertEquals(JWT_DIR + "public-key.pem", env(container, "MP_JWT_VERIFY_PUBLICKEY_LOCATION").getValue());
        assertEquals(JWT_DIR + "private-key.pem", env(container, "SMALLRYE_JWT_SIGN_KEY_LOCATION").getValue());
        var cursorKey = env(container, "PARLEY_CURSOR_KEY").getValueFrom().getSecretKeyRef();
        assertEquals(secretName, cursorKey.getName());
        assertEquals("cursor-key", cursorKey.getKey());
        var refreshKey = env(container, "PARLEY_AUTH_REFRESH_KEY").getValueFrom().getSecretKeyRef();
        assertEquals(secretName, refreshKey.getName());
        assertEquals("refresh-key", refreshKey.getKey());
        var linkSecret = env(container, "PARLEY_FILES_LINK_SECRET").getValueFrom().getSecretKeyRef();
        assertEquals(secretName, linkSecret.getName());
        assertEquals("files-link-secret", linkSecret.getKey());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theProductionOverlayReplacesWhatTheBaseLeavesToTheOperator() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Map<String, Object> overlay = yaml.readValue(COMMITTED.resolveSibling("production/kustomization.yaml").toFile(), Map.class);
        assertEquals(List.of(".."), ((List<String>) overlay.get("resources")).subList(0, 1));

        String image = container(the(Deployment.class, "parley")).getImage();
        Map<String, String> newImage = ((List<Map<String, String>>) overlay.get("images")).get(0);
        assertEquals(image.substring(0, image.lastIndexOf(':')), newImage.get("name"), "the overlay retags the base's image");

        Map<String, Object> settings = ((List<Map<String, Object>>) overlay.get("configMapGenerator")).get(0);
        assertEquals("merge", settings.get("behavior"));
        Map<String, String> base = the(ConfigMap.class, (String) settings.get("name")).getData();
        for (String literal : (List<String>) settings.get("literals")) {
            assertTrue(base.containsKey(literal.substring(0, literal.indexOf('='))), literal + " overrides a base setting");
        }

        Map<String, Object> secrets = ((List<Map<String, Object>>) overlay.get("secretGenerator")).get(0);
        assertEquals("replace", secrets.get("behavior"), "no placeholder survives");
        assertEquals(the(Secret.class, (String) secrets.get("name")).getStringData().keySet(), Set.copyOf((List<String>) secrets.get("files")));

        Map<String, Object> account = yaml.readValue(COMMITTED.resolveSibling("production/service-account.yaml").toFile(), Map.class);
        String patch = (String) ((List<Map<String, Object>>) overlay.get("patches")).get(0).get("patch");
        assertTrue(patch.contains("serviceAccountName") && patch.contains("value: " + ((Map<String, Object>) account.get("metadata")).get("name")),
                "the pods run as the ServiceAccount that carries the IAM role");
    }

    /** A variable Parley reads: a PARLEY_* alias in application.properties, or one Quarkus or the AWS SDK maps. */
    private static boolean isKnownVariable(String variable) {
        if (variable.startsWith("QUARKUS_") || variable.equals("AWS_REGION")) {
            return true;
        }
        return settings.values().stream().anyMatch(value -> String.valueOf(value).contains("${" + variable + ":"));
    }

    private static long seconds(String duration) {
        return Duration.parse("PT" + duration).toSeconds();
    }

    private static void assertProbe(Probe probe, String path) {
        assertNotNull(probe, path);
        assertEquals(path, probe.getHttpGet().getPath());
        assertEquals(8080, probe.getHttpGet().getPort().getIntVal());
    }

    private static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static VolumeMount mount(Container container, String path) {
        return container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("nothing mounted at " + path));
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    private static EnvVar env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no variable " + name));
    }

    private static <T extends HasMetadata> T the(Class<T> type, String name) {
        return resources.stream().filter(type::isInstance).map(type::cast)
                .filter(resource -> resource.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }
}
