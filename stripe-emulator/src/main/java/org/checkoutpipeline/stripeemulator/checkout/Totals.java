package org.checkoutpipeline.stripeemulator.checkout;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.checkoutpipeline.stripeemulator.catalog.Coupon;
import org.checkoutpipeline.stripeemulator.catalog.ShippingRate;
import org.checkoutpipeline.stripeemulator.catalog.TaxRate;

/**
 * A session's money, computed in Stripe's order of operations (see the emulator README, "Money"):
 *
 * <ol>
 *   <li>each line's subtotal is its unit amount times its quantity;
 *   <li>a coupon discounts the lines it applies to, before tax: {@code percent_off} takes that share
 *       of each line, {@code amount_off} is spread over the lines in proportion to their subtotals
 *       (never more than they add up to), each rounded to the minor unit with the remainder going to
 *       the lines with the largest fractions; shipping is never discounted;
 *   <li>each of a line's tax rates applies to its discounted amount: an exclusive rate adds
 *       {@code amount × rate / 100}, an inclusive rate is the part {@code amount × rate / (100 + sum of
 *       the line's inclusive rates)} already inside it;
 *   <li>shipping adds its fixed amount, taxed by {@code shippingTaxRates} under its rate's
 *       {@code tax_behavior} ({@code inclusive}, else exclusive);
 *   <li>{@code amount_total} is subtotal − discount + exclusive tax + shipping + exclusive shipping
 *       tax; {@code amount_tax} counts inclusive and exclusive tax alike.
 * </ol>
 *
 * Every rounding is half up, to the currency's minor unit.
 */
public record Totals(List<Line> lines, long subtotal, long discount, long tax, Shipping shipping,
        long total) {

    /** One line item's amounts. */
    public record Line(long subtotal, long discount, List<Tax> taxes, long total) {

        public long tax() {
            return taxes.stream().mapToLong(Tax::amount).sum();
        }
    }

    /** A tax amount with the rate it comes from and the amount it was computed on. */
    public record Tax(TaxRate rate, long amount, long taxableAmount) {}

    /** The shipping cost: its rate, subtotal, taxes and total; null when the session ships nothing. */
    public record Shipping(ShippingRate rate, long subtotal, List<Tax> taxes, long total) {

        public long tax() {
            return taxes.stream().mapToLong(Tax::amount).sum();
        }
    }

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /**
     * A session's money: its lines with its discount and shipping. With {@code dueNow} during a
     * subscription trial, recurring lines are left out: they are first charged when the trial ends, so
     * only one-time lines are due today.
     */
    public static Totals of(List<LineItem> items, SessionOptions options, Collected collected, ShippingRate shipping,
            boolean dueNow) {
        List<LineItem> charged = items;
        if (dueNow && options.subscriptionData().hasTrial()) {
            charged = items.stream().filter(item -> !item.recurring()).toList();
        }
        Coupon coupon = options.discount() == null ? null : options.discount().coupon();
        TaxRate automatic = options.automaticTax() ? collected.automaticTax() : null;
        if (automatic == null) {
            return compute(charged, charged.stream().map(LineItem::taxRates).toList(), coupon, shipping, List.of());
        }
        // Automatic tax: the location's rate on every line, inside the price or added to it by the
        // price's tax_behavior (unspecified counts as exclusive), and on shipping by the rate's.
        TaxRate inclusive = withInclusive(automatic, true);
        var lineRates = charged.stream().map(item -> List.of("inclusive".equals(item.taxBehavior())
                ? inclusive : automatic)).toList();
        return compute(charged, lineRates, coupon, shipping, List.of(automatic));
    }

    private static TaxRate withInclusive(TaxRate r, boolean inclusive) {
        return new TaxRate(r.id(), r.created(), r.displayName(), r.description(), r.percentage(), inclusive, r.active(),
                r.country(), r.state(), r.jurisdiction(), r.taxType(), r.metadata());
    }

    /**
     * @param coupon the session's discount, or null
     * @param shippingRate the chosen shipping rate, or null
     * @param shippingTaxRates the rates that tax shipping (empty unless tax is computed for it)
     */
    public static Totals compute(List<LineItem> items, List<List<TaxRate>> lineTaxRates, Coupon coupon,
            ShippingRate shippingRate, List<TaxRate> shippingTaxRates) {
        long[] discounts = discounts(items, coupon);
        var lines = new ArrayList<Line>(items.size());
        long subtotal = 0;
        long discount = 0;
        long tax = 0;
        long total = 0;
        for (int i = 0; i < items.size(); i++) {
            long lineSubtotal = items.get(i).amountTotal();
            long discounted = lineSubtotal - discounts[i];
            List<Tax> taxes = taxes(discounted, lineTaxRates.get(i), false);
            long exclusive = taxes.stream().filter(t -> !t.rate().inclusive()).mapToLong(Tax::amount).sum();
            var line = new Line(lineSubtotal, discounts[i], taxes, discounted + exclusive);
            lines.add(line);
            subtotal += lineSubtotal;
            discount += discounts[i];
            tax += line.tax();
            total += line.total();
        }
        Shipping shipping = null;
        if (shippingRate != null) {
            boolean inclusive = "inclusive".equals(shippingRate.taxBehavior());
            List<Tax> taxes = taxes(shippingRate.amount(), shippingTaxRates, inclusive);
            long exclusive = inclusive ? 0 : taxes.stream().mapToLong(Tax::amount).sum();
            shipping = new Shipping(shippingRate, shippingRate.amount(), taxes, shippingRate.amount() + exclusive);
            tax += shipping.tax();
            total += shipping.total();
        }
        return new Totals(List.copyOf(lines), subtotal, discount, tax, shipping, total);
    }

    /** What shipping adds before tax: {@code total_details.amount_shipping}. */
    public long shippingAmount() {
        return shipping == null ? 0 : shipping.subtotal();
    }

    private static long[] discounts(List<LineItem> items, Coupon coupon) {
        long[] amounts = new long[items.size()];
        if (coupon == null) {
            return amounts;
        }
        long eligible = 0;
        for (LineItem item : items) {
            if (eligible(coupon, item)) {
                eligible += item.amountTotal();
            }
        }
        if (eligible == 0) {
            return amounts;
        }
        if (coupon.percentOff() != null) {
            for (int i = 0; i < items.size(); i++) {
                if (eligible(coupon, items.get(i))) {
                    amounts[i] = round(BigDecimal.valueOf(items.get(i).amountTotal()).multiply(coupon.percentOff())
                            .divide(HUNDRED));
                }
            }
            return amounts;
        }
        long off = Math.min(coupon.amountOff(), eligible);
        // Largest remainder: floor each share, then hand the leftover minor units to the biggest fractions.
        var remainders = new ArrayList<long[]>();
        long given = 0;
        for (int i = 0; i < items.size(); i++) {
            if (!eligible(coupon, items.get(i))) {
                continue;
            }
            long numerator = off * items.get(i).amountTotal();
            amounts[i] = numerator / eligible;
            given += amounts[i];
            remainders.add(new long[] {numerator % eligible, i});
        }
        remainders.sort((a, b) -> a[0] != b[0] ? Long.compare(b[0], a[0]) : Long.compare(a[1], b[1]));
        for (int k = 0; given < off; k++, given++) {
            amounts[(int) remainders.get(k % remainders.size())[1]]++;
        }
        return amounts;
    }

    private static boolean eligible(Coupon coupon, LineItem item) {
        return coupon.appliesToProducts() == null
                || item.productId() != null && coupon.appliesTo(item.productId());
    }

    /**
     * The taxes on {@code amount}: exclusive rates add to it; inclusive rates (and every rate when
     * {@code allInclusive}) are contained in it.
     */
    private static List<Tax> taxes(long amount, List<TaxRate> rates, boolean allInclusive) {
        if (rates.isEmpty()) {
            return List.of();
        }
        BigDecimal inclusiveSum = BigDecimal.ZERO;
        for (TaxRate rate : rates) {
            if (allInclusive || rate.inclusive()) {
                inclusiveSum = inclusiveSum.add(rate.percentage());
            }
        }
        BigDecimal base = BigDecimal.valueOf(amount);
        var taxes = new ArrayList<Tax>(rates.size());
        for (TaxRate rate : rates) {
            long value;
            if (allInclusive || rate.inclusive()) {
                value = round(base.multiply(rate.percentage()).divide(HUNDRED.add(inclusiveSum), 10,
                        RoundingMode.HALF_UP));
            } else {
                value = round(base.multiply(rate.percentage()).divide(HUNDRED));
            }
            taxes.add(new Tax(rate, value, amount));
        }
        return List.copyOf(taxes);
    }

    private static long round(BigDecimal value) {
        return value.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
