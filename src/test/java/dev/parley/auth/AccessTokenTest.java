package dev.parley.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import dev.parley.testing.Accounts;
import dev.parley.testing.GraphQLClient;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Every way a bearer token can be wrong gets UNAUTHENTICATED, and nothing else. */
@QuarkusTest
class AccessTokenTest {

    private static final String ME = "{ me { id } }";

    @Test
    void aValidTokenIsAccepted() {
        Accounts.Account account = Accounts.register();
        assertEquals(account.userId(), GraphQLClient.withToken(signed(claims(account.userId()))).execute(ME).string("me.id"));
    }

    @Test
    void expiredTokensAreRefusedBeyondFiveSecondsOfSkew() {
        Accounts.Account account = Accounts.register();
        String expired = signed(claims(account.userId()).issuedAt(Instant.now().minusSeconds(120))
                .expiresAt(Instant.now().minusSeconds(10)));
        assertRefused(expired);
    }

    @Test
    void tamperedTokensAreRefused() {
        Accounts.Account account = Accounts.register();
        Accounts.Account other = Accounts.register();
        String[] parts = account.accessToken().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(account.userId(), other.userId());
        String tampered = parts[0] + "." + base64(payload) + "." + parts[2];
        assertRefused(tampered);
    }

    @Test
    void unsignedAlgNoneTokensAreRefused() {
        Accounts.Account account = Accounts.register();
        String payload = new String(Base64.getUrlDecoder().decode(account.accessToken().split("\\.")[1]), StandardCharsets.UTF_8);
        assertRefused(base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + base64(payload) + ".");
    }

    @Test
    void wrongIssuerOrAudienceIsRefused() {
        Accounts.Account account = Accounts.register();
        assertRefused(signed(claims(account.userId()).issuer("https://evil.example")));
        assertRefused(signed(claims(account.userId()).audience("someone-else")));
    }

    @Test
    void tokensThatAreNotAccessTokensAreRefused() {
        Accounts.Account account = Accounts.register();
        assertRefused(account.refreshToken());
        assertRefused(signed(claims(account.userId()).claim("token_use", "refresh")));
        assertRefused(signed(claims(account.userId()).remove("token_use")));
    }

    @Test
    void garbageIsRefused() {
        assertRefused("not.a.jwt");
        assertRefused("");
    }

    private static void assertRefused(String token) {
        GraphQLClient.Result result = GraphQLClient.withToken(token).execute(ME);
        assertEquals("UNAUTHENTICATED", result.errorCode(), result.json().prettify());
    }

    /** Claims like the ones Parley issues, signed with the server's own key unless changed. */
    private static JwtClaimsBuilder claims(String userId) {
        return Jwt.issuer("https://parley.dev").audience("parley").subject(userId)
                .claim("sid", "test-session").claim("token_use", "access").claim("jti", java.util.UUID.randomUUID().toString())
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300));
    }

    private static String signed(JwtClaimsBuilder claims) {
        return claims.jws().sign();
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
