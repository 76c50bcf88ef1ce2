// Scenarios run by NodeClientTest with Stripe's official Node client against the emulator.
// Usage: node scenarios.mjs <scenario> ; the emulator's base URL is in STRIPE_EMULATOR_URL, and
// STRIPE_PACKAGE names the client: stripe (22.4.0, API dahlia, the default) or stripe-endive (23.1.0).
// Prints one JSON object with what the scenario observed; exits non-zero on an unexpected error.
const {default: Stripe} = await import(process.env.STRIPE_PACKAGE ?? 'stripe');

const base = new URL(process.env.STRIPE_EMULATOR_URL);
const stripe = new Stripe('sk_test_node', {
  host: base.hostname,
  port: Number(base.port),
  protocol: base.protocol.replace(':', ''),
  maxNetworkRetries: 0,
});

async function control(path, form) {
  const response = await fetch(new URL(path, base), {
    method: 'POST',
    headers: {'Content-Type': 'application/x-www-form-urlencoded'},
    body: new URLSearchParams(form).toString(),
  });
  if (!response.ok) {
    throw new Error(`${path}: ${response.status} ${await response.text()}`);
  }
  return response.json();
}

async function refusal(call) {
  try {
    await call();
    return {refused: false};
  } catch (e) {
    return {refused: true, type: e.type, status: e.statusCode, code: e.code ?? null, param: e.param ?? null,
      message: e.message};
  }
}

const scenarios = {
  async catalog() {
    const product = await stripe.products.create({name: 'Coffee beans', metadata: {sku: 'BEANS-1KG'}});
    const price = await stripe.prices.create({product: product.id, currency: 'eur', unit_amount: 1250,
      lookup_key: `beans-${Date.now()}`});
    const email = `node.${Date.now()}@example.com`;
    const customer = await stripe.customers.create({email, name: 'Node Customer',
      address: {line1: '1 Rue de Rivoli', city: 'Paris', country: 'FR'}});
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      customer: customer.id,
      line_items: [{price: price.id, quantity: 2}],
      success_url: 'https://shop.example/ok?session_id={CHECKOUT_SESSION_ID}',
    });
    await control(`/_emulator/checkout/sessions/${session.id}/complete`, {card_number: '4242424242424242'});
    const paid = await stripe.checkout.sessions.retrieve(session.id,
      {expand: ['line_items.data.price.product', 'customer']});
    const found = await stripe.checkout.sessions.list({customer_details: {email}});
    const byLookup = await stripe.prices.list({lookup_keys: [price.lookup_key], expand: ['data.product']});
    return {
      amount_total: session.amount_total,
      currency: session.currency,
      status: paid.status,
      payment_status: paid.payment_status,
      customer: paid.customer.id === customer.id,
      customer_email: paid.customer_details.email === email,
      line_price: paid.line_items.data[0].price.id === price.id,
      line_product_sku: paid.line_items.data[0].price.product.metadata.sku,
      listed: found.data.map((s) => s.id === session.id),
      lookup_product_name: byLookup.data[0].product.name,
      customer_city: paid.customer.address.city,
    };
  },

  async money() {
    const coupon = await stripe.coupons.create({percent_off: 10});
    const code = `NODE${Date.now() % 100000}`;
    const promo = await stripe.promotionCodes.create({code, promotion: {type: 'coupon', coupon: coupon.id}});
    const vat = await stripe.taxRates.create({display_name: 'VAT', percentage: 20, inclusive: false, country: 'FR'});
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      allow_promotion_codes: true,
      line_items: [{price_data: {currency: 'eur', unit_amount: 5000, product_data: {name: 'Kettle'}}, quantity: 1,
        tax_rates: [vat.id]}],
      shipping_address_collection: {allowed_countries: ['FR', 'BE']},
      shipping_options: [{shipping_rate_data: {display_name: 'Colissimo', type: 'fixed_amount',
        fixed_amount: {amount: 700, currency: 'eur'}, delivery_estimate: {minimum: {unit: 'business_day', value: 2},
          maximum: {unit: 'business_day', value: 4}}}}],
      phone_number_collection: {enabled: true},
      custom_fields: [{key: 'gift', label: {type: 'custom', custom: 'Gift message'}, type: 'text', optional: true}],
      consent_collection: {terms_of_service: 'required'},
      success_url: 'https://shop.example/ok',
    });
    await control(`/_emulator/checkout/sessions/${session.id}/complete`, {
      card_number: '4242424242424242', email: 'node@example.com', promotion_code: code, phone: '+33 1 23 45 67 89',
      'shipping[name]': 'Camille', 'shipping[address][line1]': '1 rue de Rivoli', 'shipping[address][city]': 'Paris',
      'shipping[address][country]': 'FR', 'custom_fields[gift]': 'Bon appetit', 'consent[terms_of_service]': 'accepted',
    });
    const paid = await stripe.checkout.sessions.retrieve(session.id, {expand: ['line_items', 'payment_intent']});
    const line = paid.line_items.data[0];
    return {
      created_total: session.amount_total,
      subtotal: paid.amount_subtotal,
      discount: paid.total_details.amount_discount,
      tax: paid.total_details.amount_tax,
      shipping: paid.total_details.amount_shipping,
      total: paid.amount_total,
      charged: paid.payment_intent.amount,
      line: [line.amount_subtotal, line.amount_discount, line.amount_tax, line.amount_total],
      promotion_code: paid.discounts[0].promotion_code === promo.id,
      ship_to: paid.collected_information.shipping_details.address.city,
      phone: paid.customer_details.phone,
      gift: paid.custom_fields[0].text.value,
      terms: paid.consent.terms_of_service,
      redeemed: (await stripe.promotionCodes.retrieve(promo.id)).times_redeemed,
    };
  },

  async behaviour() {
    const held = await stripe.checkout.sessions.create({
      mode: 'payment', success_url: 'https://shop.example/ok',
      line_items: [{price_data: {currency: 'usd', unit_amount: 3000, product_data: {name: 'Hotel night'}}, quantity: 1}],
      payment_intent_data: {capture_method: 'manual', description: 'Night of 1 Dec', metadata: {room: '12'}},
    });
    await control(`/_emulator/checkout/sessions/${held.id}/complete`, {card_number: '4242424242424242'});
    const intentId = (await stripe.checkout.sessions.retrieve(held.id)).payment_intent;
    const before = await stripe.paymentIntents.retrieve(intentId);
    const captured = await stripe.paymentIntents.capture(intentId, {amount_to_capture: 2000});
    const trial = await stripe.checkout.sessions.create({
      mode: 'subscription', success_url: 'https://shop.example/ok',
      line_items: [{price_data: {currency: 'usd', unit_amount: 900, recurring: {interval: 'month'},
        product_data: {name: 'Club'}}, quantity: 1}],
      subscription_data: {trial_period_days: 7},
    });
    await control(`/_emulator/checkout/sessions/${trial.id}/complete`, {card_number: '4242424242424242'});
    const trialing = await stripe.checkout.sessions.retrieve(trial.id, {expand: ['subscription']});
    const embedded = await stripe.checkout.sessions.create({
      mode: 'payment', ui_mode: 'embedded_page', return_url: 'https://shop.example/return?id={CHECKOUT_SESSION_ID}',
      line_items: [{price_data: {currency: 'usd', unit_amount: 1000, product_data: {name: 'Mug'}}, quantity: 1}],
    });
    return {
      held: [before.status, before.amount_capturable, before.description, before.metadata.room],
      captured: [captured.status, captured.amount_received],
      trial: [trialing.payment_status, trialing.subscription.status, trialing.amount_total],
      embedded: [embedded.url, embedded.client_secret.startsWith(`${embedded.id}_secret_`), embedded.return_url],
    };
  },

  async extras() {
    const price = await stripe.prices.create({currency: 'eur', unit_amount: 400,
      product_data: {name: 'Filters'}});
    const session = await stripe.checkout.sessions.create({
      mode: 'payment', locale: 'de', success_url: 'https://shop.example/ok',
      line_items: [{price_data: {currency: 'eur', unit_amount: 2500, product_data: {name: 'Kanne'}}, quantity: 1,
        adjustable_quantity: {enabled: true, minimum: 1, maximum: 4}}],
      optional_items: [{price: price.id, quantity: 1}],
      invoice_creation: {enabled: true, invoice_data: {footer: 'Danke!'}},
      name_collection: {individual: {enabled: true}},
      after_expiration: {recovery: {enabled: true}},
    });
    const page = await (await fetch(session.url)).text();
    await control(`/_emulator/checkout/sessions/${session.id}/complete`, {
      card_number: '4242424242424242', email: 'node.de@example.com', individual_name: 'Erika Muster',
      'line_items[0][quantity]': '2', 'optional_items[0][quantity]': '1',
    });
    const paid = await stripe.checkout.sessions.retrieve(session.id, {expand: ['invoice', 'line_items']});
    const abandoned = await stripe.checkout.sessions.create({
      mode: 'payment', success_url: 'https://shop.example/ok', after_expiration: {recovery: {enabled: true}},
      line_items: [{price_data: {currency: 'eur', unit_amount: 2500, product_data: {name: 'Kanne'}}, quantity: 1}],
    });
    const expired = await stripe.checkout.sessions.expire(abandoned.id);
    return {
      locale: session.locale,
      german_page: page.includes('lang="de"') && page.includes('Bezahlen'),
      total: paid.amount_total,
      lines: paid.line_items.data.map((l) => `${l.description} x${l.quantity}`),
      invoice: [paid.invoice.status, paid.invoice.amount_paid, paid.invoice.footer],
      individual_name: paid.customer_details.individual_name,
      recovery_url: expired.after_expiration.recovery.url.endsWith(`/c/recover/${abandoned.id}`),
    };
  },

  async details() {
    const table = await fetch(new URL('/_emulator/automatic_tax', base), {method: 'POST',
      headers: {'Content-Type': 'application/json'}, body: JSON.stringify({rates: {'DE': '19'}})});
    if (!table.ok) {
      throw new Error(`automatic tax table: ${table.status} ${await table.text()}`);
    }
    const session = await stripe.checkout.sessions.create({
      mode: 'payment', submit_type: 'donate', customer_creation: 'always', success_url: 'https://shop.example/ok',
      line_items: [{price_data: {currency: 'eur', unit_amount: 10000, tax_behavior: 'exclusive',
        product_data: {name: 'Donation box'}}, quantity: 1}],
      automatic_tax: {enabled: true},
      billing_address_collection: 'required',
      tax_id_collection: {enabled: true},
      custom_text: {submit: {message: 'Every euro goes to the cause.'}},
      branding_settings: {display_name: 'Good Cause', button_color: '#0a7d32'},
      metadata: {campaign: 'winter'},
    });
    const updated = await stripe.checkout.sessions.update(session.id, {metadata: {campaign: 'spring'}});
    const page = await (await fetch(session.url)).text();
    const missingAddress = await refusal(() => control(`/_emulator/checkout/sessions/${session.id}/complete`, {
      card_number: '4242424242424242', email: 'donor@example.com'}));
    await control(`/_emulator/checkout/sessions/${session.id}/complete`, {
      card_number: '4242424242424242', email: 'donor@example.com', name: 'Grete Spender',
      business_name: 'Spender GmbH', 'tax_ids[0][type]': 'eu_vat', 'tax_ids[0][value]': 'DE123456789',
      'billing_address[line1]': 'Unter den Linden 1', 'billing_address[city]': 'Berlin',
      'billing_address[postal_code]': '10117', 'billing_address[country]': 'DE',
    });
    const paid = await stripe.checkout.sessions.retrieve(session.id, {expand: ['customer']});
    await fetch(new URL('/_emulator/automatic_tax', base), {method: 'DELETE'});
    return {
      created: [session.submit_type, session.amount_total, session.automatic_tax.enabled,
        session.billing_address_collection, session.tax_id_collection.enabled, session.custom_text.submit.message,
        session.branding_settings.display_name, session.branding_settings.button_color],
      updated_metadata: updated.metadata.campaign,
      page: [page.includes('Every euro goes to the cause.'), page.includes('Good Cause'), page.includes('Donate')],
      missing_address: missingAddress.refused && missingAddress.message.includes('billing_address'),
      paid: [paid.status, paid.amount_total, paid.total_details.amount_tax, paid.automatic_tax.status],
      details: [paid.customer_details.name, paid.customer_details.business_name,
        paid.customer_details.address.city, paid.customer_details.tax_ids[0].type,
        paid.customer_details.tax_ids[0].value, paid.customer_details.tax_exempt],
      customer: [paid.customer.email, paid.customer.address.city],
    };
  },

  // Selection and every flow class; dahlia names the methods with payment_method_types, endive narrows
  // the dynamic set with allowed_payment_method_types.
  async methods() {
    const endive = stripe.getApiField('version').endsWith('.endive');
    const only = (types) => (endive ? {allowed_payment_method_types: types} : {payment_method_types: types});
    const line = (currency, amount) => [{price_data: {currency, unit_amount: amount, product_data: {name: 'Box'}},
      quantity: 1}];
    const create = (currency, amount, extra) => stripe.checkout.sessions.create({mode: 'payment',
      success_url: 'https://shop.example/ok', line_items: line(currency, amount), ...extra});
    const ideal = await create('eur', 2500, only(['ideal']));
    const refusedCurrency = await refusal(() => create('usd', 2500, only(['ideal'])));
    const dynamic = await create('eur', 2500, {excluded_payment_method_types: ['klarna']});
    await control(`/_emulator/checkout/sessions/${ideal.id}/complete`, {payment_method: 'ideal', redirect: 'authorize'});
    const paid = await stripe.checkout.sessions.retrieve(ideal.id, {expand: ['payment_intent.payment_method']});
    const debit = await create('usd', 2500, only(['us_bank_account']));
    await control(`/_emulator/checkout/sessions/${debit.id}/complete`, {payment_method: 'us_bank_account',
      account_number: '000222222227'});
    const debitPending = await stripe.checkout.sessions.retrieve(debit.id);
    const oxxo = await create('mxn', 30000, {...only(['oxxo']), payment_method_options: {oxxo: {expires_after_days: 2}}});
    await control(`/_emulator/checkout/sessions/${oxxo.id}/complete`, {payment_method: 'oxxo',
      email: 'ana_expire_with_delay@example.com'});
    const voucher = await stripe.paymentIntents.retrieve((await stripe.checkout.sessions.retrieve(oxxo.id)).payment_intent);
    await control('/_emulator/clock/advance', {seconds: '180'});
    const expired = await stripe.checkout.sessions.retrieve(oxxo.id, {expand: ['payment_intent']});
    const debitSettled = await stripe.checkout.sessions.retrieve(debit.id, {expand: ['payment_intent.latest_charge']});
    const failed = await stripe.events.list({type: 'checkout.session.async_payment_failed', limit: 100});
    return {
      version: stripe.getApiField('version'),
      ideal: ideal.payment_method_types,
      refused_currency: refusedCurrency,
      dynamic: [dynamic.payment_method_types.includes('ideal'), dynamic.payment_method_types.includes('klarna'),
        dynamic.payment_method_configuration_details?.id ?? null, dynamic.excluded_payment_method_types],
      paid: [paid.payment_status, paid.payment_intent.payment_method.type],
      debit: [debitPending.payment_status, debitSettled.payment_status, debitSettled.payment_intent.status,
        failed.data.some((e) => e.data.object.id === debit.id)],
      voucher: [oxxo.payment_method_options.oxxo.expires_after_days, voucher.status, voucher.next_action.type,
        voucher.next_action.oxxo_display_details.hosted_voucher_url.includes('/c/voucher/')],
      expired: [expired.payment_status, expired.payment_intent.status,
        failed.data.some((e) => e.data.object.id === oxxo.id)],
      allowed_field: ideal.allowed_payment_method_types ?? (('allowed_payment_method_types' in ideal) ? null : 'absent'),
    };
  },

  // Stripe's Node client 23.x (API 2026-10-28.endive): dynamic payment methods narrowed with
  // allowed_payment_method_types, and webhook endpoints in its own version.
  async endive() {
    const line = [{price_data: {currency: 'eur', unit_amount: 2500, product_data: {name: 'Box'}}, quantity: 1}];
    const allowed = await stripe.checkout.sessions.create({mode: 'payment', success_url: 'https://shop.example/ok',
      line_items: line, allowed_payment_method_types: ['ideal', 'card', 'oxxo', 'paypay']});
    const typesRefused = await refusal(() => stripe.checkout.sessions.create({mode: 'payment',
      success_url: 'https://shop.example/ok', line_items: line, payment_method_types: ['card']}));
    const endpoint = await stripe.webhookEndpoints.create({url: 'https://shop.example/hooks', enabled_events: ['*'],
      api_version: '2026-10-28.endive'});
    const bogusVersion = await refusal(() => stripe.webhookEndpoints.create({url: 'https://shop.example/hooks',
      enabled_events: ['*'], api_version: '2019-13-01'}));
    await control(`/_emulator/checkout/sessions/${allowed.id}/complete`, {payment_method: 'card'});
    const events = await stripe.events.list({type: 'checkout.session.completed', limit: 100});
    const completed = events.data.find((e) => e.data.object.id === allowed.id);
    await stripe.webhookEndpoints.del(endpoint.id);
    return {
      version: stripe.getApiField('version'),
      allowed: [allowed.payment_method_types, allowed.allowed_payment_method_types],
      types_refused: typesRefused,
      endpoint_version: endpoint.api_version,
      bogus_version: bogusVersion,
      header: allowed.lastResponse.headers['stripe-version'] ?? null,
      event: [completed.api_version, completed.data.object.allowed_payment_method_types],
    };
  },

  async validation() {
    const line = {price_data: {currency: 'usd', unit_amount: 1000, product_data: {name: 'Mug'}}, quantity: 1};
    const create = (extra) => () => stripe.checkout.sessions.create({mode: 'payment', line_items: [line], ...extra});
    return {
      locale: await refusal(create({locale: 'xx-bogus'})),
      nested: await refusal(create({payment_intent_data: {bogus: '1'}})),
      unmodelled: await refusal(create({ui_mode: 'elements'})),
      price: await refusal(create({line_items: [{price: 'price_missing', quantity: 1}]})),
    };
  },
};

const name = process.argv[2];
if (!scenarios[name]) {
  console.error(`unknown scenario ${name}; one of ${Object.keys(scenarios).join(', ')}`);
  process.exit(2);
}
try {
  console.log(JSON.stringify(await scenarios[name]()));
} catch (e) {
  console.error(e.stack ?? e);
  process.exit(1);
}
