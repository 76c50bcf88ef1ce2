package org.checkoutpipeline.stripeemulator.page;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import org.checkoutpipeline.stripeemulator.currency.Currencies;

/**
 * Formats minor-unit amounts for people: {@code 2000 usd} is {@code $20.00}, {@code 1500 jpy} is
 * {@code ¥1,500} (zero-decimal currencies have no minor unit, as in Stripe's amounts).
 */
public final class MoneyFormat {

    private final Currencies currencies;

    public MoneyFormat(Currencies currencies) {
        this.currencies = currencies;
    }

    public String format(String currency, long minor) {
        return format(currency, BigDecimal.valueOf(minor));
    }

    /** For unit prices given as {@code unit_amount_decimal}, which may have a fraction of a minor unit. */
    public String format(String currency, BigDecimal minor) {
        int exponent = currencies.exponent(currency);
        BigDecimal major = minor.movePointLeft(exponent).stripTrailingZeros();
        int digits = Math.max(exponent, Math.max(0, major.scale()));
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.US);
        try {
            format.setCurrency(Currency.getInstance(currency.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            NumberFormat plain = NumberFormat.getNumberInstance(Locale.US);
            plain.setMinimumFractionDigits(digits);
            plain.setMaximumFractionDigits(digits);
            return plain.format(major) + " " + currency.toUpperCase(Locale.ROOT);
        }
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format.format(major);
    }
}
