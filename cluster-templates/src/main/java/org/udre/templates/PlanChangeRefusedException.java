package org.udre.templates;

/**
 * A change to a running cluster's plan was refused: a count outside the role's scale bounds, a replacement past the
 * role's limit, a node that is not a member. The plan is unchanged; the message says why, quoting what was asked.
 */
public class PlanChangeRefusedException extends RuntimeException {
    public PlanChangeRefusedException(String message) {
        super(message);
    }
}
