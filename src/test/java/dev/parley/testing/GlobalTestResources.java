package dev.parley.testing;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Registers the local stack for all tests (a global resource may sit on any class). */
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
public final class GlobalTestResources {
    private GlobalTestResources() {
    }
}
