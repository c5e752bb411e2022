package dev.parley.platform.graphql;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * Put on every {@code @GraphQLApi} class: anything a resolver throws that is not a
 * {@link ParleyException} is logged here and answered as {@code INTERNAL}, so no exception class
 * name or internal message reaches a client.
 */
@InterceptorBinding
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ErrorBoundary {
}
