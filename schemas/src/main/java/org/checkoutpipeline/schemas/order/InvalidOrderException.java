package org.checkoutpipeline.schemas.order;

/**
 * An order that the pipeline would refuse: thrown before anything is sent, naming the field at
 * fault and its value, e.g. {@code currency must be a lowercase ISO 4217 code such as 'usd'. Got: 'USD'}.
 */
public final class InvalidOrderException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String value;

    public InvalidOrderException(String field, Object value, String message) {
        super(message);
        this.field = field;
        this.value = value == null ? null : String.valueOf(value);
    }

    /** The order field at fault, e.g. {@code lineItems[0].unitAmount}. */
    public String field() {
        return field;
    }

    /** The offending value as text, or null when the field is missing. */
    public String value() {
        return value;
    }
}
