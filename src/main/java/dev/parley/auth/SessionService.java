package dev.parley.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.config.ParleyConfig;
import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.graphql.ParleyException;
import dev.parley.platform.security.AccessTokens;
import dev.parley.platform.security.Caller;
import dev.parley.platform.security.Ids;
import dev.parley.user.User;
import dev.parley.user.UserStore;
import dev.parley.workspace.Workspace;
import dev.parley.workspace.WorkspaceService;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Sessions: started at sign-in, kept alive by refreshing, ended by logout or by a replayed refresh
 * token. Each refresh moves the session's end {@code parley.auth.refresh-token-ttl} ahead (capped by
 * {@code session-max-lifetime} from the sign-in, when set).
 */
@ApplicationScoped
public class SessionService {

    private final SessionStore sessions;
    private final SuccessorTokens successors;
    private final AccessTokens accessTokens;
    private final UserStore users;
    private final WorkspaceService workspaces;
    private final Dynamo dynamo;
    private final ParleyConfig.Auth config;

    SessionService(SessionStore sessions, SuccessorTokens successors, AccessTokens accessTokens, UserStore users,
            WorkspaceService workspaces, Dynamo dynamo, ParleyConfig config) {
        this.sessions = sessions;
        this.successors = successors;
        this.accessTokens = accessTokens;
        this.users = users;
        this.workspaces = workspaces;
        this.dynamo = dynamo;
        this.config = config.auth();
    }

    /** A session about to be stored: its writes, then the tokens to hand out once they are committed. */
    final class NewSession {
        private final String sessionId = Ids.newId();
        private final String refreshToken = Ids.secretToken();
        private final List<TransactWriteItem> writes;

        private NewSession(String userId) {
            writes = sessions.newSession(sessionId, userId, refreshToken, endOf(sessionId, Instant.now()));
        }

        List<TransactWriteItem> writes() {
            return writes;
        }

        AuthPayload payload(User user, Workspace workspace) {
            return signedIn(user, workspace, sessionId, refreshToken);
        }
    }

    NewSession start(String userId) {
        return new NewSession(userId);
    }

    /**
     * Trades a refresh token for a new pair. Each refresh token rotates once; presented again within
     * {@code parley.auth.refresh-grace} of that (two tabs refreshing at once, a retried request) it
     * answers with the same successor, while that successor is unused. Any other reuse is a replay
     * (RFC 9700 4.14.2: possibly a stolen copy) and revokes the whole session for every holder.
     */
    public AuthPayload refresh(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw ParleyException.unauthenticated();
        }
        SessionStore.StoredToken stored = sessions.find(refreshToken).orElseThrow(ParleyException::unauthenticated);
        Instant now = Instant.now();
        if (stored.expiresAt().isBefore(now)) {
            throw ParleyException.unauthenticated();
        }
        if (!stored.used()) {
            String next = successors.of(refreshToken);
            Instant end = endOf(stored.sessionId(), now);
            if (!end.isAfter(now)) {
                throw ParleyException.unauthenticated(); // the session's lifetime is over
            }
            OptionalInt failed = dynamo.tryTransact(sessions.rotation(refreshToken, stored, next, end));
            if (failed.isEmpty()) {
                return signedIn(stored, next);
            }
            if (failed.getAsInt() != 0) {
                throw ParleyException.unauthenticated(); // the session was revoked
            }
            // A concurrent request rotated it between our read and write.
            stored = sessions.find(refreshToken).orElseThrow(ParleyException::unauthenticated);
        }
        return presentedAgain(refreshToken, stored, now);
    }

    /**
     * Within the grace window, the successor is handed out again if nobody has used it yet and the
     * session lives. A successor already rotated means someone held it long enough to refresh with it
     * while this token is still being presented: the signature of a copied token, so a replay.
     */
    private AuthPayload presentedAgain(String refreshToken, SessionStore.StoredToken stored, Instant now) {
        if (stored.usedAt().plus(config.refreshGrace()).isAfter(now)) {
            String successor = successors.of(refreshToken);
            Optional<SessionStore.StoredToken> next = sessions.find(successor);
            if (next.isPresent() && !next.get().used() && next.get().sessionId().equals(stored.sessionId())
                    && sessions.alive(stored.sessionId())) {
                return signedIn(next.get(), successor);
            }
        }
        revoke(stored.sessionId());
        throw ParleyException.unauthenticated();
    }

    /**
     * Ends the caller's session: first in DynamoDB (from then on no pod refreshes it, and the answer is
     * true), then its access tokens on this pod at once and on the others through Redis, which may be
     * down (they then refuse them when it is back, or when the tokens expire).
     */
    public boolean logout(Caller caller) {
        sessions.revoke(caller.sessionId());
        accessTokens.revoke(caller);
        accessTokens.revokeSession(caller.sessionId());
        return true;
    }

    private void revoke(String sessionId) {
        sessions.revoke(sessionId);
        accessTokens.revokeSession(sessionId);
    }

    /** When a session refreshed now ends: a refresh TTL from now, but not past its maximum lifetime. */
    private Instant endOf(String sessionId, Instant now) {
        Instant end = now.plus(config.refreshTokenTtl());
        Optional<Duration> max = config.sessionMaxLifetime();
        if (max.isPresent()) {
            Instant last = Ids.timeOf(sessionId).plus(max.get());
            return end.isAfter(last) ? last : end;
        }
        return end;
    }

    private AuthPayload signedIn(SessionStore.StoredToken session, String refreshToken) {
        User user = users.find(session.userId()).orElseThrow(ParleyException::unauthenticated);
        return signedIn(user, currentWorkspace(user), session.sessionId(), refreshToken);
    }

    private AuthPayload signedIn(User user, Workspace workspace, String sessionId, String refreshToken) {
        AccessTokens.Issued access = accessTokens.issue(user.id(), sessionId);
        return new AuthPayload(access.token(), refreshToken, access.expiresAt(), user, workspace, access.caller());
    }

    /** The workspace the person last chose, while they are still a member of it. */
    Workspace currentWorkspace(User user) {
        if (user.currentWorkspaceId() == null || workspaces.rolesOf(user.id(), List.of(user.currentWorkspaceId())).isEmpty()) {
            return null;
        }
        return workspaces.findAll(List.of(user.currentWorkspaceId())).stream().findFirst().orElse(null);
    }
}
