package ch.opsfabric.voiceagent;

import ch.opsfabric.json.Json;
import ch.opsfabric.log.Log;
import ch.opsfabric.phone.Phone;
import ch.opsfabric.phone.PhoneNumbers;
import ch.opsfabric.tenant.Module;
import ch.opsfabric.tenant.Tenant;
import ch.opsfabric.tenant.TenantDirectory;
import ch.opsfabric.ticket.ContactOutcome;
import ch.opsfabric.ticket.NewContact;
import ch.opsfabric.ticket.Ticket;
import ch.opsfabric.ticket.TicketIntake;
import ch.opsfabric.ticket.TicketSource;
import ch.opsfabric.ticket.TicketStatus;
import ch.opsfabric.ticket.Urgency;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One phone call with the digital assistant, message by message of ConversationRelay: the
 * caller's words go to the model with the branch's instructions and the conversation so far; its
 * tool calls fill the ticket; its words go back as text for Twilio to speak. Every call ends with
 * a ticket of the caller's contact (source {@code voice}, the transcript, the summary, the
 * urgency): when the request is complete, when the caller asks for a person or presses 0
 * (handed off), or when the model fails (the caller hears a short apology and gets the SMS menu).
 */
final class VoiceCall {

    /** Asking for a person, in the three languages and in Swiss German. */
    private static final Pattern PERSON = Pattern.compile(
            "(?iu).*\\b(mensch|mitarbeiter\\w*|person|jemand(en)?|persönlich|human|real person|someone|agent|"
                    + "quelqu'un|humain|une personne|conseiller|öpper)\\b.*");
    private static final Map<String, String> LANGUAGES = Map.of("de", "de-CH", "en", "en-US", "fr", "fr-CH");
    private static final Set<String> URGENT = Set.of("high", "hoch", "dringend");

    /** What happens after a call besides its ticket. */
    interface FollowUp {
        /** An urgent ticket: the owner is alerted as for SMS "1". */
        void urgent(Tenant tenant, Ticket ticket, java.time.Instant at);

        /** The model failed: the caller gets the missed-call SMS menu instead. */
        void smsMenu(Tenant tenant, Phone.Number caller, Ticket ticket, java.time.Instant at);
    }

    private final TenantDirectory tenants;
    private final CallStore calls;
    private final VoiceModel model;
    private final TicketIntake intake;
    private final FollowUp followUp;
    private final Clock clock;

    VoiceCall(TenantDirectory tenants, CallStore calls, VoiceModel model, TicketIntake intake, FollowUp followUp, Clock clock) {
        this.tenants = tenants;
        this.calls = calls;
        this.model = model;
        this.intake = intake;
        this.followUp = followUp;
        this.clock = clock;
    }

    /** @return the messages to send back on the socket, in order */
    List<String> handle(String connectionId, RelayMessage message) {
        if (message instanceof RelayMessage.Setup setup) {
            return setup(connectionId, setup);
        }
        Optional<CallState> found = calls.find(connectionId).filter(s -> !s.ended());
        if (found.isEmpty()) {
            return List.of();
        }
        CallState state = found.get();
        Optional<Tenant> tenant = tenants.byId(state.tenantId());
        if (tenant.isEmpty()) {
            return List.of(RelayMessage.end(Json.object().put("reason", "tenant_gone")));
        }
        if (message instanceof RelayMessage.Dtmf dtmf) {
            return "0".equals(dtmf.digit()) ? finish(connectionId, tenant.get(), state, "caller_pressed_0", List.of()) : List.of();
        }
        if (message instanceof RelayMessage.Interrupt interrupt) {
            // what the caller actually heard of our last answer is what the transcript keeps
            calls.save(connectionId, state.say("assistant", "(unterbrochen) " + interrupt.heard()));
            return List.of();
        }
        if (message instanceof RelayMessage.Error error) {
            Log.warn("voice.relay_error", Map.of("tenant", state.tenantId(), "description", error.description()));
            return List.of();
        }
        RelayMessage.Prompt prompt = (RelayMessage.Prompt) message;
        if (!prompt.last() || prompt.text().isBlank()) {
            return List.of();
        }
        return prompt(connectionId, tenant.get(), state, prompt);
    }

    private List<String> setup(String connectionId, RelayMessage.Setup setup) {
        Optional<Tenant> tenant = tenants.byPhoneLine(setup.to()).filter(t -> t.has(Module.VOICE_AGENT));
        if (tenant.isEmpty()) {
            return List.of(RelayMessage.end(Json.object().put("reason", "no_assistant")));
        }
        calls.save(connectionId, CallState.start(setup.callSid(), tenant.get().id(), setup.from(), AgentPrompts.greeting(tenant.get()),
                clock.instant()));
        Log.info("voice.call_started", Map.of("tenant", tenant.get().id(), "from", PhoneNumbers.mask(setup.from())));
        return List.of();
    }

    private List<String> prompt(String connectionId, Tenant tenant, CallState before, RelayMessage.Prompt prompt) {
        List<String> out = new ArrayList<>();
        CallState state = before.say("caller", prompt.text().strip());
        String language = prompt.lang().isBlank() ? state.lang() : prompt.lang().substring(0, 2).toLowerCase(Locale.ROOT);
        if (LANGUAGES.containsKey(language) && !language.equals(state.lang())) {
            out.add(RelayMessage.language(LANGUAGES.get(language)));
            state = state.inLanguage(language);
        }
        if (PERSON.matcher(prompt.text()).matches()) {
            return finish(connectionId, tenant, state, "caller_asked_for_person", out);
        }
        List<VoiceModel.Message> conversation = new ArrayList<>();
        conversation.add(new VoiceModel.Message("system", AgentPrompts.system(tenant)));
        state.transcript().forEach(l -> conversation.add(new VoiceModel.Message(l.who().equals("caller") ? "user" : "assistant",
                l.text())));
        VoiceModel.Reply reply;
        try {
            reply = model.reply(conversation);
        } catch (VoiceModel.ModelException e) {
            Log.warn("voice.model_failed", Map.of("tenant", tenant.id(), "reason", e.getMessage()));
            out.add(RelayMessage.text(AgentPrompts.fallback(), true));
            return finish(connectionId, tenant, state.say("assistant", AgentPrompts.fallback()), "model_unavailable", out);
        }
        boolean handOff = false;
        boolean done = false;
        for (VoiceModel.ToolCall call : reply.toolCalls()) {
            switch (call.name()) {
                case AgentTools.RECORD -> state = state.withFields(arguments(call.arguments()));
                case AgentTools.HAND_OFF -> handOff = true;
                case AgentTools.END -> done = true;
                default -> Log.warn("voice.unknown_tool", Map.of("tenant", tenant.id(), "tool", call.name()));
            }
        }
        if (!reply.text().isBlank()) {
            out.add(RelayMessage.text(reply.text().strip(), true));
            state = state.say("assistant", reply.text().strip());
        }
        if (handOff) {
            return finish(connectionId, tenant, state, "caller_asked_for_person", out);
        }
        if (done) {
            return finish(connectionId, tenant, state, "completed", out);
        }
        calls.save(connectionId, state);
        return out;
    }

    /** The call's ticket, then {@code end} with what the {@code <Connect action>} needs to know. */
    private List<String> finish(String connectionId, Tenant tenant, CallState state, String reason, List<String> before) {
        List<String> out = new ArrayList<>(before);
        CallState ended = state.end();
        calls.save(connectionId, ended);
        Ticket ticket = ticket(tenant, ended);
        ObjectNode handoff = Json.object().put("reason", reason);
        if (ticket != null) {
            handoff.put("ticket", ticket.reference());
            if (ticket.urgency() == Urgency.HIGH) {
                followUp.urgent(tenant, ticket, clock.instant());
            }
        }
        if ("model_unavailable".equals(reason)) {
            handoff.put("fallback", "sms_menu");
            if (PhoneNumbers.parse(ended.caller()) instanceof Phone.Number caller && ticket != null) {
                followUp.smsMenu(tenant, caller, ticket, clock.instant());
            }
        }
        out.add(RelayMessage.end(handoff));
        Log.info("voice.call_ended", Map.of("tenant", tenant.id(), "reason", reason,
                "ticket", ticket == null ? "" : ticket.id(), "turns", ended.transcript().size()));
        return out;
    }

    private Ticket ticket(Tenant tenant, CallState state) {
        if (!(PhoneNumbers.parse(state.caller()) instanceof Phone.Number caller)) {
            // a hidden number: the transcript stays in the call record, there is nobody to call back
            Log.info("voice.call_without_number", Map.of("tenant", tenant.id()));
            return null;
        }
        Map<String, String> fields = new HashMap<>();
        for (String key : new String[] {"address", "date", "time", "persons", "treatment"}) {
            String value = state.fields().get(key);
            if (value != null) {
                fields.put(key, value);
            }
        }
        String summary = state.fields().getOrDefault("summary", state.fields().getOrDefault("concern", "Anruf bei der Assistenz"));
        Urgency urgency = URGENT.contains(state.fields().getOrDefault("urgency", "").toLowerCase(Locale.ROOT)) ? Urgency.HIGH
                : "low".equalsIgnoreCase(state.fields().get("urgency")) ? Urgency.LOW : Urgency.MEDIUM;
        ContactOutcome outcome = intake.record(tenant, new NewContact(tenant.id(), caller, TicketSource.VOICE, urgency,
                TicketStatus.NEEDS_CALLBACK, state.fields().get("name"), null, null, state.fields().get("concern"),
                summary + "\n\n" + state.transcriptText(), fields, clock.instant(), "voice:" + state.callSid()));
        return outcome.ticket();
    }

    private static Map<String, String> arguments(String json) {
        Map<String, String> values = new HashMap<>();
        try {
            JsonNode node = Json.parse(json);
            node.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().isValueNode()
                    ? e.getValue().asText() : e.getValue().toString()));
        } catch (IllegalArgumentException e) {
            Log.warn("voice.unreadable_tool_arguments", Map.of("chars", json.length()));
        }
        return values;
    }
}
