package ch.opsfabric.whatsapp;

/** Where media downloads wait. */
@FunctionalInterface
interface MediaQueue {
    void enqueue(MediaJob job);
}
