package dev.parley.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.parley.testing.Accounts.Account;
import dev.parley.testing.Messages;
import dev.parley.testing.SecondInstance;
import dev.parley.testing.SocketClient;
import dev.parley.testing.Teams;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Cursors across pods: one given out by pod B resumes exactly on pod A; a pod without a shared secret does not start. */
@QuarkusIntegrationTest
class CrossPodResumeIT {

    @Test
    void aCursorFromOnePodResumesExactlyOnAnother() throws Exception {
        Teams.Team team = Teams.withMembers(1);
        Account ann = team.owner(), bob = team.member(0);
        String general = WorkspaceOps.channelId(ann, team.workspaceId(), "general");
        try (SecondInstance b = SecondInstance.start()) {
            String cursor;
            try (SocketClient onB = SocketClient.connect(b.port(), "graphql-transport-ws").signIn(bob.accessToken())) {
                onB.subscribe("e", SubscriptionTest.EVENTS);
                onB.awaitLive(() -> Messages.post(ann, general, "probe"), "e");
                Messages.post(ann, general, "seen on B");
                cursor = onB.nextOf("next").getString("payload.data.events.cursor");
            }
            List<String> missed = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                missed.add(Messages.post(ann, general, "missed " + i)); // through pod A
            }
            try (SocketClient onA = SocketClient.connect().signIn(bob.accessToken())) {
                onA.subscribe("e", SubscriptionTest.EVENTS, Map.of("after", cursor));
                assertEquals(missed, SubscriptionTest.nextEvents(onA, missed.size()).stream()
                        .map(e -> e.getString("payload.data.events.message.id")).toList());
                String live = Messages.post(ann, general, "live on A");
                assertEquals(live, onA.nextOf("next").getString("payload.data.events.message.id"), "nothing twice");
            }
        }
    }

    /** Each secret every pod must share: without it a production pod refuses to start and names it. */
    @ParameterizedTest
    @CsvSource({
            "parley.events.cursor-key, PARLEY_CURSOR_KEY",
            "parley.auth.refresh-key, PARLEY_AUTH_REFRESH_KEY",
            "parley.files.link-secret, PARLEY_FILES_LINK_SECRET"})
    void withoutASharedSecretAProductionPodRefusesToStartAndSaysWhich(String missing, String variable) {
        Map<String, String> settings = new HashMap<>(Map.of("quarkus.profile", "prod"));
        for (String secret : List.of("parley.events.cursor-key", "parley.auth.refresh-key", "parley.files.link-secret")) {
            settings.put(secret, "a-shared-secret-of-32-characters!");
        }
        settings.remove(missing);
        IllegalStateException notStarted = assertThrows(IllegalStateException.class, () -> SecondInstance.launch(settings).close());
        assertTrue(notStarted.getMessage().contains(missing + " is not set (environment " + variable + ")"), notStarted.getMessage());
    }
}
