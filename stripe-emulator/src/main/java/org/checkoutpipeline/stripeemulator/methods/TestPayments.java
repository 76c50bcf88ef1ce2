package org.checkoutpipeline.stripeemulator.methods;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Stripe's test-mode values for the delayed methods, and what each does: succeed or fail, at once
 * (after the emulator's configured delay) or "after about three minutes" (180 s of emulator time).
 * Vouchers are decided by the customer's email, as in Stripe's test mode.
 */
public final class TestPayments {

    /** Emulator seconds for Stripe's "after ~3 minutes" test values. */
    public static final long DELAYED_SECONDS = 180;

    /** A test value's result. {@code delayed}: after {@link #DELAYED_SECONDS}, else the configured delay. */
    public record Result(boolean succeeds, boolean delayed, String description) {}

    /** The field a debit's test value is typed in, and its values. */
    public record DebitInput(String field, String label, Map<String, Result> values) {}

    private static final Map<String, DebitInput> DEBITS = debits();

    private TestPayments() {}

    /** The test input of a delayed debit ({@code sepa_debit}, {@code us_bank_account}, ...), or null. */
    public static DebitInput debit(String type) {
        return DEBITS.get(type);
    }

    /** What the typed account number or IBAN does (spaces ignored), or null when it is not a test value. */
    public static Result debitResult(String type, String value) {
        DebitInput input = DEBITS.get(type);
        return input == null || value == null ? null
                : input.values().get(value.replace(" ", "").toUpperCase(Locale.ROOT));
    }

    /**
     * A voucher's fate from the email, as Stripe's test mode reads it: {@code succeed_immediately},
     * {@code expire_immediately}, {@code expire_with_delay}, {@code fill_never} before the {@code @},
     * otherwise paid after about three minutes.
     */
    public static VoucherFate voucher(String email) {
        String local = email == null ? "" : email.substring(0, Math.max(0, email.indexOf('@'))).toLowerCase(Locale.ROOT);
        if (local.endsWith("succeed_immediately")) {
            return VoucherFate.PAID_NOW;
        }
        if (local.endsWith("expire_immediately")) {
            return VoucherFate.EXPIRES_NOW;
        }
        if (local.endsWith("expire_with_delay")) {
            return VoucherFate.EXPIRES_LATER;
        }
        if (local.endsWith("fill_never")) {
            return VoucherFate.NEVER_PAID;
        }
        return VoucherFate.PAID_LATER;
    }

    /** What happens to a voucher. */
    public enum VoucherFate {
        PAID_LATER(true, DELAYED_SECONDS), PAID_NOW(true, 0), EXPIRES_NOW(false, 0),
        EXPIRES_LATER(false, DELAYED_SECONDS), NEVER_PAID(false, -1);

        public final boolean paid;
        /** Emulator seconds until it settles; -1: when the voucher expires. */
        public final long afterSeconds;

        VoucherFate(boolean paid, long afterSeconds) {
            this.paid = paid;
            this.afterSeconds = afterSeconds;
        }
    }

    private static Map<String, DebitInput> debits() {
        var debits = new LinkedHashMap<String, DebitInput>();
        debits.put("sepa_debit", new DebitInput("iban", "IBAN", ordered(
                "DE89370400440532013000", new Result(true, false, "succeeds"),
                "DE08370400440532013003", new Result(true, true, "succeeds after about 3 minutes"),
                "DE62370400440532013001", new Result(false, false, "fails"),
                "DE78370400440532013004", new Result(false, true, "fails after about 3 minutes"),
                "AT611904300234573201", new Result(true, false, "succeeds (AT)"),
                "NL39RABO0300065264", new Result(true, false, "succeeds (NL)"),
                "NL91ABNA0417164300", new Result(false, false, "fails (NL)"),
                "FR1420041010050500013M02606", new Result(true, false, "succeeds (FR)"))));
        debits.put("us_bank_account", new DebitInput("account_number", "Account number (routing 110000000)", ordered(
                "000123456789", new Result(true, false, "succeeds"),
                "000111111113", new Result(false, false, "fails: account closed"),
                "000111111116", new Result(false, false, "fails: no account"),
                "000222222227", new Result(false, false, "fails: insufficient funds"),
                "000333333335", new Result(false, false, "fails: debit not authorized"))));
        debits.put("bacs_debit", new DebitInput("account_number", "Account number (sort code 108800)", ordered(
                "00012345", new Result(true, false, "succeeds"),
                "90012345", new Result(true, true, "succeeds after about 3 minutes"),
                "33333335", new Result(false, false, "fails: debit not authorized"),
                "93333335", new Result(false, true, "fails after about 3 minutes"),
                "22222227", new Result(false, false, "fails: insufficient funds"),
                "92222227", new Result(false, true, "fails: insufficient funds, after about 3 minutes"))));
        debits.put("au_becs_debit", new DebitInput("account_number", "Account number (BSB 000-000)", ordered(
                "000123456", new Result(true, false, "succeeds"),
                "900123456", new Result(true, true, "succeeds after about 3 minutes"),
                "111111113", new Result(false, false, "fails: account closed"),
                "111111116", new Result(false, false, "fails: no account"),
                "222222227", new Result(false, false, "fails: refer to customer"),
                "922222227", new Result(false, true, "fails: refer to customer, after about 3 minutes"))));
        debits.put("acss_debit", new DebitInput("account_number", "Account number (institution 000, transit 11000)",
                ordered("000123456789", new Result(true, false, "succeeds"),
                        "900123456789", new Result(true, true, "succeeds after about 3 minutes"),
                        "000222222227", new Result(false, false, "fails"),
                        "900222222227", new Result(false, true, "fails after about 3 minutes"))));
        return java.util.Collections.unmodifiableMap(debits);
    }

    private static Map<String, Result> ordered(Object... pairs) {
        var values = new LinkedHashMap<String, Result>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], (Result) pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(values);
    }
}
