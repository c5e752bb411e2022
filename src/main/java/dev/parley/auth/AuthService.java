package dev.parley.auth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.event.ChannelEventLog;
import dev.parley.platform.dynamodb.Dynamo;
import dev.parley.platform.graphql.Inputs;
import dev.parley.platform.graphql.ParleyException;
import dev.parley.platform.security.Caller;
import dev.parley.platform.security.Ids;
import dev.parley.user.EmailAddresses;
import dev.parley.user.User;
import dev.parley.user.UserStore;
import dev.parley.workspace.WorkspaceService;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** Accounts and signing in: register, login (sessions themselves are {@link SessionService}'s). */
@ApplicationScoped
public class AuthService {

    static final int MAX_NAME_LENGTH = 80;

    private final UserStore users;
    private final WorkspaceService workspaces;
    private final SessionService sessions;
    private final Passwords passwords;
    private final LoginThrottle throttle;
    private final Dynamo dynamo;
    private final ChannelEventLog events;

    AuthService(UserStore users, WorkspaceService workspaces, SessionService sessions, Passwords passwords,
            LoginThrottle throttle, Dynamo dynamo, ChannelEventLog events) {
        this.users = users;
        this.workspaces = workspaces;
        this.sessions = sessions;
        this.passwords = passwords;
        this.throttle = throttle;
        this.dynamo = dynamo;
        this.events = events;
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
        throttle.admit("register", email, clientAddress);

        Instant now = Instant.now();
        String userId = Ids.newId(now);
        User newcomer = new User(userId, email, name, null, null, null, null, null, now, null);
        WorkspaceService.Founding founding = workspaces.found("workspaceName", input.workspaceName(), newcomer, now);
        User user = newcomer.withCurrentWorkspace(founding.workspace().id());
        SessionService.NewSession session = sessions.start(userId);

        List<TransactWriteItem> writes = new ArrayList<>(users.creation(user, passwords.hash(input.password())));
        writes.addAll(founding.writes());
        writes.addAll(session.writes());
        events.transact(writes, founding.events(), failedItem -> failedItem == 0
                ? ParleyException.conflict("An account with this email already exists").with("field", "email")
                : ParleyException.internal());
        return session.payload(user, founding.workspace());
    }

    /**
     * Wrong password and unknown email get the same answer, after the same amount of work. An
     * account under attack answers later ({@link LoginThrottle#delayFor}): a timer, so waiting
     * attempts hold no thread and queue behind nothing; the limits and the password check run on
     * worker threads.
     */
    public Uni<AuthPayload> login(String rawEmail, String password, String clientAddress) {
        String email = EmailAddresses.normalize(rawEmail);
        Executor workers = Infrastructure.getDefaultWorkerPool();
        return Uni.createFrom().item(() -> {
            throttle.admit("login", email, clientAddress);
            return throttle.delayFor(email);
        }).runSubscriptionOn(workers)
                .chain(wait -> wait.isZero() ? Uni.createFrom().voidItem() : Uni.createFrom().voidItem().onItem().delayIt().by(wait))
                .emitOn(workers)
                .map(ready -> checkPassword(email, password, clientAddress));
    }

    private AuthPayload checkPassword(String email, String password, String clientAddress) {
        UserStore.Credentials credentials = users.findCredentialsByEmail(email).orElse(null);
        if (credentials == null) {
            passwords.spendDecoyCheck(password);
        }
        if (credentials == null || !passwords.matches(password, credentials.passwordHash())) {
            throttle.failed(email);
            throw ParleyException.unauthenticated("Wrong email or password");
        }
        throttle.succeeded(email, clientAddress);
        SessionService.NewSession session = sessions.start(credentials.user().id());
        dynamo.transact(session.writes(), failedItem -> ParleyException.internal());
        return session.payload(credentials.user(), sessions.currentWorkspace(credentials.user()));
    }

    public User me(Caller caller) {
        return users.find(caller.userId()).orElseThrow(ParleyException::unauthenticated);
    }
}
