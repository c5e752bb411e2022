package dev.parley.auth;

import static dev.parley.auth.RateLimitTest.login;
import static dev.parley.auth.SessionTest.ME;
import static dev.parley.auth.SessionTest.refresh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.parley.platform.security.RevokedTokens;
import dev.parley.testing.Accounts;
import dev.parley.testing.GraphQLClient;
import dev.parley.testing.Messages;
import dev.parley.testing.Metrics;
import dev.parley.testing.RedisOutage;
import dev.parley.testing.Sessions;
import dev.parley.testing.TopicRecorder;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Redis down: signing in, up and out keep working (rate limits count on this pod), and what was done
 * without Redis is counted; with Redis up, nothing is.
 */
@QuarkusTest
class WithoutRedisTest {

    @ConfigProperty(name = "parley.rate-limit.auth.per-address")
    int perAddress;

    @Inject
    RedisDataSource redis;

    @Inject
    RevokedTokens revoked;

    @Test
    void withRedisUpNothingFailsOpenAndEveryNoticeIsPublished() {
        awaitCaughtUp(); // after another test's outage
        Metrics before = Metrics.scrape();
        Accounts.Account account = Accounts.register();
        assertEquals(account.userId(), login(GraphQLClient.anonymous(), account.email(), Accounts.PASSWORD).string("login.user.id"));
        assertEquals(account.userId(), account.client().execute(ME).string("me.id"));
        Messages.post(account, WorkspaceOps.channelId(account, account.workspaceId(), "general"), "published");
        account.client().execute("mutation { logout }").assertNoErrors();

        Metrics after = Metrics.scrape();
        for (String series : new String[] { Metrics.SIGN_OUT_FAILED_OPEN, Metrics.RATE_LIMIT_FAILED_OPEN, Metrics.NOTICES_UNPUBLISHED }) {
            assertEquals(before.value(series), after.value(series), series);
        }
    }

    @Test
    void registerLoginAndLogoutWorkWhileRedisIsDownAndWhatFailedOpenIsCounted() {
        Accounts.Account existing = Accounts.register();
        Metrics before = Metrics.scrape();
        Accounts.Account signedOut;
        try (RedisOutage outage = RedisOutage.begin()) {
            Accounts.Account newcomer = Accounts.register();
            assertEquals(newcomer.userId(), newcomer.client().execute(ME).string("me.id"));
            GraphQLClient.Result login = login(GraphQLClient.anonymous(), existing.email(), Accounts.PASSWORD);
            signedOut = new Accounts.Account(existing.email(), existing.userId(), existing.workspaceId(),
                    login.string("login.accessToken"), login.string("login.refreshToken"));
            Messages.post(newcomer, WorkspaceOps.channelId(newcomer, newcomer.workspaceId(), "general"), "stored, not announced");

            assertEquals(Boolean.TRUE, signedOut.client().execute("mutation { logout }").data("logout"));
            assertEquals("UNAUTHENTICATED", signedOut.client().execute(ME).errorCode(), "refused on this pod at once");
            assertEquals("UNAUTHENTICATED", refresh(signedOut.refreshToken()).errorCode(), "the session is revoked in DynamoDB");

            Metrics during = Metrics.scrape();
            assertTrue(during.value(Metrics.SIGN_OUT_FAILED_OPEN) > before.value(Metrics.SIGN_OUT_FAILED_OPEN));
            assertTrue(during.value(Metrics.RATE_LIMIT_FAILED_OPEN) > before.value(Metrics.RATE_LIMIT_FAILED_OPEN));
            assertTrue(during.value(Metrics.NOTICES_UNPUBLISHED) > before.value(Metrics.NOTICES_UNPUBLISHED));
        }
        // Once Redis is back, the sign-out made without it reaches the other pods too.
        String key = "auth:revoked-sid:" + Sessions.sessionIdOf(signedOut.accessToken());
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!redis.key().exists(key)) {
            assertTrue(System.nanoTime() < deadline, key + " was not written once Redis was back");
            TopicRecorder.sleep(Duration.ofMillis(200));
        }
    }

    private void awaitCaughtUp() {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!revoked.current()) {
            assertTrue(System.nanoTime() < deadline, "the pod did not catch up with Redis");
            TopicRecorder.sleep(Duration.ofMillis(100));
        }
    }

    @Test
    void rateLimitsStillHoldOnThisPodWhileRedisIsDown() {
        GraphQLClient fromOneAddress = GraphQLClient.anonymous().fromAddress("192.0.2.99");
        try (RedisOutage outage = RedisOutage.begin()) {
            for (int i = 0; i < perAddress; i++) {
                assertEquals("UNAUTHENTICATED", login(fromOneAddress, Accounts.uniqueEmail(), "whatever-" + i).errorCode());
            }
            assertEquals("RATE_LIMITED", login(fromOneAddress, Accounts.uniqueEmail(), "whatever").errorCode());
        }
    }
}
