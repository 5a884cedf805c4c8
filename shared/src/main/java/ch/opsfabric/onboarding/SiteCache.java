package ch.opsfabric.onboarding;

/** The edge cache in front of the tenants' websites (CloudFront in a deployment). */
@FunctionalInterface
public interface SiteCache {

    /** Everything under {@code /<slug>} is fetched from the origin again. */
    void invalidate(String slug);
}
