package dev.parley.platform.s3;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.parley.platform.config.ParleyConfig;
import io.quarkus.runtime.StartupEvent;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/** Creates the files bucket when {@code parley.s3.create-bucket} is on (local stack, tests). */
@ApplicationScoped
public class BucketBootstrap {

    private final S3Client s3;
    private final ParleyConfig config;

    public BucketBootstrap(S3Client s3, ParleyConfig config) {
        this.s3 = s3;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.s3().createBucket()) {
            return;
        }
        String bucket = config.s3().bucket();
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException missing) {
            try {
                s3.createBucket(b -> b.bucket(bucket));
            } catch (BucketAlreadyOwnedByYouException createdMeanwhile) {
                // another instance won the race
            }
        }
    }
}
