package ch.opsfabric.attachment;

/** Removing a customer's file before the bucket's lifecycle does (an erasure). */
@FunctionalInterface
public interface AttachmentDeletion {

    /** A key that is already gone is not an error (S3 answers 204 either way). */
    void delete(String key);
}
