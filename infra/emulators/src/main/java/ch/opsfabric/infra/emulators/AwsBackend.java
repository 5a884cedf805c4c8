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

    @Override
    void close();
}
