package org.checkoutpipeline.stripeemulator.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.checkoutpipeline.stripeemulator.api.ApiError;
import org.checkoutpipeline.stripeemulator.api.Params;
import org.checkoutpipeline.stripeemulator.currency.Currencies;

/**
 * Stripe's rules for a price's terms, shared by {@code POST /v1/prices} and Checkout's
 * {@code line_items[n][price_data]}: a supported lowercase currency, exactly one of
 * {@code unit_amount} / {@code unit_amount_decimal} within the currency's limits, and an optional
 * {@code recurring} interval of at most a year.
 */
public final class PriceRules {

    private static final List<String> INTERVALS = List.of("day", "month", "week", "year");
    private static final Map<String, Integer> MAX_INTERVAL_COUNT =
            Map.of("day", 365, "week", 52, "month", 12, "year", 1);

    private final Currencies currencies;

    public PriceRules(Currencies currencies) {
        this.currencies = currencies;
    }

    /**
     * A price's amount and billing terms.
     *
     * @param unit the unit amount, possibly fractional
     * @param unitAmount the integer unit amount, or null when {@code unit} is fractional
     * @param interval recurring interval, or null for a one-time price
     * @param taxBehavior {@code exclusive}, {@code inclusive} or {@code unspecified}
     */
    public record Terms(String currency, BigDecimal unit, Long unitAmount, String interval,
            int intervalCount, String taxBehavior) {}

    /** Reads the terms from {@code params} (a price body or a {@code price_data} hash at {@code prefix}). */
    public Terms parse(Params params, String prefix) {
        String currency = currency(params.requiredString("currency", prefix), Params.path(prefix, "currency"));
        String taxBehavior = params.nonEmptyString("tax_behavior", prefix);
        boolean hasAmount = params.has("unit_amount");
        boolean hasDecimal = params.has("unit_amount_decimal");
        if (hasAmount && hasDecimal) {
            throw ApiError.invalid("parameters_exclusive", Params.path(prefix, "unit_amount"),
                    "You may only specify one of these parameters: unit_amount, unit_amount_decimal.");
        }
        if (!hasAmount && !hasDecimal) {
            throw ApiError.parameterMissing(Params.path(prefix, "unit_amount"));
        }
        BigDecimal unit;
        Long unitAmount;
        if (hasAmount) {
            String param = Params.path(prefix, "unit_amount");
            unitAmount = params.integer("unit_amount", prefix);
            checkAmount(param, unitAmount, currency);
            unit = BigDecimal.valueOf(unitAmount);
        } else {
            String param = Params.path(prefix, "unit_amount_decimal");
            String text = params.requiredString("unit_amount_decimal", prefix);
            try {
                unit = new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw ApiError.invalid("parameter_invalid_decimal", param, "Invalid decimal: " + text);
            }
            if (unit.signum() < 0) {
                throw ApiError.invalid("parameter_invalid_decimal", param,
                        "Invalid " + param + ": must be greater than or equal to 0 (it is " + text + ")");
            }
            if (unit.scale() > 12) {
                throw ApiError.invalid("parameter_invalid_decimal", param,
                        "Invalid " + param + ": at most 12 decimal places are allowed (it is " + text + ")");
            }
            unitAmount = unit.stripTrailingZeros().scale() <= 0 ? unit.longValueExact() : null;
            if (unitAmount != null) {
                checkAmount(param, unitAmount, currency);
            } else if (unit.compareTo(BigDecimal.valueOf(currencies.maximumAmount(currency))) > 0) {
                throw tooLarge(param, text, currency);
            }
        }
        String interval = null;
        int intervalCount = 0;
        Params recurring = params.object("recurring", prefix);
        if (recurring != null && !recurring.isEmpty()) {
            String recurringPrefix = Params.path(prefix, "recurring");
            interval = recurring.requiredString("interval", recurringPrefix);
            if (!INTERVALS.contains(interval)) {
                throw ApiError.invalidEnum(recurringPrefix + "[interval]", interval, INTERVALS);
            }
            Long count = recurring.integer("interval_count", recurringPrefix);
            intervalCount = count == null ? 1 : count.intValue();
            int max = MAX_INTERVAL_COUNT.get(interval);
            if (count != null && (count < 1 || count > max)) {
                throw ApiError.invalid("parameter_invalid_integer", recurringPrefix + "[interval_count]",
                        "Invalid " + recurringPrefix + "[interval_count]: the maximum billing period is one"
                                + " year, so it must be between 1 and " + max + " for interval '" + interval
                                + "' (it is " + count + ")");
            }
            interval = interval.intern();
        }
        return new Terms(currency, unit, unitAmount, interval, intervalCount,
                taxBehavior == null ? "unspecified" : taxBehavior.intern());
    }

    /** The currency if Stripe supports it; null stays null. */
    public String currency(String value, String param) {
        if (value == null) {
            return null;
        }
        if (!currencies.isSupported(value)) {
            throw ApiError.invalid(null, param, "Invalid currency: " + value
                    + ". Stripe currently supports these currencies: lowercase ISO codes such as usd, eur,"
                    + " gbp (see https://stripe.com/docs/currencies).");
        }
        return value;
    }

    private void checkAmount(String param, long amount, String currency) {
        if (amount < 0) {
            throw ApiError.invalid("parameter_invalid_integer", param,
                    "Invalid " + param + ": must be greater than or equal to 0 (it is " + amount + ")");
        }
        if (amount > currencies.maximumAmount(currency)) {
            throw tooLarge(param, Long.toString(amount), currency);
        }
        if (currencies.isThreeDecimal(currency) && amount % 10 != 0) {
            throw ApiError.invalid("parameter_invalid_integer", param, "Invalid " + param + ": amounts in "
                    + currency + " must end in 0 (it is " + amount + ")");
        }
    }

    public ApiError tooLarge(String param, String value, String currency) {
        return ApiError.invalid("amount_too_large", param, "Amount must be no more than "
                + currencies.maximumAmount(currency) + " " + currency + " minor units (" + param + " is "
                + value + ")");
    }
}
