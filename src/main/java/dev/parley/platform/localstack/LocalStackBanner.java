package dev.parley.platform.localstack;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/** Tells a developer where everything is, once the local run or dev mode is up. */
@ApplicationScoped
public class LocalStackBanner {

    private static final Logger LOG = Logger.getLogger(LocalStackBanner.class);

    void onStart(@Observes StartupEvent event, Config config) {
        if (config.getOptionalValue(LocalStack.STARTED_MARKER, String.class).isEmpty()
                || LaunchMode.current() == LaunchMode.TEST) {
            return;
        }
        int port = config.getOptionalValue("quarkus.http.port", Integer.class).orElse(8080);
        LOG.infof("%n  Parley is up with its local stack (data in %s)%n"
                + "    GraphQL   http://localhost:%d/graphql%n"
                + "    GraphiQL  http://localhost:%d/q/graphql-ui/%n"
                + "    DynamoDB  %s%n"
                + "    S3        %s%n"
                + "    Redis     %s%n",
                config.getOptionalValue("local-stack.data-dir", String.class).orElse(".data/"), port, port,
                config.getOptionalValue(LocalStack.DYNAMODB_ENDPOINT, String.class).orElse("(configured elsewhere)"),
                config.getOptionalValue(LocalStack.S3_ENDPOINT, String.class).orElse("(configured elsewhere)"),
                config.getOptionalValue(LocalStack.REDIS_HOSTS, String.class).orElse("(configured elsewhere)"));
    }
}
