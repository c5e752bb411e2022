package dev.parley.platform.dynamodb;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.parley.platform.config.ParleyConfig;

/** Resolves a {@link Table} to its deployed name (configurable prefix + base name). */
@ApplicationScoped
public class Tables {

    private final String prefix;

    @Inject
    public Tables(ParleyConfig config) {
        this(config.dynamodb().tablePrefix());
    }

    public Tables(String prefix) {
        this.prefix = prefix;
    }

    public String name(Table table) {
        return prefix + table.baseName();
    }
}
