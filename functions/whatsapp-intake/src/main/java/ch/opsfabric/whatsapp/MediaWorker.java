package ch.opsfabric.whatsapp;

import ch.opsfabric.attachment.AttachmentStore;
import ch.opsfabric.crypto.Hashes;
import ch.opsfabric.log.Log;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.TicketEvent;
import ch.opsfabric.ticket.TicketSource;
import ch.opsfabric.ticket.TicketStore;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Fetches one queued file from Meta into the attachment bucket and links it on its ticket:
 * only images, PDF and audio, at most 16 MB, and only when its SHA-256 is the one the webhook
 * named (Meta gives it base64; hex is accepted too). A file refused for what it is gets a line
 * saying so and is done; a failure that may pass is retried by the queue, then the DLQ.
 */
final class MediaWorker {

    static final long MAX_BYTES = 16L * 1024 * 1024;
    private static final Map<String, String> ALLOWED = Map.ofEntries(
            Map.entry("image/jpeg", "jpg"), Map.entry("image/png", "png"), Map.entry("image/webp", "webp"),
            Map.entry("application/pdf", "pdf"), Map.entry("audio/ogg", "ogg"), Map.entry("audio/mpeg", "mp3"),
            Map.entry("audio/mp4", "m4a"), Map.entry("audio/aac", "aac"), Map.entry("audio/amr", "amr"));

    enum Result { STORED, ALREADY_STORED, REFUSED, RETRY }

    private final GraphMedia graph;
    private final GraphMedia twilio;
    private final AttachmentStore store;
    private final TicketStore tickets;
    private final Clock clock;

    MediaWorker(GraphMedia graph, AttachmentStore store, TicketStore tickets, Clock clock) {
        this(graph, graph, store, tickets, clock);
    }

    /** @param twilio downloads the {@code url} of a Twilio job (HTTP Basic with the account's credentials) */
    MediaWorker(GraphMedia graph, GraphMedia twilio, AttachmentStore store, TicketStore tickets, Clock clock) {
        this.twilio = twilio;
        this.graph = graph;
        this.store = store;
        this.tickets = tickets;
        this.clock = clock;
    }

    Result handle(MediaJob job) {
        Optional<Ticket> ticket = tickets.find(job.tenantId(), job.ticketId());
        if (ticket.isEmpty()) {
            Log.warn("whatsapp.media_ticket_gone", Map.of("tenant", job.tenantId()));
            return Result.REFUSED;
        }
        String base = job.mimeType().toLowerCase(Locale.ROOT).split(";")[0].strip();
        String key = "tenants/" + job.tenantId() + "/whatsapp/" + Hashes.sha256Hex(job.wamid()).substring(0, 24) + "/"
                + job.mediaId() + "." + ALLOWED.getOrDefault(base, "bin");
        if (ticket.get().history().stream().anyMatch(e -> "attachment".equals(e.type())
                && (key.equals(e.ref()) || e.text() != null && e.text().startsWith(label(job) + ":")))) {
            return Result.ALREADY_STORED;
        }
        if (!ALLOWED.containsKey(base)) {
            return refuse(job, "nicht gespeichert, dieser Dateityp wird nicht angenommen (" + base + ")");
        }
        try {
            byte[] bytes;
            String stated = null;
            if (job.url() != null) {
                bytes = twilio.download(job.url(), MAX_BYTES);
            } else {
                GraphMedia.Info info = graph.info(job.mediaId());
                if (info.size() > MAX_BYTES) {
                    return refuse(job, "nicht gespeichert, grösser als 16 MB");
                }
                bytes = graph.download(info.url(), MAX_BYTES);
                stated = info.sha256();
            }
            String expected = job.sha256() != null ? job.sha256() : stated;
            if (expected != null && !matches(expected, Hashes.sha256(bytes))) {
                Log.warn("whatsapp.media_hash_mismatch", Map.of("tenant", job.tenantId(), "bytes", bytes.length));
                return refuse(job, "nicht gespeichert, die Datei stimmt nicht mit ihrer Prüfsumme überein");
            }
            store.put(key, base, bytes);
            tickets.addEvent(job.tenantId(), job.ticketId(), TicketEvent.attachment(clock.instant(), TicketSource.WHATSAPP,
                    label(job) + " (" + base + ", " + size(bytes.length) + ")", key));
            Log.info("whatsapp.media_stored", Map.of("tenant", job.tenantId(), "ticket", job.ticketId(), "bytes", bytes.length));
            return Result.STORED;
        } catch (GraphMedia.FetchException e) {
            if (e.permanent()) {
                return refuse(job, "nicht gespeichert, bei WhatsApp nicht mehr abrufbar");
            }
            Log.warn("whatsapp.media_retry", Map.of("tenant", job.tenantId(), "reason", e.getMessage()));
            return Result.RETRY;
        }
    }

    private Result refuse(MediaJob job, String why) {
        tickets.addEvent(job.tenantId(), job.ticketId(), TicketEvent.attachment(clock.instant(), TicketSource.WHATSAPP,
                label(job) + ": " + why, null));
        Log.info("whatsapp.media_refused", Map.of("tenant", job.tenantId(), "ticket", job.ticketId()));
        return Result.REFUSED;
    }

    /** What staff read for the file: its name, or what it is and its id. */
    private static String label(MediaJob job) {
        if (job.filename() != null && !job.filename().isBlank()) {
            return job.filename().replaceAll("[^A-Za-z0-9._ -]", "_");
        }
        return "WhatsApp-" + (job.mimeType().startsWith("image/") ? "Foto" : job.mimeType().startsWith("audio/")
                ? "Sprachnachricht" : "Datei") + " " + job.mediaId();
    }

    static boolean matches(String expected, byte[] digest) {
        String stated = expected.strip();
        return stated.equals(Base64.getEncoder().encodeToString(digest))
                || stated.equalsIgnoreCase(HexFormat.of().formatHex(digest));
    }

    private static String size(long bytes) {
        return bytes < 1024 ? bytes + " B" : bytes < 1024 * 1024 ? (bytes / 1024) + " KB"
                : String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
