package ch.opsfabric.testing.fakes;

import ch.opsfabric.attachment.AttachmentDeletion;
import ch.opsfabric.attachment.AttachmentStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Attachment objects in a map, keyed as in the bucket. */
public final class InMemoryAttachments implements AttachmentStore, AttachmentDeletion {

    public final Map<String, byte[]> objects = new ConcurrentHashMap<>();

    @Override
    public void put(String key, String contentType, byte[] content) {
        objects.put(key, content.clone());
    }

    @Override
    public void delete(String key) {
        objects.remove(key);
    }
}
