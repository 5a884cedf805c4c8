package ch.opsfabric.voiceagent;

import java.util.List;

/**
 * The language model behind the assistant, one turn at a time: the conversation so far in, a
 * reply and the tools it called out. Behind an interface so tests and the local stack use a
 * scripted server that speaks the same wire format.
 */
interface VoiceModel {

    /** @param role {@code system}, {@code user}, {@code assistant} or {@code tool} */
    record Message(String role, String content) {
    }

    /** A call of one of our tools, with its JSON arguments. */
    record ToolCall(String name, String arguments) {
    }

    /** @param text what the assistant says next; may be empty when it only called tools */
    record Reply(String text, List<ToolCall> toolCalls, long millis) {
    }

    Reply reply(List<Message> conversation) throws ModelException;

    /** The model did not answer in time or could not be reached: the caller must not wait longer. */
    final class ModelException extends Exception {
        ModelException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
