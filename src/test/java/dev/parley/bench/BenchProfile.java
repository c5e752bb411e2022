package dev.parley.bench;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Benchmarks measure throughput, not the per-person write limits: one person sends, and invites everyone, far beyond them. */
public class BenchProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "parley.rate-limit.send-message.limit", "100000000",
                "parley.rate-limit.create-invite.limit", "100000",
                "parley.rate-limit.create-channel.limit", "100000");
    }
}
