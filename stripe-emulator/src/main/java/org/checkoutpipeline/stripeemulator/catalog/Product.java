package org.checkoutpipeline.stripeemulator.catalog;

import java.util.List;
import java.util.Map;

/** A Product of the merchant's catalog ({@code POST /v1/products}). */
public record Product(String id, long created, long updated, String name, String description,
        boolean active, List<String> images, String url, Boolean shippable, String unitLabel,
        String statementDescriptor, String taxCode, Map<String, String> metadata) {}
