package org.checkoutpipeline.bridge.verify;

/** A webhook request the bridge refuses; nothing of it is published. */
public final class RejectedWebhook extends Exception {

    /** Why, as the {@code reason} tag of the rejection metric; each maps to one HTTP status. */
    public enum Reason {
        MISSING_SIGNATURE(400),
        MALFORMED_SIGNATURE(400),
        BAD_SIGNATURE(400),
        STALE_TIMESTAMP(400),
        NOT_JSON(400),
        TOO_LARGE(413);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Reason reason;

    public RejectedWebhook(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
