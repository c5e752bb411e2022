package dev.parley.platform.dynamodb;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.config.ParleyConfig;

/** Resolves a {@link Table} to its deployed name (configurable prefix + base name). */
@ApplicationScoped
public class Tables {

    private final String prefix;

    public Tables(ParleyConfig config) {
        this.prefix = config.dynamodb().tablePrefix();
    }

    public String name(Table table) {
        return prefix + table.baseName();
    }
}
