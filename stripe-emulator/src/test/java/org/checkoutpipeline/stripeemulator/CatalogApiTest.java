package org.checkoutpipeline.stripeemulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Customer;
import com.stripe.model.LineItem;
import com.stripe.model.Price;
import com.stripe.model.Product;
import com.stripe.model.checkout.Session;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerListParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.PriceListParams;
import com.stripe.param.PriceRetrieveParams;
import com.stripe.param.PriceUpdateParams;
import com.stripe.param.ProductCreateParams;
import com.stripe.param.ProductListParams;
import com.stripe.param.ProductUpdateParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionListParams;
import com.stripe.param.checkout.SessionRetrieveParams;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Products, Prices and Customers through stripe-java, and Checkout Sessions that use them. */
class CatalogApiTest extends EmulatorTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Product product(String name) throws Exception {
        return stripe.v1().products().create(ProductCreateParams.builder().setName(name)
                .setDescription("Whole beans, 1 kg").putMetadata("sku", "BEANS-1KG").build());
    }

    private static Price price(Product product, long amount) throws Exception {
        return stripe.v1().prices().create(PriceCreateParams.builder().setProduct(product.getId())
                .setCurrency("eur").setUnitAmount(amount).build());
    }

    @Test
    void productsAreCreatedRetrievedUpdatedAndListed() throws Exception {
        Product created = product("Coffee beans");
        assertThat(created.getId()).startsWith("prod_");
        assertThat(created.getActive()).isTrue();
        assertThat(created.getMetadata()).containsEntry("sku", "BEANS-1KG");

        Product updated = stripe.v1().products().update(created.getId(), ProductUpdateParams.builder()
                .setActive(false).putMetadata("sku", "").putMetadata("origin", "Kenya").build());
        assertThat(updated.getActive()).isFalse();
        assertThat(updated.getMetadata()).containsOnlyKeys("origin");
        assertThat(updated.getDescription()).isEqualTo("Whole beans, 1 kg");
        assertThat(stripe.v1().products().retrieve(created.getId()).getActive()).isFalse();

        Product custom = stripe.v1().products().create(ProductCreateParams.builder()
                .setId("beans-500g-" + System.nanoTime()).setName("Beans 500 g").build());
        assertThat(stripe.v1().products().list(ProductListParams.builder().setActive(false).build())
                .getData()).extracting(Product::getId).contains(created.getId()).doesNotContain(custom.getId());
        assertThat(stripe.v1().products().list(ProductListParams.builder().setLimit(1L).build()).getHasMore())
                .isTrue();
        assertThatThrownBy(() -> stripe.v1().products().create(ProductCreateParams.builder()
                .setId(custom.getId()).setName("Again").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getCode()).isEqualTo("resource_already_exists"));
    }

    @Test
    void pricesKeepTheirTermsLookupKeysAndProduct() throws Exception {
        String key = "monthly-" + System.nanoTime();
        Price monthly = stripe.v1().prices().create(PriceCreateParams.builder().setCurrency("usd")
                .setUnitAmount(1500L).setLookupKey(key).setNickname("Coffee club")
                .setTaxBehavior(PriceCreateParams.TaxBehavior.EXCLUSIVE)
                .setRecurring(PriceCreateParams.Recurring.builder()
                        .setInterval(PriceCreateParams.Recurring.Interval.MONTH).setIntervalCount(3L).build())
                .setProductData(PriceCreateParams.ProductData.builder().setName("Coffee club").build())
                .build());
        assertThat(monthly.getType()).isEqualTo("recurring");
        assertThat(monthly.getRecurring().getInterval()).isEqualTo("month");
        assertThat(monthly.getRecurring().getIntervalCount()).isEqualTo(3L);
        assertThat(monthly.getTaxBehavior()).isEqualTo("exclusive");
        assertThat(stripe.v1().products().retrieve(monthly.getProduct()).getName()).isEqualTo("Coffee club");

        Price expanded = stripe.v1().prices().retrieve(monthly.getId(),
                PriceRetrieveParams.builder().addExpand("product").build());
        assertThat(expanded.getProductObject().getName()).isEqualTo("Coffee club");

        assertThat(stripe.v1().prices().list(PriceListParams.builder().addLookupKey(key).build()).getData())
                .extracting(Price::getId).containsExactly(monthly.getId());
        assertThatThrownBy(() -> stripe.v1().prices().create(PriceCreateParams.builder().setCurrency("usd")
                .setUnitAmount(1600L).setLookupKey(key).setProduct(monthly.getProduct()).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getParam()).isEqualTo("lookup_key"));
        Price successor = stripe.v1().prices().create(PriceCreateParams.builder().setCurrency("usd")
                .setUnitAmount(1600L).setLookupKey(key).setTransferLookupKey(true)
                .setProduct(monthly.getProduct()).build());
        assertThat(stripe.v1().prices().retrieve(monthly.getId()).getLookupKey()).isNull();
        assertThat(stripe.v1().prices().list(PriceListParams.builder().addLookupKey(key).build()).getData())
                .extracting(Price::getId).containsExactly(successor.getId());

        Price inactive = stripe.v1().prices().update(monthly.getId(), PriceUpdateParams.builder()
                .setActive(false).putMetadata("retired", "2026").build());
        assertThat(inactive.getActive()).isFalse();
        assertThat(inactive.getMetadata()).containsEntry("retired", "2026");
        assertThat(stripe.v1().prices().list(PriceListParams.builder()
                .setProduct(monthly.getProduct()).setActive(true).build()).getData())
                .extracting(Price::getId).containsExactly(successor.getId());
    }

    @Test
    void aPriceNeedsAKnownProductAndRefusesWhatItDoesNotModel() {
        assertThatThrownBy(() -> stripe.v1().prices().create(PriceCreateParams.builder().setCurrency("usd")
                .setUnitAmount(100L).setProduct("prod_missing").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getCode()).isEqualTo("resource_missing");
                    assertThat(e.getParam()).isEqualTo("product");
                });
        assertThatThrownBy(() -> stripe.v1().prices().create(PriceCreateParams.builder().setCurrency("usd")
                .setBillingScheme(PriceCreateParams.BillingScheme.TIERED).setProduct("prod_x").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getParam()).isEqualTo("billing_scheme");
                    assertThat(e.getMessage()).contains("does not model `billing_scheme=tiered`");
                });
    }

    @Test
    void customersKeepContactDetailsAndAreFoundByEmail() throws Exception {
        String email = "ada." + System.nanoTime() + "@example.com";
        Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder().setEmail(email)
                .setName("Ada Lovelace").setPhone("+441234567890").putMetadata("tier", "gold")
                .setAddress(CustomerCreateParams.Address.builder().setLine1("1 Main St").setCity("London")
                        .setPostalCode("N1 1AA").setCountry("GB").build())
                .setShipping(CustomerCreateParams.Shipping.builder().setName("Ada Lovelace")
                        .setAddress(CustomerCreateParams.Shipping.Address.builder().setLine1("2 Dock Rd")
                                .setCountry("GB").build()).build())
                .build());
        assertThat(customer.getAddress().getCity()).isEqualTo("London");
        assertThat(customer.getShipping().getAddress().getLine1()).isEqualTo("2 Dock Rd");

        Customer updated = stripe.v1().customers().update(customer.getId(), CustomerUpdateParams.builder()
                .setName("Ada King").putMetadata("since", "2026").build());
        assertThat(updated.getName()).isEqualTo("Ada King");
        assertThat(updated.getMetadata()).containsEntry("tier", "gold").containsEntry("since", "2026");
        assertThat(updated.getPhone()).isEqualTo("+441234567890");

        assertThat(stripe.v1().customers().list(CustomerListParams.builder().setEmail(email).build())
                .getData()).extracting(Customer::getId).containsExactly(customer.getId());
    }

    @Test
    void aSessionChargesCatalogPricesAndExpandsTheirProducts() throws Exception {
        Product beans = product("Coffee beans");
        Price price = price(beans, 1250);
        Session session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT).setSuccessUrl("https://shop.example/ok")
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(price.getId()).setQuantity(3L).build())
                .addLineItem(SessionCreateParams.LineItem.builder().setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder().setCurrency("eur")
                                .setUnitAmount(500L).setProduct(beans.getId()).build()).build())
                .build());
        assertThat(session.getCurrency()).isEqualTo("eur");
        assertThat(session.getAmountTotal()).isEqualTo(3 * 1250 + 500);

        Session expanded = stripe.v1().checkout().sessions().retrieve(session.getId(),
                SessionRetrieveParams.builder().addExpand("line_items.data.price.product").build());
        List<LineItem> items = expanded.getLineItems().getData();
        assertThat(items.get(0).getPrice().getId()).isEqualTo(price.getId());
        assertThat(items.get(0).getDescription()).isEqualTo("Coffee beans");
        assertThat(items.get(0).getPrice().getProductObject().getMetadata()).containsEntry("sku", "BEANS-1KG");
        assertThat(items.get(1).getPrice().getProduct()).isEqualTo(beans.getId());
        assertThat(items.get(1).getPrice().getProductObject().getId()).isEqualTo(beans.getId());
    }

    @Test
    void anAdHocProductKeepsItsImagesAndMetadataAndTheChosenShippingRateExpands() throws Exception {
        Session session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT).setSuccessUrl("https://shop.example/ok")
                .addLineItem(SessionCreateParams.LineItem.builder().setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder().setCurrency("usd").setUnitAmount(900L)
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder().setName("Mug")
                                        .addImage("https://shop.example/mug.png").putMetadata("sku", "MUG-1").build())
                                .build()).build())
                .setShippingAddressCollection(SessionCreateParams.ShippingAddressCollection.builder()
                        .addAllowedCountry(SessionCreateParams.ShippingAddressCollection.AllowedCountry.US).build())
                .addShippingOption(SessionCreateParams.ShippingOption.builder().setShippingRateData(
                        SessionCreateParams.ShippingOption.ShippingRateData.builder().setDisplayName("Ground")
                                .setType(SessionCreateParams.ShippingOption.ShippingRateData.Type.FIXED_AMOUNT)
                                .setFixedAmount(SessionCreateParams.ShippingOption.ShippingRateData.FixedAmount.builder()
                                        .setAmount(500L).setCurrency("usd").build()).build()).build())
                .build());

        Session expanded = stripe.v1().checkout().sessions().retrieve(session.getId(), SessionRetrieveParams.builder()
                .addExpand("line_items.data.price.product").addExpand("shipping_cost.shipping_rate").build());

        var product = expanded.getLineItems().getData().get(0).getPrice().getProductObject();
        assertThat(product.getImages()).containsExactly("https://shop.example/mug.png");
        assertThat(product.getMetadata()).containsEntry("sku", "MUG-1");
        assertThat(expanded.getShippingCost().getShippingRateObject().getDisplayName()).isEqualTo("Ground");
        assertThat(expanded.getShippingCost().getShippingRateObject().getId())
                .isEqualTo(stripe.v1().checkout().sessions().retrieve(session.getId()).getShippingCost().getShippingRate());
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT).setSuccessUrl("https://shop.example/ok")
                .addLineItem(SessionCreateParams.LineItem.builder().setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder().setCurrency("usd").setUnitAmount(900L)
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder().setName("Mug")
                                        .addAllImage(java.util.Collections.nCopies(9, "https://shop.example/m.png")).build())
                                .build()).build()).build()))
                .isInstanceOfSatisfying(com.stripe.exception.InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getStripeError().getParam()).isEqualTo("line_items[0][price_data][product_data][images]");
                });
    }

    @Test
    void customerUpdateSavesWhatThePageCollectedOnTheCustomer() throws Exception {
        Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder().setName("Old name")
                .setEmail("update." + System.nanoTime() + "@example.com").build());
        Session session = stripe.v1().checkout().sessions().create(payment().setCustomer(customer.getId())
                .setBillingAddressCollection(SessionCreateParams.BillingAddressCollection.REQUIRED)
                .setCustomerUpdate(SessionCreateParams.CustomerUpdate.builder()
                        .setAddress(SessionCreateParams.CustomerUpdate.Address.AUTO)
                        .setName(SessionCreateParams.CustomerUpdate.Name.AUTO).build())
                .build());
        assertThat(complete(session.getId(), "card_number=4242424242424242&name=New name"
                + "&billing_address[line1]=9 Quay St&billing_address[city]=Dublin&billing_address[country]=IE")
                .statusCode()).isEqualTo(200);

        Customer updated = stripe.v1().customers().retrieve(customer.getId());
        assertThat(updated.getName()).isEqualTo("New name");
        assertThat(updated.getAddress().getCity()).isEqualTo("Dublin");
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(payment()
                .setCustomerUpdate(SessionCreateParams.CustomerUpdate.builder()
                        .setName(SessionCreateParams.CustomerUpdate.Name.AUTO).build()).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getParam()).isEqualTo("customer_update"));
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(payment().setCustomer(customer.getId())
                .setCustomerCreation(SessionCreateParams.CustomerCreation.ALWAYS).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getCode()).isEqualTo("parameters_exclusive"));
    }

    @Test
    void anInactiveOrUnknownPriceIsRefused() throws Exception {
        Price price = price(product("Old mug"), 900);
        stripe.v1().prices().update(price.getId(), PriceUpdateParams.builder().setActive(false).build());
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(price.getId()).setQuantity(1L).build())
                .build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getParam()).isEqualTo("line_items[0][price]");
                    assertThat(e.getMessage()).contains("inactive");
                });
    }

    @Test
    void aSessionForACustomerPrefillsAndPaysAsThatCustomer() throws Exception {
        String email = "grace." + System.nanoTime() + "@example.com";
        Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder().setEmail(email)
                .setName("Grace Hopper").build());
        Session session = stripe.v1().checkout().sessions().create(payment().setCustomer(customer.getId())
                .build());
        int customersBefore = emulator.store().customers().size();

        assertThat(get("/c/pay/" + session.getId()).body()).contains(email);
        assertThat(complete(session.getId(), "card_number=4242424242424242").statusCode()).isEqualTo(200);

        Session paid = stripe.v1().checkout().sessions().retrieve(session.getId());
        assertThat(paid.getCustomer()).isEqualTo(customer.getId());
        assertThat(paid.getCustomerDetails().getEmail()).isEqualTo(email);
        assertThat(paid.getCustomerDetails().getName()).isEqualTo("Grace Hopper");
        assertThat(emulator.store().customers().size()).isEqualTo(customersBefore);
        assertThat(stripe.v1().checkout().sessions().list(SessionListParams.builder()
                .setCustomerDetails(SessionListParams.CustomerDetails.builder().setEmail(email).build())
                .build()).getData()).extracting(Session::getId).containsExactly(session.getId());
    }

    /** The objects carry exactly the fields of Stripe's official fixtures for them. */
    @Test
    void productsPricesAndCustomersHaveTheFixturesFields() throws Exception {
        JsonNode fixtures;
        try (InputStream in = getClass().getResourceAsStream("/stripe-reference/fixtures-catalog-payments.json")) {
            fixtures = JSON.readTree(in).get("resources");
        }
        Product product = product("Fixture check");
        Price price = price(product, 100);
        Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder().build());
        assertThat(fields(get("/v1/products/" + product.getId()).body()))
                .isEqualTo(fields(fixtures.get("product").toString()));
        assertThat(fields(get("/v1/prices/" + price.getId()).body()))
                .isEqualTo(fields(fixtures.get("price").toString()));
        assertThat(fields(get("/v1/customers/" + customer.getId()).body()))
                .isEqualTo(fields(fixtures.get("customer").toString()));
    }

    private static TreeSet<String> fields(String json) throws Exception {
        var names = new TreeSet<String>();
        Iterator<String> it = JSON.readTree(json).fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }

    @Test
    void optionalItemsAreOfferedAndChargedOnlyWhenTheCustomerAddsThem() throws Exception {
        Price filters = stripe.v1().prices().create(PriceCreateParams.builder().setCurrency("usd").setUnitAmount(300L)
                .setProductData(PriceCreateParams.ProductData.builder().setName("Paper filters").build()).build());
        Session session = stripe.v1().checkout().sessions().create(payment()
                .addOptionalItem(SessionCreateParams.OptionalItem.builder().setPrice(filters.getId()).setQuantity(1L)
                        .setAdjustableQuantity(SessionCreateParams.OptionalItem.AdjustableQuantity.builder()
                                .setEnabled(true).setMaximum(3L).build()).build()).build());
        assertThat(session.getOptionalItems()).singleElement().satisfies(o -> {
            assertThat(o.getPrice()).isEqualTo(filters.getId());
            assertThat(o.getAdjustableQuantity().getMaximum()).isEqualTo(3);
        });
        assertThat(session.getAmountTotal()).isEqualTo(4000);
        assertThat(get("/c/pay/" + session.getId()).body()).contains("id=\"optional-0\"", "Add Paper filters");

        assertThat(complete(session.getId(), "card_number=4242424242424242&optional_items[0][quantity]=5").body())
                .contains("\"param\":\"optional_items[0][quantity]\"");
        assertThat(complete(session.getId(), "card_number=4242424242424242&optional_items[0][quantity]=2")
                .statusCode()).isEqualTo(200);
        Session paid = stripe.v1().checkout().sessions().retrieve(session.getId());
        assertThat(paid.getAmountTotal()).isEqualTo(4600);
        assertThat(stripe.v1().checkout().sessions().lineItems().list(paid.getId()).getData())
                .extracting(LineItem::getDescription).containsExactly("T-shirt", "Paper filters");

        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION).addLineItem(monthly(1500))
                .addOptionalItem(SessionCreateParams.OptionalItem.builder().setPrice(filters.getId()).setQuantity(1L)
                        .build()).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getParam()).isEqualTo("optional_items"));
    }
}
