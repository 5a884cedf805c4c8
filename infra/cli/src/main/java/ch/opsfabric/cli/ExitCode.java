package ch.opsfabric.cli;

/** What the CLI's exit status means, so scripts can tell a typo from a taken slug from an outage. */
final class ExitCode {

    static final int OK = 0;
    /** The API refused the request for another reason (4xx). */
    static final int REFUSED = 1;
    /** The command line or a file is wrong: nothing was sent. */
    static final int USAGE = 2;
    /** 404: no such tenant or key. */
    static final int NOT_FOUND = 3;
    /** 409: slug or line taken, stale version, too many keys. */
    static final int CONFLICT = 4;
    /** 400: the tenant data is invalid; the fields are listed. */
    static final int INVALID = 5;
    /** 401/403: missing or wrong credentials, or the signature was refused. */
    static final int UNAUTHORIZED = 6;
    /** 5xx or no answer: try again later. */
    static final int UNAVAILABLE = 7;
    /** A change was shown and not confirmed. */
    static final int ABORTED = 8;

    private ExitCode() {
    }

    static int forStatus(int status) {
        return switch (status) {
            case 400, 413, 415 -> INVALID;
            case 401, 403 -> UNAUTHORIZED;
            case 404 -> NOT_FOUND;
            case 409 -> CONFLICT;
            default -> status >= 500 ? UNAVAILABLE : REFUSED;
        };
    }
}
