package ch.opsfabric.tenant;

import ch.opsfabric.ticket.Urgency;

/** One path through the intake wizard, e.g. Handwerk "notfall" (HIGH). */
public record WizardFlow(String id, String label, Urgency urgency) {
}
