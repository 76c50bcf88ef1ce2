package org.checkoutpipeline.stripeemulator.payment;

/** A Customer created when a Checkout Session is paid. */
public record Customer(String id, long created, String email, String name) {}
