package dev.parley.platform.dynamodb;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/** Publishes {@link DynamoCallCounter} per operation as a Prometheus counter. */
@ApplicationScoped
public class DynamoCallMetrics {

    void register(@Observes StartupEvent event, MeterRegistry registry) {
        for (String operation : new String[] { "GetItem", "BatchGetItem", "Query", "PutItem", "UpdateItem", "DeleteItem",
                "TransactWriteItems", "BatchWriteItem" }) {
            FunctionCounter.builder("parley.dynamodb.calls", operation, op -> {
                var adder = DynamoCallCounter.byOperation().get(op);
                return adder == null ? 0 : adder.sum();
            }).tag("operation", operation).register(registry);
        }
    }
}
