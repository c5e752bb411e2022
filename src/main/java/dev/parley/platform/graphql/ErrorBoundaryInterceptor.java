package dev.parley.platform.graphql;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

@ErrorBoundary
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class ErrorBoundaryInterceptor {

    private static final Logger LOG = Logger.getLogger(ErrorBoundaryInterceptor.class);

    @AroundInvoke
    Object guard(InvocationContext context) throws Exception {
        try {
            Object result = context.proceed();
            if (result instanceof Uni<?> uni) {
                return uni.onFailure().transform(ErrorBoundaryInterceptor::toClientError);
            }
            if (result instanceof Multi<?> multi) {
                return multi.onFailure().transform(ErrorBoundaryInterceptor::toClientError);
            }
            return result;
        } catch (Throwable failure) {
            throw toClientError(failure);
        }
    }

    static ParleyException toClientError(Throwable failure) {
        if (failure instanceof ParleyException known) {
            return known;
        }
        LOG.error("Unexpected failure in a GraphQL operation", failure);
        return ParleyException.internal();
    }
}
