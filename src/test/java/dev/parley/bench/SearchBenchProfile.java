package dev.parley.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The benchmark's own index directory (fresh per run), and no write limits. */
public class SearchBenchProfile extends BenchProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        overrides.put("parley.search.directory", "target/bench/search-index-" + UUID.randomUUID());
        return overrides;
    }
}
