package dev.parley.auth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.event.ChannelEventLog;
import dev.parley.platform.config.ParleyConfig;
import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.graphql.Inputs;
import dev.parley.platform.graphql.ParleyException;
import dev.parley.platform.redis.RateLimiter;
import dev.parley.platform.security.AccessTokens;
import dev.parley.platform.security.Caller;
import dev.parley.platform.security.Ids;
import dev.parley.user.EmailAddresses;
import dev.parley.user.User;
import dev.parley.user.UserStore;
import dev.parley.workspace.Workspace;
import dev.parley.workspace.WorkspaceService;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** Accounts and sessions: register, login, refresh rotation, logout. */
@ApplicationScoped
public class AuthService {

    static final int MAX_NAME_LENGTH = 80;

    private final UserStore users;
    private final WorkspaceService workspaces;
    private final SessionStore sessions;
    private final Passwords passwords;
    private final AccessTokens accessTokens;
    private final RateLimiter rateLimiter;
    private final Dynamo dynamo;
    private final ChannelEventLog events;
    private final ParleyConfig config;

    AuthService(UserStore users, WorkspaceService workspaces, SessionStore sessions, Passwords passwords,
            AccessTokens accessTokens, RateLimiter rateLimiter, Dynamo dynamo, ChannelEventLog events,
            ParleyConfig config) {
        this.users = users;
        this.workspaces = workspaces;
        this.sessions = sessions;
        this.passwords = passwords;
        this.accessTokens = accessTokens;
        this.rateLimiter = rateLimiter;
        this.dynamo = dynamo;
        this.events = events;
        this.config = config;
    }

    /**
     * Creates the user, their workspace with #general and #random, the memberships and the first
     * session in one transaction: all of it exists afterwards, or none of it.
     */
    public AuthPayload register(RegisterInput input, String clientAddress) {
        String email = EmailAddresses.normalize(input.email());
        Passwords.validate(input.password());
        String name = Inputs.text("name", input.name(), 1, MAX_NAME_LENGTH);
        Inputs.text("workspaceName", input.workspaceName(), 1, WorkspaceService.MAX_NAME_LENGTH);
        limitAttempts("register", email, clientAddress);

        Instant now = Instant.now();
        String userId = Ids.newId(now);
        User newcomer = new User(userId, email, name, null, null, null, null, null, now);
        WorkspaceService.Founding founding = workspaces.found("workspaceName", input.workspaceName(), newcomer, now);
        User user = newcomer.withCurrentWorkspace(founding.workspace().id());
        NewSession session = newSession(userId, now);

        List<TransactWriteItem> writes = new ArrayList<>(users.creation(user, passwords.hash(input.password())));
        writes.addAll(founding.writes());
        writes.addAll(session.writes());
        events.transact(writes, founding.events(), failedItem -> failedItem == 0
                ? ParleyException.conflict("An account with this email already exists").with("field", "email")
                : ParleyException.internal());
        return session.payload(user, founding.workspace());
    }

    /** Wrong password and unknown email get the same answer, after the same amount of work. */
    public AuthPayload login(String rawEmail, String password, String clientAddress) {
        String email = EmailAddresses.normalize(rawEmail);
        limitAttempts("login", email, clientAddress);
        UserStore.Credentials credentials = users.findCredentialsByEmail(email).orElse(null);
        if (credentials == null) {
            passwords.spendDecoyCheck(password);
            throw wrongCredentials();
        }
        if (!passwords.matches(password, credentials.passwordHash())) {
            throw wrongCredentials();
        }
        Instant now = Instant.now();
        NewSession session = newSession(credentials.user().id(), now);
        dynamo.transact(session.writes(), failedItem -> ParleyException.internal());
        return session.payload(credentials.user(), currentWorkspace(credentials.user()));
    }

    /**
     * Trades a refresh token for a new pair. Each refresh token works once; presenting one again
     * (a replay, so possibly a stolen copy) revokes the whole session for every holder.
     */
    public AuthPayload refresh(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw ParleyException.unauthenticated();
        }
        SessionStore.StoredToken stored = sessions.find(refreshToken).orElseThrow(ParleyException::unauthenticated);
        if (stored.used()) {
            revokeSession(stored.sessionId());
            throw ParleyException.unauthenticated();
        }
        if (stored.expiresAt().isBefore(Instant.now())) {
            throw ParleyException.unauthenticated();
        }
        String next = Ids.secretToken();
        Instant expiresAt = Instant.now().plus(config.auth().refreshTokenTtl());
        dynamo.transact(sessions.rotation(refreshToken, stored, next, expiresAt), failedItem -> {
            if (failedItem == 0) {
                // Used by a concurrent request between our read and write: a replay all the same.
                revokeSession(stored.sessionId());
            }
            return ParleyException.unauthenticated();
        });
        User user = users.find(stored.userId()).orElseThrow(ParleyException::unauthenticated);
        AccessTokens.Issued access = accessTokens.issue(user.id(), stored.sessionId());
        return new AuthPayload(access.token(), next, access.expiresAt(), user, currentWorkspace(user), access.caller());
    }

    /**
     * Revokes the session in DynamoDB first (from then on no pod refreshes it), then its access tokens:
     * on this pod at once, on the others through Redis, which may be down (they learn it when it is back).
     */
    public boolean logout(Caller caller) {
        sessions.revoke(caller.sessionId());
        accessTokens.revoke(caller);
        accessTokens.revokeSession(caller.sessionId());
        return true;
    }

    public User me(Caller caller) {
        return users.find(caller.userId()).orElseThrow(ParleyException::unauthenticated);
    }

    private void revokeSession(String sessionId) {
        sessions.revoke(sessionId);
        accessTokens.revokeSession(sessionId);
    }

    private Workspace currentWorkspace(User user) {
        if (user.currentWorkspaceId() == null || workspaces.rolesOf(user.id(), List.of(user.currentWorkspaceId())).isEmpty()) {
            return null;
        }
        return workspaces.findAll(List.of(user.currentWorkspaceId())).stream().findFirst().orElse(null);
    }

    private void limitAttempts(String action, String email, String clientAddress) {
        ParleyConfig.RateLimit.Window limits = config.rateLimit().auth();
        rateLimiter.hit(action + ":address:" + clientAddress, limits.perAddress(), limits.window());
        rateLimiter.hit(action + ":email:" + email, limits.perEmail(), limits.window());
    }

    private static ParleyException wrongCredentials() {
        return ParleyException.unauthenticated("Wrong email or password");
    }

    private NewSession newSession(String userId, Instant now) {
        String sessionId = Ids.newId(now);
        String refreshToken = Ids.secretToken();
        List<TransactWriteItem> writes = sessions.newSession(sessionId, userId, refreshToken,
                now.plus(config.auth().refreshTokenTtl()));
        return new NewSession(sessionId, refreshToken, writes);
    }

    /** A session about to be stored: its writes, then the tokens to hand out once they are committed. */
    private final class NewSession {
        private final String sessionId;
        private final String refreshToken;
        private final List<TransactWriteItem> writes;

        private NewSession(String sessionId, String refreshToken, List<TransactWriteItem> writes) {
            this.sessionId = sessionId;
            this.refreshToken = refreshToken;
            this.writes = writes;
        }

        List<TransactWriteItem> writes() {
            return writes;
        }

        AuthPayload payload(User user, Workspace workspace) {
            AccessTokens.Issued access = accessTokens.issue(user.id(), sessionId);
            return new AuthPayload(access.token(), refreshToken, access.expiresAt(), user, workspace, access.caller());
        }
    }
}
