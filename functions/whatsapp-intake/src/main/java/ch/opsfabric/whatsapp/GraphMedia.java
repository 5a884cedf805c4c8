package ch.opsfabric.whatsapp;

/** Meta's media endpoints: where a media id's file is, then the file. */
interface GraphMedia {

    /** {@code GET /{media-id}}: its download URL, type, size and hash as Meta states them. */
    Info info(String mediaId) throws FetchException;

    /** The file, at most {@code maxBytes}; more is refused as too large. */
    byte[] download(String url, long maxBytes) throws FetchException;

    record Info(String url, String mimeType, long size, String sha256) {
    }

    /** A download's body, refused past {@code maxBytes} (one byte more is read to know). */
    static byte[] bounded(java.io.InputStream body, long maxBytes) throws FetchException {
        try (body) {
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new FetchException("larger than " + maxBytes + " bytes", true);
            }
            return bytes;
        } catch (java.io.IOException e) {
            throw new FetchException("download broke off: " + e.getClass().getSimpleName(), false);
        }
    }

    /** A failed call; {@code permanent} when asking again cannot help (404, too large). */
    final class FetchException extends Exception {
        private final boolean permanent;

        FetchException(String message, boolean permanent) {
            super(message);
            this.permanent = permanent;
        }

        boolean permanent() {
            return permanent;
        }
    }
}
