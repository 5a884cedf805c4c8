package ch.opsfabric.app;

import ch.opsfabric.log.Log;
import java.util.Map;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: before Lambda snapshots an initialized function, run its request path once
 * (parsing, signatures, templates, phone metadata, the SDK's marshallers, signer and connection)
 * so the snapshot holds warm classes and the first request after a restore is fast. A warm-up
 * only reads: no write may reach DynamoDB or SQS from a snapshot that is restored many times.
 *
 * <p>The handler keeps the returned object: the CRaC context may hold resources weakly.
 */
public final class Priming implements Resource {

    private final String function;
    private final Runnable warmUp;

    private Priming(String function, Runnable warmUp) {
        this.function = function;
        this.warmUp = warmUp;
    }

    /** Registers {@code warmUp} to run before the checkpoint; on-demand starts never run it. */
    public static Priming register(String function, Runnable warmUp) {
        Priming priming = new Priming(function, warmUp);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    /** The warm-up itself, also for tests and local measurements. */
    public void warmUp() {
        long started = System.nanoTime();
        try {
            warmUp.run();
            Log.info("priming.done", Map.of("function", function, "ms", (System.nanoTime() - started) / 1_000_000));
        } catch (RuntimeException e) {
            // a failed warm-up costs speed, not correctness: the snapshot is still good
            Log.warn("priming.failed", Map.of("function", function, "error", e.getClass().getSimpleName()));
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        warmUp();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to renew: clients reconnect on demand and credentials come from the container endpoint
    }
}
