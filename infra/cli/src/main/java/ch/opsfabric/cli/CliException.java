package ch.opsfabric.cli;

import java.util.Map;

/** Why a command did not do what was asked, with the exit code that says so (see {@link ExitCode}). */
final class CliException extends RuntimeException {

    private final int exitCode;
    private final Map<String, String> fieldErrors;

    CliException(int exitCode, String message) {
        this(exitCode, message, Map.of());
    }

    CliException(int exitCode, String message, Map<String, String> fieldErrors) {
        super(message);
        this.exitCode = exitCode;
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    int exitCode() {
        return exitCode;
    }

    Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
