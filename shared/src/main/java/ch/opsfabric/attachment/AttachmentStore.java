package ch.opsfabric.attachment;

/** Where customers' files are kept: one object per attachment, keys under the tenant's prefix. */
@FunctionalInterface
public interface AttachmentStore {

    /** Stores the bytes under {@code key}; the same key and bytes again change nothing. */
    void put(String key, String contentType, byte[] content);
}
