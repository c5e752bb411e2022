package dev.parley.auth;

import static dev.parley.auth.SessionTest.refresh;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.parley.platform.security.Ids;
import dev.parley.testing.Accounts;
import dev.parley.testing.Sessions;
import dev.parley.testing.TopicRecorder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With {@code parley.auth.session-max-lifetime} set, refreshing cannot keep a session beyond it. */
@QuarkusTest
@TestProfile(SessionLifetimeTest.ShortSessions.class)
class SessionLifetimeTest {

    static final Duration MAX_LIFETIME = Duration.ofSeconds(15);

    public static class ShortSessions implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("parley.auth.session-max-lifetime", MAX_LIFETIME.toSeconds() + "S");
        }
    }

    @Inject
    Sessions sessions;

    @Test
    void aSessionEndsAtItsMaximumLifetimeHoweverActivelyItRefreshes() {
        refresh(Accounts.register().refreshToken()).assertNoErrors(); // the first requests of a fresh start are slow
        Accounts.Account account = Accounts.register();
        String sessionId = Sessions.sessionIdOf(account.accessToken());
        long lastSecond = Ids.timeOf(sessionId).plus(MAX_LIFETIME).getEpochSecond();
        assertEquals(lastSecond, sessions.family(sessionId).expiresAt(), "capped at sign-in");

        String token = refresh(account.refreshToken()).string("refreshToken.refreshToken");
        assertEquals(lastSecond, sessions.family(sessionId).expiresAt(), "a refresh slides no further than the cap");
        assertEquals(lastSecond, sessions.token(token).expiresAt());

        TopicRecorder.sleep(Duration.ofMillis((lastSecond + 1) * 1000 - System.currentTimeMillis()));
        assertEquals("UNAUTHENTICATED", refresh(token).errorCode());
    }
}
