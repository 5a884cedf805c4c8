package ch.opsfabric.review;

import ch.opsfabric.phone.PhoneNumbers;
import ch.opsfabric.tenant.Module;
import ch.opsfabric.tenant.Tenant;
import java.util.Optional;

/**
 * Whether a finished ticket may ever get a review request: the one home of that rule, asked when
 * the ticket moves to DONE (to plan the request) and again by the cron (the tenant may have
 * changed its mind since). Opt-outs are the cron's to check: they can arrive any time.
 */
public final class ReviewEligibility {

    private ReviewEligibility() {
    }

    /** @return why this ticket gets no review request, or empty when it may get one */
    public static Optional<String> whyNot(Tenant tenant, String customerPhone) {
        if (!tenant.has(Module.REVIEW_ENGINE) || !tenant.has(Module.SMS)) {
            return Optional.of("module_off");
        }
        if (tenant.config().googleReview().isEmpty()) {
            return Optional.of("no_review_link");
        }
        if (!PhoneNumbers.isMobile(customerPhone)) {
            return Optional.of("no_mobile");
        }
        return Optional.empty();
    }
}
