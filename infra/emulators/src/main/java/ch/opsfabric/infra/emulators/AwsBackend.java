package ch.opsfabric.infra.emulators;

import java.net.URI;

/**
 * Where the AWS APIs the tests use live: by default dynalite + ElasticMQ on this machine; with
 * {@code -Dopsfabric.aws.backend=<name>} an implementation found through {@link java.util.ServiceLoader}
 * (the {@code localstack} Maven profile adds one that runs LocalStack in Docker).
 */
public interface AwsBackend extends AutoCloseable {

    /** The name {@code -Dopsfabric.aws.backend} selects. */
    String name();

    URI dynamoEndpoint();

    URI sqsEndpoint();

    /** S3, for the attachment bucket; a backend without it fails the tests that need it, saying so. */
    default URI s3Endpoint() {
        throw new UnsupportedOperationException("the " + name() + " backend has no S3");
    }

    @Override
    void close();
}
