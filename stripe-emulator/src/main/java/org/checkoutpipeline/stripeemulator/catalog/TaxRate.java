package org.checkoutpipeline.stripeemulator.catalog;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A Tax Rate ({@code POST /v1/tax_rates}): a percentage, added to the price ({@code inclusive=false})
 * or contained in it. Its percentage and inclusiveness never change after creation.
 */
public record TaxRate(String id, long created, String displayName, String description,
        BigDecimal percentage, boolean inclusive, boolean active, String country, String state,
        String jurisdiction, String taxType, Map<String, String> metadata) {}
