package ch.opsfabric.infra.localstack;

import ch.opsfabric.infra.emulators.AwsBackend;
import java.net.URI;
import org.opentest4j.TestAbortedException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * LocalStack in Docker through Testcontainers, for {@code mvn verify -Plocalstack}. Where no Docker
 * engine answers, the integration tests are skipped with a message that says so, instead of failing.
 */
public final class LocalStackBackend implements AwsBackend {

    static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.4");

    private LocalStackContainer container;

    @Override
    public String name() {
        return "localstack";
    }

    private synchronized LocalStackContainer container() {
        if (container == null) {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                throw new TestAbortedException("skipped: -Plocalstack runs the integration tests against LocalStack in "
                        + "Docker, and no Docker engine answers on this machine");
            }
            container = new LocalStackContainer(IMAGE)
                    .withServices(LocalStackContainer.Service.DYNAMODB, LocalStackContainer.Service.SQS);
            container.start();
        }
        return container;
    }

    @Override
    public URI dynamoEndpoint() {
        return container().getEndpointOverride(LocalStackContainer.Service.DYNAMODB);
    }

    @Override
    public URI sqsEndpoint() {
        return container().getEndpointOverride(LocalStackContainer.Service.SQS);
    }

    @Override
    public synchronized void close() {
        if (container != null) {
            container.stop();
        }
    }
}
