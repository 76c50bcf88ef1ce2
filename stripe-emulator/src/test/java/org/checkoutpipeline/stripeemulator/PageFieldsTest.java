package org.checkoutpipeline.stripeemulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Customer;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionCreateParams.ConsentCollection;
import com.stripe.param.checkout.SessionCreateParams.CustomField;
import com.stripe.param.checkout.SessionCreateParams.CustomText;
import org.junit.jupiter.api.Test;

/**
 * What the page collects beyond payment: billing address, phone, tax IDs, custom fields, consent
 * and custom text, as created with stripe-java and completed through the completion control.
 */
class PageFieldsTest extends EmulatorTestSupport {

    private static SessionCreateParams.Builder everything() {
        return payment().setCustomerCreation(SessionCreateParams.CustomerCreation.ALWAYS)
                .setBillingAddressCollection(SessionCreateParams.BillingAddressCollection.REQUIRED)
                .setPhoneNumberCollection(SessionCreateParams.PhoneNumberCollection.builder().setEnabled(true).build())
                .setTaxIdCollection(SessionCreateParams.TaxIdCollection.builder().setEnabled(true).build())
                .addCustomField(CustomField.builder().setKey("engraving").setType(CustomField.Type.TEXT)
                        .setLabel(CustomField.Label.builder().setType(CustomField.Label.Type.CUSTOM)
                                .setCustom("Engraving").build())
                        .setText(CustomField.Text.builder().setMaximumLength(10L).build()).build())
                .addCustomField(CustomField.builder().setKey("size").setType(CustomField.Type.DROPDOWN)
                        .setLabel(CustomField.Label.builder().setType(CustomField.Label.Type.CUSTOM)
                                .setCustom("Size").build())
                        .setDropdown(CustomField.Dropdown.builder()
                                .addOption(CustomField.Dropdown.Option.builder().setLabel("Small").setValue("s").build())
                                .addOption(CustomField.Dropdown.Option.builder().setLabel("Large").setValue("l").build())
                                .setDefaultValue("s").build()).build())
                .addCustomField(CustomField.builder().setKey("ref").setType(CustomField.Type.NUMERIC).setOptional(true)
                        .setLabel(CustomField.Label.builder().setType(CustomField.Label.Type.CUSTOM)
                                .setCustom("Reference").build()).build())
                .setConsentCollection(ConsentCollection.builder()
                        .setTermsOfService(ConsentCollection.TermsOfService.REQUIRED)
                        .setPromotions(ConsentCollection.Promotions.AUTO).build())
                .setCustomText(CustomText.builder()
                        .setSubmit(CustomText.Submit.builder().setMessage("We ship within 2 days.").build())
                        .setAfterSubmit(CustomText.AfterSubmit.builder().setMessage("Thanks! Watch your inbox.").build())
                        .setTermsOfServiceAcceptance(CustomText.TermsOfServiceAcceptance.builder()
                                .setMessage("I accept the shop's terms.").build())
                        .build());
    }

    private static final String FILLED = "card_number=4242424242424242&email=ada@example.com&name=Ada"
            + "&billing_address[line1]=1 Main St&billing_address[city]=Berlin&billing_address[postal_code]=10115"
            + "&billing_address[country]=DE&phone=%2B49 30 1234567&business_name=Ada GmbH"
            + "&tax_ids[0][type]=eu_vat&tax_ids[0][value]=DE123456789"
            + "&custom_fields[engraving]=For Ada&custom_fields[size]=l"
            + "&consent[terms_of_service]=accepted&consent[promotions]=opt_in";

    @Test
    void theSessionSaysWhatThePageCollects() throws Exception {
        Session session = stripe.v1().checkout().sessions().create(everything().build());

        assertThat(session.getBillingAddressCollection()).isEqualTo("required");
        assertThat(session.getPhoneNumberCollection().getEnabled()).isTrue();
        assertThat(session.getTaxIdCollection().getEnabled()).isTrue();
        assertThat(session.getCustomFields()).extracting(Session.CustomField::getKey)
                .containsExactly("engraving", "size", "ref");
        assertThat(session.getCustomFields().get(1).getDropdown().getDefaultValue()).isEqualTo("s");
        assertThat(session.getConsentCollection().getTermsOfService()).isEqualTo("required");
        assertThat(session.getCustomText().getSubmit().getMessage()).isEqualTo("We ship within 2 days.");
        assertThat(session.getConsent()).isNull();

        String page = get("/c/pay/" + session.getId()).body();
        assertThat(page).contains("id=\"billing-line1\"", "id=\"phone\"", "id=\"tax-id-value\"",
                "id=\"custom-field-engraving\"", "id=\"custom-field-size\"", "Reference (optional)",
                "I accept the shop&#39;s terms.", "We ship within 2 days.", "id=\"consent-promotions\"");
    }

    @Test
    void completionRequiresWhatThePageRequiresAndRecordsIt() throws Exception {
        Session session = stripe.v1().checkout().sessions().create(everything().build());

        assertRefused(session, FILLED.replace("&phone=%2B49 30 1234567", ""), "phone");
        assertRefused(session, FILLED.replace("&consent[terms_of_service]=accepted", ""), "consent[terms_of_service]");
        assertRefused(session, FILLED.replace("&custom_fields[engraving]=For Ada", ""), "custom_fields[engraving]");
        assertRefused(session, FILLED.replace("For Ada", "For Ada Lovelace"), "custom_fields[engraving]");
        assertRefused(session, FILLED.replace("custom_fields[size]=l", "custom_fields[size]=xl"), "custom_fields[size]");
        assertRefused(session, FILLED.replace("&billing_address[city]=Berlin", ""), "billing_address[line1]");
        assertRefused(session, FILLED + "&custom_fields[ref]=12a", "custom_fields[ref]");
        assertThat(complete(session.getId(), FILLED + "&custom_fields[ref]=42").statusCode()).isEqualTo(200);

        Session paid = stripe.v1().checkout().sessions().retrieve(session.getId());
        assertThat(paid.getCustomerDetails().getPhone()).isEqualTo("+49 30 1234567");
        assertThat(paid.getCustomerDetails().getAddress().getCity()).isEqualTo("Berlin");
        assertThat(paid.getCustomerDetails().getBusinessName()).isEqualTo("Ada GmbH");
        assertThat(paid.getCustomerDetails().getTaxIds()).singleElement().satisfies(id -> {
            assertThat(id.getType()).isEqualTo("eu_vat");
            assertThat(id.getValue()).isEqualTo("DE123456789");
        });
        assertThat(paid.getCustomFields()).extracting(f -> f.getKey() + "=" + value(f))
                .containsExactly("engraving=For Ada", "size=l", "ref=42");
        assertThat(paid.getConsent().getTermsOfService()).isEqualTo("accepted");
        assertThat(paid.getConsent().getPromotions()).isEqualTo("opt_in");
        Customer customer = stripe.v1().customers().retrieve(paid.getCustomer());
        assertThat(customer.getPhone()).isEqualTo("+49 30 1234567");
        assertThat(customer.getAddress().getPostalCode()).isEqualTo("10115");
        assertThat(get("/c/pay/" + session.getId()).body()).contains("Thanks! Watch your inbox.");
    }

    @Test
    void whatTheSessionDoesNotAskForIsRefused() throws Exception {
        Session plain = createPayment();
        assertRefused(plain, "card_number=4242424242424242&phone=5551234567", "phone");
        assertRefused(plain, "card_number=4242424242424242&custom_fields[x]=1", "custom_fields[x]");
        assertRefused(plain, "card_number=4242424242424242&consent[terms_of_service]=accepted",
                "consent[terms_of_service]");
        assertRefused(plain, "card_number=4242424242424242&billing_address[country]=DE", "billing_address");
    }

    @Test
    void customFieldsAndCustomTextFollowStripesRules() {
        var label = CustomField.Label.builder().setType(CustomField.Label.Type.CUSTOM).setCustom("X").build();
        assertCreateRefused(payment().addCustomField(CustomField.builder().setKey("a").setLabel(label)
                .setType(CustomField.Type.DROPDOWN).build()), "custom_fields[0][dropdown]");
        assertCreateRefused(payment().addCustomField(CustomField.builder().setKey("a-b").setLabel(label)
                .setType(CustomField.Type.TEXT).build()), "custom_fields[0][key]");
        var four = payment();
        for (int i = 0; i < 4; i++) {
            four.addCustomField(CustomField.builder().setKey("k" + i).setLabel(label).setType(CustomField.Type.TEXT)
                    .build());
        }
        assertCreateRefused(four, "custom_fields");
        assertCreateRefused(payment().setCustomText(CustomText.builder().setShippingAddress(
                CustomText.ShippingAddress.builder().setMessage("x").build()).build()), "custom_text[shipping_address]");
        assertCreateRefused(payment().setConsentCollection(ConsentCollection.builder()
                .setPaymentMethodReuseAgreement(ConsentCollection.PaymentMethodReuseAgreement.builder()
                        .setPosition(ConsentCollection.PaymentMethodReuseAgreement.Position.HIDDEN).build()).build()),
                "consent_collection[payment_method_reuse_agreement][position]");
    }

    private static String value(Session.CustomField f) {
        return switch (f.getType()) {
            case "dropdown" -> f.getDropdown().getValue();
            case "numeric" -> f.getNumeric().getValue();
            default -> f.getText().getValue();
        };
    }

    private static void assertRefused(Session session, String form, String param) throws Exception {
        var response = complete(session.getId(), form);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("\"param\":\"" + param.replace("[", "[").replace("]", "]") + "\"");
    }

    private static void assertCreateRefused(SessionCreateParams.Builder params, String param) {
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(params.build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getParam()).isEqualTo(param));
    }

    @Test
    void nameCollectionAsksForTheCustomersAndTheBusinessNames() throws Exception {
        Session session = stripe.v1().checkout().sessions().create(payment()
                .setNameCollection(SessionCreateParams.NameCollection.builder()
                        .setIndividual(SessionCreateParams.NameCollection.Individual.builder().setEnabled(true).build())
                        .setBusiness(SessionCreateParams.NameCollection.Business.builder().setEnabled(true)
                                .setOptional(true).build()).build())
                .setIntegrationIdentifier("shop-v2")
                .build());
        assertThat(session.getNameCollection().getIndividual().getEnabled()).isTrue();
        assertThat(session.getNameCollection().getBusiness().getOptional()).isTrue();
        assertThat(session.getIntegrationIdentifier()).isEqualTo("shop-v2");
        assertThat(get("/c/pay/" + session.getId()).body()).contains("id=\"individual-name\"", "id=\"business-name\"");

        assertRefused(session, "card_number=4242424242424242", "individual_name");
        assertThat(complete(session.getId(), "card_number=4242424242424242&individual_name=Ada Lovelace")
                .statusCode()).isEqualTo(200);
        Session paid = stripe.v1().checkout().sessions().retrieve(session.getId());
        assertThat(paid.getCustomerDetails().getIndividualName()).isEqualTo("Ada Lovelace");
        assertThat(paid.getCollectedInformation().getIndividualName()).isEqualTo("Ada Lovelace");
        assertRefused(createPayment(), "card_number=4242424242424242&individual_name=Ada", "individual_name");
    }

    @Test
    void setupIntentDataReachesTheSetupIntent() throws Exception {
        Session session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SETUP).setCurrency("eur").setSuccessUrl("https://shop.example/ok")
                .setSetupIntentData(SessionCreateParams.SetupIntentData.builder().setDescription("Card on file")
                        .putMetadata("plan", "pro").build()).build());
        assertThat(complete(session.getId(), "card_number=4242424242424242").statusCode()).isEqualTo(200);
        var intent = stripe.v1().setupIntents().retrieve(
                stripe.v1().checkout().sessions().retrieve(session.getId()).getSetupIntent());
        assertThat(intent.getDescription()).isEqualTo("Card on file");
        assertThat(intent.getMetadata()).containsEntry("plan", "pro");
        assertCreateRefused(payment().setSetupIntentData(SessionCreateParams.SetupIntentData.builder()
                .setDescription("x").build()), "setup_intent_data");
    }
}
