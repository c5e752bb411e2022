package dev.parley.platform.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class ErrorBoundaryInterceptorTest {

    @Test
    void unexpectedFailuresBecomeInternalWithoutDetails() {
        ParleyException mapped = ErrorBoundaryInterceptor.toClientError(
                new IllegalStateException("table parley-Users missing at software.amazon.Foo"));
        assertEquals(ErrorCode.INTERNAL, mapped.code());
        assertEquals("Internal error", mapped.getMessage());
        assertEquals("INTERNAL", mapped.getExtensions().get("code"));
        assertEquals(1, mapped.getExtensions().size());
    }

    @Test
    void failuresMeantForClientsPassUnchanged() {
        ParleyException notFound = ParleyException.notFound("Channel");
        assertSame(notFound, ErrorBoundaryInterceptor.toClientError(notFound));
    }
}
