package dev.parley.webclient;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import dev.parley.platform.config.ParleyConfig;

/**
 * The web client's Content-Security-Policy: scripts, styles and everything else only from the app
 * itself (no inline script or style, no eval), uploads and images also from the file storage, and
 * the pages may not be framed. The WebSocket to {@code /graphql} is same-origin, which
 * {@code 'self'} covers.
 */
record ContentSecurityPolicy(String header) {

    static ContentSecurityPolicy of(ParleyConfig config, Optional<String> s3Endpoint, String region) {
        List<String> fileOrigins = config.webClient().fileOrigins()
                .orElseGet(() -> s3Endpoint.map(endpoint -> List.of(origin(endpoint)))
                        .orElseGet(() -> awsOrigins(config.s3().bucket(), region)));
        String files = String.join(" ", fileOrigins);
        return new ContentSecurityPolicy(String.join("; ",
                "default-src 'none'",
                "script-src 'self'",
                "style-src 'self'",
                "img-src 'self' " + files,
                "connect-src 'self' " + files,
                "base-uri 'none'",
                "form-action 'none'",
                "frame-ancestors 'none'"));
    }

    /** Presigned links name the bucket as a host (virtual-hosted style) or in the path. */
    private static List<String> awsOrigins(String bucket, String region) {
        return List.of("https://" + bucket + ".s3." + region + ".amazonaws.com", "https://s3." + region + ".amazonaws.com");
    }

    private static String origin(String endpoint) {
        URI uri = URI.create(endpoint);
        return uri.getScheme() + "://" + uri.getAuthority();
    }
}
