// Scenarios run by NodeClientTest with Stripe's official Node client against the emulator.
// Usage: node scenarios.mjs <scenario> ; the emulator's base URL is in STRIPE_EMULATOR_URL.
// Prints one JSON object with what the scenario observed; exits non-zero on an unexpected error.
import Stripe from 'stripe';

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
