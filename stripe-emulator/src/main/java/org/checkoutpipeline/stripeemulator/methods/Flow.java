package org.checkoutpipeline.stripeemulator.methods;

/** How a payment method completes a Checkout Session, which decides what the page and the events do. */
public enum Flow {
    /** Authorized on the page; the session completes paid (cards, Link). */
    IMMEDIATE,
    /** The customer is sent to the provider (here the emulator's authorize / fail test page), then back. */
    REDIRECT,
    /** A bank debit: the session completes unpaid and the debit succeeds or fails later. */
    DELAYED_DEBIT,
    /** A voucher paid in cash or at a bank: completes unpaid with instructions, paid or expired later. */
    VOUCHER
}
