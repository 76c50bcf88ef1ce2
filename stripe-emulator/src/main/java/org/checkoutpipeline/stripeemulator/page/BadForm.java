package org.checkoutpipeline.stripeemulator.page;

/**
 * A form submission the page cannot read at all (not what its own form sends): answered 400 with
 * this message, never with a stack trace.
 */
final class BadForm extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BadForm(String message) {
        super(message, null, false, false);
    }
}
