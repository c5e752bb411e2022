package dev.parley.platform.http;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;

/**
 * Turns off the cleartext HTTP/2 upgrade ({@code Upgrade: h2c}) on the plain HTTP port. Vert.x reads
 * the body of an upgrading request without back-pressure, so one request with that header could make
 * a pod hold a whole upload (or any large body) in memory; browsers never send it, and HTTP/2 over
 * TLS, where flow control holds, is unchanged.
 */
@ApplicationScoped
public class NoCleartextUpgrade implements HttpServerOptionsCustomizer {

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setHttp2ClearTextEnabled(false);
    }
}
