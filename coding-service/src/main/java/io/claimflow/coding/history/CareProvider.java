package io.claimflow.coding.history;

/**
 * Who gave a professional service, as far as new or established is concerned: the rendering provider, and the group
 * (the billing provider's NPI) with the specialty (taxonomy, the rendering provider's when given, else the billing
 * provider's).
 *
 * @param renderingNpi null when the billing provider rendered the service
 * @param taxonomy null when not reported: then the same group counts whatever the specialty
 */
public record CareProvider(String renderingNpi, String groupNpi, String taxonomy) {

    /** The same physician, or the same group and specialty (as far as the specialty is known on both sides). */
    public boolean sameOrSameSpecialtyGroup(CareProvider other) {
        if (renderingNpi != null && renderingNpi.equals(other.renderingNpi)) {
            return true;
        }
        if (groupNpi == null || !groupNpi.equals(other.groupNpi)) {
            return false;
        }
        return taxonomy == null || other.taxonomy == null || taxonomy.equals(other.taxonomy);
    }
}
