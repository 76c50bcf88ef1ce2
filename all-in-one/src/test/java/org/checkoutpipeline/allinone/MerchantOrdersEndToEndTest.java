package org.checkoutpipeline.allinone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.stripe.model.checkout.Session;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.checkoutpipeline.embeddedkafka.TopicContents;
import org.checkoutpipeline.events.AdjustableQuantity;
import org.checkoutpipeline.events.CancellationReason;
import org.checkoutpipeline.events.CaptureState;
import org.checkoutpipeline.events.ChargedLineItem;
import org.checkoutpipeline.events.CheckoutFailed;
import org.checkoutpipeline.events.CheckoutMode;
import org.checkoutpipeline.events.CheckoutOptions;
import org.checkoutpipeline.events.CustomField;
import org.checkoutpipeline.events.CustomFieldOption;
import org.checkoutpipeline.events.CustomFieldType;
import org.checkoutpipeline.events.CustomFieldValue;
import org.checkoutpipeline.events.CustomText;
import org.checkoutpipeline.events.CustomerCreation;
import org.checkoutpipeline.events.FulfillmentRequested;
import org.checkoutpipeline.events.LineItem;
import org.checkoutpipeline.events.OrderCancelled;
import org.checkoutpipeline.events.OrderPlaced;
import org.checkoutpipeline.events.PaymentStatus;
import org.checkoutpipeline.events.Purchase;
import org.checkoutpipeline.events.ShippingRateData;
import org.checkoutpipeline.events.SubmitType;
import org.checkoutpipeline.events.TaxBehavior;
import org.checkoutpipeline.events.TaxId;
import org.checkoutpipeline.events.UiMode;
import org.checkoutpipeline.orderproducer.CheckoutOutcome;
import org.checkoutpipeline.orderproducer.OrderPublisher;
import org.checkoutpipeline.schemas.order.InvalidOrderException;
import org.checkoutpipeline.schemas.order.LineItems;
import org.checkoutpipeline.schemas.serde.EventCodec;
import org.checkoutpipeline.schemas.serde.EventHeaders;
import org.checkoutpipeline.schemas.topic.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A merchant's real orders through the whole pipeline, on the embedded broker and the emulator:
 * each Checkout option of {@code OrderPlaced} v2 goes in, the customer pays as Stripe's page would
 * let them, and what {@code FulfillmentRequested} carries out is asserted value by value.
 */
class MerchantOrdersEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static Pipeline pipeline;
    private static OrderPublisher publisher;
    private static MerchantCatalog merchant;
    private static final EventCodec CODEC = EventCodec.standard();

    @BeforeAll
    static void start() throws Exception {
        pipeline = Pipeline.start(TestPipelines.embeddedOnFreePorts());
        publisher = OrderPublisher.create(pipeline.kafka());
        merchant = new MerchantCatalog(pipeline.stripeApiBase(), PipelineConfig.LOCAL_API_KEY);
    }

    @AfterAll
    static void stop() {
        if (publisher != null) {
            publisher.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void aShippedOrderWithCatalogPricesACodeTaxAndEveryCollectedFieldReachesTheWarehouseValueByValue() throws Exception {
        LineItem beans = LineItem.newBuilder(LineItems.inline("Coffee beans", "1 kg, whole", 2_499, 2, null))
                .setSku("BEANS-1KG").setImages(List.of("https://shop.example/beans.png"))
                .setTaxBehavior(TaxBehavior.EXCLUSIVE)
                .setAdjustableQuantity(new AdjustableQuantity(1L, 10L)).build();
        OrderPlaced order = order("shipped", CheckoutMode.PAYMENT, "eur", List.of(LineItems.price(merchant.mugPrice, 1), beans))
                .setCheckout(CheckoutOptions.newBuilder()
                        .setPaymentMethodTypes(List.of("card"))
                        .setLocale("de")
                        .setCustomerCreation(CustomerCreation.ALWAYS)
                        .setAllowPromotionCodes(true)
                        .setShippingCountries(List.of("DE", "AT"))
                        .setShippingRateIds(List.of(merchant.standardShipping))
                        .setShippingRates(List.of(new ShippingRateData("Express", 1_500L, 1, 2, TaxBehavior.EXCLUSIVE)))
                        .setCollectBillingAddress(true)
                        .setCollectPhone(true)
                        .setCollectTaxId(true)
                        .setAutomaticTax(true)
                        .setCustomFields(List.of(
                                new CustomField("giftnote", "Gift note", CustomFieldType.TEXT, true, List.of()),
                                new CustomField("wrap", "Gift wrap", CustomFieldType.DROPDOWN, false,
                                        List.of(new CustomFieldOption("yes", "Yes please"), new CustomFieldOption("no", "No")))))
                        .setCustomText(new CustomText("We roast on Mondays.", "Parcels to Austria take a day longer.",
                                null, "Thank you!"))
                        .setRequireTermsOfService(true)
                        .setCollectPromotionsConsent(true)
                        .setSubmitType(SubmitType.PAY)
                        .build())
                .build();
        CheckoutOutcome.Created created = created(order);

        merchant.payByCard(created.sessionId(), "ada@example.com", Map.ofEntries(
                Map.entry("name", "Ada Lovelace"),
                Map.entry("promotion_code", merchant.promotionCode),
                Map.entry("shipping_rate", merchant.standardShipping),
                Map.entry("shipping[name]", "Ada Lovelace"),
                Map.entry("shipping[address][line1]", "Unter den Linden 1"),
                Map.entry("shipping[address][city]", "Berlin"),
                Map.entry("shipping[address][postal_code]", "10117"),
                Map.entry("shipping[address][country]", "DE"),
                Map.entry("billing_address[line1]", "Friedrichstr. 10"),
                Map.entry("billing_address[city]", "Berlin"),
                Map.entry("billing_address[postal_code]", "10969"),
                Map.entry("billing_address[country]", "DE"),
                Map.entry("phone", "+4930123456"),
                Map.entry("tax_ids[0][type]", "eu_vat"),
                Map.entry("tax_ids[0][value]", "DE123456789"),
                Map.entry("custom_fields[giftnote]", "Happy birthday"),
                Map.entry("custom_fields[wrap]", "yes"),
                Map.entry("consent[terms_of_service]", "accepted"),
                Map.entry("consent[promotions]", "opt_in"),
                Map.entry("line_items[1][quantity]", "3")));

        FulfillmentRequested fulfilment = (FulfillmentRequested) decisionOf(order.getOrderId());
        Purchase p = fulfilment.getPurchase();
        assertThat(p.getFetched()).isTrue();
        assertThat(fulfilment.getPaymentStatus()).isEqualTo(PaymentStatus.PAID);
        assertThat(fulfilment.getLineItems()).extracting(LineItem::getPriceId, LineItem::getSku)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(merchant.mugPrice, null),
                        org.assertj.core.groups.Tuple.tuple(null, "BEANS-1KG"));
        ChargedLineItem mug = p.getLineItems().get(0);
        ChargedLineItem charged = p.getLineItems().get(1);
        assertThat(mug.getPriceId()).isEqualTo(merchant.mugPrice);
        assertThat(mug.getSku()).isEqualTo("MUG-RED");
        assertThat(mug.getDescription()).isEqualTo("Enamel mug");
        assertThat(mug.getQuantity()).isEqualTo(1);
        assertThat(mug.getUnitAmount()).isEqualTo(1_200L);
        assertThat(charged.getSku()).isEqualTo("BEANS-1KG");
        assertThat(charged.getDescription()).isEqualTo("Coffee beans");
        assertThat(charged.getQuantity()).as("the quantity the customer chose").isEqualTo(3);
        assertThat(charged.getUnitAmount()).isEqualTo(2_499L);
        assertThat(charged.getAmountSubtotal()).isEqualTo(3 * 2_499);
        assertThat(charged.getAmountDiscount()).isEqualTo(750); // 10 % of 7,497, rounded
        assertThat(charged.getProductId()).startsWith("prod_");
        long subtotal = 1_200 + 3 * 2_499;
        assertThat(p.getAmounts().getCurrency()).isEqualTo("eur");
        assertThat(p.getAmounts().getSubtotal()).isEqualTo(subtotal);
        assertThat(p.getAmounts().getDiscount()).isEqualTo(Math.round(subtotal * 0.10));
        assertThat(p.getAmounts().getShipping()).isEqualTo(500);
        assertThat(p.getAmounts().getTax()).as("19 % German VAT on the discounted goods and the shipping")
                .isCloseTo(Math.round((subtotal - p.getAmounts().getDiscount() + 500) * 0.19), within(2L));
        assertThat(p.getAmounts().getTotal()).isEqualTo(subtotal - p.getAmounts().getDiscount() + 500 + p.getAmounts().getTax());
        assertThat(p.getDiscounts()).singleElement().satisfies(discount ->
                assertThat(discount.getPromotionCodeId()).isEqualTo(merchant.promotionCodeId));
        assertThat(p.getShipping().getName()).isEqualTo("Ada Lovelace");
        assertThat(p.getShipping().getAddress().getLine1()).isEqualTo("Unter den Linden 1");
        assertThat(p.getShipping().getAddress().getPostalCode()).isEqualTo("10117");
        assertThat(p.getShipping().getAddress().getCountry()).isEqualTo("DE");
        assertThat(p.getShipping().getShippingRateId()).isEqualTo(merchant.standardShipping);
        assertThat(p.getShipping().getShippingRateName()).isEqualTo("Standard");
        assertThat(p.getShipping().getAmount()).isGreaterThanOrEqualTo(500);
        assertThat(p.getShipping().getPhone()).isEqualTo("+4930123456");
        assertThat(p.getCustomer().getStripeCustomerId()).startsWith("cus_");
        assertThat(p.getCustomer().getName()).isEqualTo("Ada Lovelace");
        assertThat(p.getCustomer().getEmail()).isEqualTo("ada@example.com");
        assertThat(p.getCustomer().getAddress().getLine1()).isEqualTo("Friedrichstr. 10");
        assertThat(p.getCustomer().getTaxIds()).containsExactly(new TaxId("eu_vat", "DE123456789"));
        assertThat(p.getCustomFields()).containsExactly(new CustomFieldValue("giftnote", "Happy birthday"),
                new CustomFieldValue("wrap", "yes"));
        assertThat(p.getConsent().getTermsOfService()).isEqualTo("accepted");
        assertThat(p.getConsent().getPromotions()).isEqualTo("opt_in");
        assertThat(p.getPaymentMethodType()).isEqualTo("card");
        assertThat(p.getCapture()).isEqualTo(CaptureState.CAPTURED);
        assertThat(fulfilment.getAmountTotal().getAmount()).isEqualTo(p.getAmounts().getTotal());
        assertThat(StatusApi.json(pipeline.statusUrl(order.getOrderId())).path("purchase").path("shipping")
                .path("address").path("city").asText()).isEqualTo("Berlin");
        // What Stripe shows the customer but does not hand on: on the session itself.
        Session session = merchant.session(created.sessionId());
        assertThat(session.getLocale()).isEqualTo("de");
        assertThat(session.getSubmitType()).isEqualTo("pay");
        assertThat(session.getPaymentMethodTypes()).containsExactly("card");
        assertThat(session.getCustomText().getSubmit().getMessage()).isEqualTo("We roast on Mondays.");
        assertThat(session.getCustomText().getShippingAddress().getMessage()).isEqualTo("Parcels to Austria take a day longer.");
        assertThat(session.getShippingOptions()).hasSize(2);
        assertThat(session.getLineItems().getData().get(1).getPrice().getProductObject().getImages())
                .containsExactly("https://shop.example/beans.png");
        assertThat(session.getPhoneNumberCollection().getEnabled()).isTrue();
        assertThat(session.getTaxIdCollection().getEnabled()).isTrue();
        assertThat(session.getBillingAddressCollection()).isEqualTo("required");
    }

    @Test
    void aManualCaptureWithACouponTaxRatesAndAnExistingCustomerIsFulfilledAsAnAuthorisation() throws Exception {
        OrderPlaced order = order("authorised", CheckoutMode.PAYMENT, "usd",
                List.of(LineItem.newBuilder(LineItems.inline("Espresso machine", 45_000, 1)).setSku("ESP-1").build()))
                .setCustomerEmail(null)
                .setCheckout(CheckoutOptions.newBuilder()
                        .setStripeCustomerId(merchant.customerId)
                        .setCouponId(merchant.couponId)
                        .setTaxRateIds(List.of(merchant.salesTax))
                        .setManualCapture(true)
                        .build())
                .build();
        CheckoutOutcome.Created created = created(order);

        merchant.payByCard(created.sessionId(), "grace@example.com", Map.of());

        FulfillmentRequested fulfilment = (FulfillmentRequested) decisionOf(order.getOrderId());
        Purchase p = fulfilment.getPurchase();
        assertThat(fulfilment.getPaymentStatus()).isEqualTo(PaymentStatus.UNPAID);
        assertThat(p.getCapture()).isEqualTo(CaptureState.AUTHORIZED);
        assertThat(p.getCustomer().getStripeCustomerId()).isEqualTo(merchant.customerId);
        assertThat(p.getDiscounts()).singleElement().satisfies(d -> assertThat(d.getCouponId()).isEqualTo(merchant.couponId));
        assertThat(p.getAmounts().getDiscount()).isEqualTo(5_000);
        assertThat(p.getAmounts().getTax()).isEqualTo(Math.round((45_000 - 5_000) * 0.0825));
        assertThat(p.getLineItems()).singleElement().satisfies(line -> {
            assertThat(line.getSku()).isEqualTo("ESP-1");
            assertThat(line.getAmountTax()).isEqualTo(p.getAmounts().getTax());
        });
        assertThat(fulfilment.getPaymentIntentId()).startsWith("pi_");
    }

    @Test
    void aTrialSubscriptionOfACatalogPriceCarriesItsTrialEndAndTheProductsSku() throws Exception {
        Instant before = Instant.now();
        OrderPlaced order = order("trial", CheckoutMode.SUBSCRIPTION, "usd", List.of(LineItems.price(merchant.clubPrice, 1)))
                .setCheckout(CheckoutOptions.newBuilder().setTrialPeriodDays(14).build())
                .build();
        CheckoutOutcome.Created created = created(order);

        merchant.payByCard(created.sessionId(), "lin@example.com", Map.of());

        FulfillmentRequested fulfilment = (FulfillmentRequested) decisionOf(order.getOrderId());
        Purchase p = fulfilment.getPurchase();
        assertThat(fulfilment.getSubscriptionId()).startsWith("sub_");
        assertThat(p.getTrialEnd()).isBetween(before.plus(Duration.ofDays(14)).minusSeconds(5),
                Instant.now().plus(Duration.ofDays(14)).plusSeconds(5));
        assertThat(p.getCapture()).isEqualTo(CaptureState.NONE);
        assertThat(p.getLineItems()).singleElement().satisfies(line -> {
            assertThat(line.getSku()).isEqualTo("CLUB-MONTHLY");
            assertThat(line.getRecurring().getInterval().name()).isEqualTo("MONTH");
        });
    }

    @Test
    void anEmbeddedOrderGetsAClientSecretInsteadOfAPageAndIsFulfilledOnceItsSessionIsPaid() throws Exception {
        OrderPlaced order = order("embedded", CheckoutMode.PAYMENT, "gbp", List.of(LineItems.inline("Tea towel", 900, 2)))
                .setSuccessUrl("").setCancelUrl("")
                .setCheckout(CheckoutOptions.newBuilder().setUiMode(UiMode.EMBEDDED)
                        .setReturnUrl("https://shop.example/return?session={CHECKOUT_SESSION_ID}")
                        .setPromotionCodeId(merchant.promotionCodeId).build())
                .build();
        CheckoutOutcome.Created created = created(order);

        assertThat(created.embedded()).isTrue();
        assertThat(created.url()).isEmpty();
        assertThat(created.clientSecret()).startsWith(created.sessionId() + "_secret_");
        merchant.payByCard(created.sessionId(), "tom@example.com", Map.of());

        FulfillmentRequested fulfilment = (FulfillmentRequested) decisionOf(order.getOrderId());
        assertThat(fulfilment.getPurchase().getDiscounts()).singleElement().satisfies(discount ->
                assertThat(discount.getPromotionCodeId()).isEqualTo(merchant.promotionCodeId));
        assertThat(fulfilment.getPurchase().getAmounts().getDiscount()).isEqualTo(180);
        assertThat(fulfilment.getPurchase().getAmounts().getTotal()).isEqualTo(1_620);
    }

    @Test
    void aRedirectPaymentIsFulfilledWithItsMethodAndAVoucherThatExpiresUnpaidIsCancelledForThat() throws Exception {
        OrderPlaced ideal = order("ideal", CheckoutMode.PAYMENT, "eur", List.of(LineItems.inline("Stroopwafels", 650, 4)))
                .setCheckout(CheckoutOptions.newBuilder().setPaymentMethodTypes(List.of("ideal")).build()).build();
        OrderPlaced oxxo = order("oxxo", CheckoutMode.PAYMENT, "mxn", List.of(LineItems.inline("Mole", 25_000, 2)))
                .setCheckout(CheckoutOptions.newBuilder().setPaymentMethodTypes(List.of("oxxo")).build()).build();
        String idealSession = created(ideal).sessionId();
        String oxxoSession = created(oxxo).sessionId();

        merchant.pay(idealSession, Map.of("payment_method", "ideal", "redirect", "authorize", "email", "sem@example.com"));
        merchant.pay(oxxoSession, Map.of("payment_method", "oxxo", "email", "pay_expire_immediately@example.com",
                "name", "Lupita Nyong'o"));

        FulfillmentRequested paid = (FulfillmentRequested) decisionOf(ideal.getOrderId());
        assertThat(paid.getPurchase().getPaymentMethodType()).isEqualTo("ideal");
        assertThat(paid.getPurchase().getCapture()).isEqualTo(CaptureState.CAPTURED);
        OrderCancelled cancelled = (OrderCancelled) decisionOf(oxxo.getOrderId());
        assertThat(cancelled.getReason()).isEqualTo(CancellationReason.VOUCHER_EXPIRED);
        assertThat(cancelled.getDetail()).contains("oxxo");
    }

    @Test
    void aSessionThatExpiresAfterItsCustomerFailedAtTheBankIsCancelledForTheFailedRedirect() throws Exception {
        OrderPlaced order = order("ideal-failed", CheckoutMode.PAYMENT, "eur", List.of(LineItems.inline("Kaas", 1_900, 1)))
                .setCheckout(CheckoutOptions.newBuilder().setPaymentMethodTypes(List.of("ideal")).build()).build();
        String session = created(order).sessionId();

        var declined = merchant.attempt(session, Map.of("payment_method", "ideal", "redirect", "fail",
                "email", "jan@example.com"));
        assertThat(declined.statusCode()).as(declined.body()).isEqualTo(402);
        merchant.expire(session);

        OrderCancelled cancelled = (OrderCancelled) decisionOf(order.getOrderId());
        assertThat(cancelled.getReason()).isEqualTo(CancellationReason.REDIRECT_PAYMENT_FAILED);
        assertThat(cancelled.getDetail()).contains("ideal", "payment_intent_authentication_failure");
    }

    @Test
    void aContradictoryOrderIsRefusedByThePublisherAndBecomesACheckoutFailedNamingTheFieldWhenSentAnyway() throws Exception {
        OrderPlaced order = order("contradictory", CheckoutMode.PAYMENT, "usd", List.of(LineItems.inline("Mug", 1_200, 1)))
                .setCheckout(CheckoutOptions.newBuilder().setAllowPromotionCodes(true).setCouponId(merchant.couponId).build())
                .build();

        assertThatThrownBy(() -> publisher.publish(order)).isInstanceOf(InvalidOrderException.class)
                .hasMessageContaining("checkout.allowPromotionCodes");
        publishRaw(order.getOrderId(), CODEC.encode(order));

        CheckoutOutcome outcome = publisher.awaitCheckout(order.getOrderId(), WAIT).join();
        assertThat(outcome).isInstanceOf(CheckoutOutcome.Failed.class);
        CheckoutFailed failed = ((CheckoutOutcome.Failed) outcome).event();
        assertThat(failed.getField()).isEqualTo("checkout.allowPromotionCodes");
        assertThat(failed.getDetail()).contains("checkout.couponId");
        assertThat(((OrderCancelled) decisionOf(order.getOrderId())).getReason()).isEqualTo(CancellationReason.CHECKOUT_FAILED);
    }

    @Test
    void anOrderWrittenWithTheVersion1SchemaStillFlowsAndItsFulfilmentCarriesThePurchase() throws Exception {
        String orderId = "v1-" + UUID.randomUUID();
        Schema v1 = released("OrderPlaced", 1);
        Schema line = v1.getField("lineItems").schema().getElementType();
        GenericRecord item = new GenericData.Record(line);
        item.put("name", "Notebook");
        item.put("unitAmount", 700L);
        item.put("quantity", 3L);
        GenericRecord record = new GenericData.Record(v1);
        record.put("eventId", UUID.randomUUID().toString());
        record.put("orderId", orderId);
        record.put("occurredAt", System.currentTimeMillis());
        record.put("placedAt", System.currentTimeMillis());
        record.put("customerEmail", "old@example.com");
        record.put("mode", new GenericData.EnumSymbol(v1.getField("mode").schema(), "PAYMENT"));
        record.put("currency", "usd");
        record.put("lineItems", List.of(item));
        record.put("successUrl", "https://shop.example/thanks");
        record.put("cancelUrl", "https://shop.example/cart");
        record.put("metadata", Map.of("channel", "legacy"));
        publishRaw(orderId, new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(record).array());

        CheckoutOutcome outcome = publisher.awaitCheckout(orderId, WAIT).join();
        merchant.payByCard(((CheckoutOutcome.Created) outcome).sessionId(), "old@example.com", Map.of());

        FulfillmentRequested fulfilment = (FulfillmentRequested) decisionOf(orderId);
        assertThat(fulfilment.getLineItems()).singleElement().satisfies(ordered -> {
            assertThat(ordered.getName()).isEqualTo("Notebook");
            assertThat(ordered.getSku()).isNull();
        });
        assertThat(fulfilment.getPurchase().getLineItems()).singleElement().satisfies(charged -> {
            assertThat(charged.getDescription()).isEqualTo("Notebook");
            assertThat(charged.getQuantity()).isEqualTo(3);
            assertThat(charged.getAmountTotal()).isEqualTo(2_100);
        });
        assertThat(fulfilment.getMetadata()).containsEntry("channel", "legacy");
    }

    private static OrderPlaced.Builder order(String story, CheckoutMode mode, String currency, List<LineItem> items) {
        String orderId = story + "-" + UUID.randomUUID();
        Instant now = Instant.now();
        return OrderPlaced.newBuilder().setEventId(UUID.randomUUID().toString()).setOrderId(orderId).setOccurredAt(now)
                .setPlacedAt(now).setCustomerEmail(story + "@example.com").setMode(mode).setCurrency(currency)
                .setLineItems(items).setSuccessUrl("https://shop.example/thanks?session={CHECKOUT_SESSION_ID}")
                .setCancelUrl("https://shop.example/cart").setMetadata(Map.of("story", story));
    }

    private static CheckoutOutcome.Created created(OrderPlaced order) {
        CheckoutOutcome outcome = publisher.publishAndAwaitCheckout(order, WAIT).join();
        assertThat(outcome).as("checkout of %s", order.getOrderId()).isInstanceOf(CheckoutOutcome.Created.class);
        return (CheckoutOutcome.Created) outcome;
    }

    /** The order's one decision on fulfillment.events, read as a read_committed consumer once it is there. */
    private static Object decisionOf(String orderId) {
        Map<String, List<Object>> decisions = new HashMap<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            decisions.clear();
            for (ConsumerRecord<byte[], byte[]> record : TopicContents.readCommitted(pipeline.kafka().bootstrapServers(),
                    Topics.FULFILLMENT_EVENTS.name())) {
                decisions.computeIfAbsent(new String(record.key(), StandardCharsets.UTF_8), k -> new java.util.ArrayList<>())
                        .add(CODEC.decode(record.value()));
            }
            return decisions.containsKey(orderId);
        });
        assertThat(decisions.get(orderId)).as("decisions of %s", orderId).hasSize(1);
        return decisions.get(orderId).get(0);
    }

    private static void publishRaw(String orderId, byte[] value) throws Exception {
        Map<String, Object> config = pipeline.kafka().clientConfig(Map.of());
        try (var producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            var record = new ProducerRecord<>(Topics.ORDERS_PLACED.name(), orderId.getBytes(StandardCharsets.UTF_8), value);
            EventHeaders.setEventType(record.headers(), "OrderPlaced");
            producer.send(record).get();
        }
    }

    private static Schema released(String event, int version) throws Exception {
        try (InputStream in = OrderPlaced.class.getResourceAsStream(
                "/org/checkoutpipeline/events/released/" + event + "/v" + version + ".avsc")) {
            return new Schema.Parser().parse(in);
        }
    }
}
