package dev.parley.auth;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.config.ParleyConfig;
import dev.parley.platform.redis.RateLimiter;

/**
 * Limits password guessing without letting a stranger lock the owner out: attempts are counted per
 * client address and per (email, address) pair, each answering RATE_LIMITED past its limit, while the
 * account as a whole is only slowed down: past {@code slow-down-after} failed logins for its email
 * from anywhere, every attempt waits, twice as long per further failure, at most {@code slow-down-max}.
 * The right password still signs in, from any address that is not itself limited.

 */
@ApplicationScoped
class LoginThrottle {

    private final RateLimiter limiter;
    private final ParleyConfig.RateLimit.SignIn limits;

    LoginThrottle(RateLimiter limiter, ParleyConfig config) {
        this.limiter = limiter;
        this.limits = config.rateLimit().auth();
    }

    /** Counts an attempt; RATE_LIMITED (with retryAfterSeconds) when the address, or the pair, tried too often. */
    void admit(String action, String email, String clientAddress) {
        limiter.hit(action + ":address:" + clientAddress, limits.perAddress(), limits.window());
        limiter.hit(pair(action, email, clientAddress), limits.perEmailAndAddress(), limits.window());
    }

    /** How long a login for this email waits before its password is checked. */
    Duration delayFor(String email) {
        long beyond = limiter.counted(failures(email)).attempts() - limits.slowDownAfter();
        if (beyond < 0) {
            return Duration.ZERO;
        }
        Duration delay = limits.slowDownStep().multipliedBy(1L << Math.min(beyond, 20));
        return delay.compareTo(limits.slowDownMax()) > 0 ? limits.slowDownMax() : delay;
    }

    void failed(String email) {
        limiter.count(failures(email), limits.window());
    }

    /** The pair starts afresh; the email's failures stay (they are others' guesses as much as the owner's). */
    void succeeded(String email, String clientAddress) {
        limiter.clear(pair("login", email, clientAddress));
    }

    // The address holds no '#', so the last one separates it from the email.
    private static String pair(String action, String email, String clientAddress) {
        return action + ":pair:" + email + "#" + clientAddress;
    }

    private static String failures(String email) {
        return "login:failures:" + email;
    }
}
