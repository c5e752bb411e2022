package dev.parley.platform.health;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * What this pod did without Redis, counted for alerting and logged at most once a minute per kind
 * (with how many happened since the last line), so an outage does not log once per request:
 * <ul>
 * <li>{@code parley_failed_open_total{check="sign-out"}}: a token accepted while the pod's set of
 * revoked tokens could not be kept current from Redis;</li>
 * <li>{@code parley_failed_open_total{check="rate-limit"}}: a rate limit counted on this pod alone
 * (the fallback still limits, per pod, not per deployment);</li>
 * <li>{@code parley_notices_unpublished_total}: a pub/sub notice (live delivery, presence, typing,
 * a sign-out for other pods) that could not be published.</li>
 * </ul>
 * All are 0 while Redis is healthy, whatever the load.
 */
@ApplicationScoped
@Startup // the counters appear in /q/metrics (at 0) before anything happened
public class Degradations {

    private static final Logger LOG = Logger.getLogger(Degradations.class);
    private static final Duration LOG_EVERY = Duration.ofMinutes(1);

    public enum Check {
        SIGN_OUT("sign-out", "accepted a token without the sign-out check"),
        RATE_LIMIT("rate-limit", "counted a rate limit on this pod only");

        private final String tag;
        private final String what;

        Check(String tag, String what) {
            this.tag = tag;
            this.what = what;
        }
    }

    private final Map<Check, Counter> failedOpen = new EnumMap<>(Check.class);
    private final Map<Check, QuietLog> failedOpenLogs = new EnumMap<>(Check.class);
    private final Counter unpublished;
    private final QuietLog unpublishedLog = new QuietLog("could not publish a notice");

    public Degradations(MeterRegistry registry) {
        for (Check check : Check.values()) {
            failedOpen.put(check, Counter.builder("parley.failed.open").tag("check", check.tag)
                    .description("Checks answered without Redis").register(registry));
            failedOpenLogs.put(check, new QuietLog(check.what));
        }
        unpublished = Counter.builder("parley.notices.unpublished")
                .description("Pub/sub notices that could not be published").register(registry);
    }

    /** A check was answered without Redis; {@code why} is logged (at most once a minute). */
    public void failedOpen(Check check, String why) {
        failedOpen.get(check).increment();
        failedOpenLogs.get(check).warn(why);
    }

    public void noticeUnpublished(String topic, String why) {
        unpublished.increment();
        unpublishedLog.warn(topic + ": " + why);
    }

    /** One warning a minute at most; the next one says how many were left unsaid. */
    private static final class QuietLog {
        private final String what;
        private final AtomicLong nextAt = new AtomicLong();
        private final AtomicLong unsaid = new AtomicLong();

        QuietLog(String what) {
            this.what = what;
        }

        void warn(String why) {
            long now = System.currentTimeMillis();
            long next = nextAt.get();
            if (now < next || !nextAt.compareAndSet(next, now + LOG_EVERY.toMillis())) {
                unsaid.incrementAndGet();
                return;
            }
            long before = unsaid.getAndSet(0);
            LOG.warnf("Degraded: %s (%s)%s; the next line about it comes in %s at the earliest", what, why,
                    before == 0 ? "" : ", and " + before + " more times since the last line", LOG_EVERY);
        }
    }
}
