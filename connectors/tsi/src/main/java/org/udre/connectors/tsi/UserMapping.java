package org.udre.connectors.tsi;

/**
 * Which Unix identities the client may ask a TSI to act as. Consulted before anything is sent; the client refuses
 * root (as user or group) before consulting it at all, because a TSI runs commands for any non-root user it is asked
 * for and only the client knows whom a job belongs to.
 */
public interface UserMapping {
    /** @return null if the identity may be used, else the reason why not (shown to the caller) */
    String refusal(Identity who);

    /** Any non-root identity: for a TSI inside a guest that only has the job's own user. */
    static UserMapping anyNonRootUser() {
        return who -> null;
    }
}
