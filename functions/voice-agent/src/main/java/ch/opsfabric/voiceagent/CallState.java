package ch.opsfabric.voiceagent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One call's conversation as it stands: kept between the WebSocket's messages (each may reach
 * another Lambda instance), as text only, for the tenant's retention.
 *
 * @param transcript who said what, in order ({@code caller}/{@code assistant})
 * @param fields     what {@code record_request} filled so far
 */
record CallState(String callSid, String tenantId, String caller, String lang, List<Line> transcript,
                 Map<String, String> fields, boolean ended, Instant startedAt) {

    record Line(String who, String text) {
    }

    CallState {
        transcript = List.copyOf(transcript);
        fields = Map.copyOf(fields);
    }

    static CallState start(String callSid, String tenantId, String caller, String greeting, Instant at) {
        return new CallState(callSid, tenantId, caller, "de", List.of(new Line("assistant", greeting)), Map.of(), false, at);
    }

    CallState say(String who, String text) {
        List<Line> lines = new ArrayList<>(transcript);
        lines.add(new Line(who, text));
        return new CallState(callSid, tenantId, caller, lang, lines, fields, ended, startedAt);
    }

    CallState withFields(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        more.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                all.put(k, v);
            }
        });
        return new CallState(callSid, tenantId, caller, lang, transcript, all, ended, startedAt);
    }

    CallState inLanguage(String language) {
        return new CallState(callSid, tenantId, caller, language, transcript, fields, ended, startedAt);
    }

    CallState end() {
        return new CallState(callSid, tenantId, caller, lang, transcript, fields, true, startedAt);
    }

    /** The transcript as the ticket shows it. */
    String transcriptText() {
        StringBuilder out = new StringBuilder();
        transcript.forEach(l -> out.append(l.who().equals("caller") ? "Anrufer: " : "Assistenz: ").append(l.text()).append('\n'));
        return out.toString().strip();
    }
}
