package org.checkoutpipeline.checkout.order;

/** The order cannot become a Checkout Session as it is; {@link #field()} names the culprit. */
public final class InvalidOrderException extends Exception {

    private final String field;

    public InvalidOrderException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The order field at fault, in the schema's names, e.g. {@code lineItems[2].unitAmount}. */
    public String field() {
        return field;
    }
}
