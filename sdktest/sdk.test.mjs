// Runs Medusa's own JS SDK against a running channeld, to prove the HTTP API is
// wire-compatible. Run with `node --test sdk.test.mjs`; internal/sdktest starts the server and
// sets the environment:
//
//   CHANNELD_URL             base URL of the server, e.g. http://127.0.0.1:9000
//   CHANNELD_ADMIN_EMAIL     an admin user's email
//   CHANNELD_ADMIN_PASSWORD  and password
//
// Each area of the API gets its own describe block below; add new ones (api keys, products,
// store routes) the same way, using adminSDK() / anonymousSDK() and expectFetchError().

import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { before, describe, test } from "node:test";

import Medusa, { FetchError } from "@medusajs/js-sdk";

const baseUrl = requiredEnv("CHANNELD_URL");
const email = requiredEnv("CHANNELD_ADMIN_EMAIL");
const password = requiredEnv("CHANNELD_ADMIN_PASSWORD");

function requiredEnv(name) {
  const v = process.env[name];
  if (!v) {
    throw new Error(`${name} must be set`);
  }
  return v;
}

// A suffix that keeps names from this run apart from anything else in the database.
const run = randomBytes(4).toString("hex");

// The SDK keeps the JWT in localStorage by default, which Node does not have: outside a
// browser it must be told to keep the token in memory, or every request after login would go
// out without it.
function newSDK() {
  return new Medusa({
    baseUrl,
    auth: { type: "jwt", jwtTokenStorageMethod: "memory" },
  });
}

// anonymousSDK returns a client that has not logged in.
function anonymousSDK() {
  return newSDK();
}

// adminSDK returns a client logged in as the admin user.
async function adminSDK() {
  const sdk = newSDK();
  const token = await sdk.auth.login("user", "emailpass", { email, password });
  assert.equal(typeof token, "string", "login returns the token");
  return sdk;
}

// expectFetchError awaits promise, asserts that it rejects with the SDK's FetchError of the
// given HTTP status and returns the error for further checks.
async function expectFetchError(promise, status) {
  let err;
  await assert.rejects(promise, (e) => {
    err = e;
    return true;
  });
  assert.ok(err instanceof FetchError, `expected a FetchError, got ${err}`);
  assert.equal(err.status, status, `status of "${err.message}"`);
  return err;
}

describe("auth", () => {
  test("login with emailpass stores a JWT that later requests send", async () => {
    const sdk = newSDK();
    const token = await sdk.auth.login("user", "emailpass", { email, password });
    assert.equal(typeof token, "string");
    assert.equal(token.split(".").length, 3, "token is a JWT");
    assert.equal(await sdk.client.getToken(), token);
    const { sales_channels } = await sdk.admin.salesChannel.list({ limit: 1 });
    assert.ok(Array.isArray(sales_channels));
  });

  test("login with a wrong password rejects with 401", async () => {
    const sdk = newSDK();
    const err = await expectFetchError(
      sdk.auth.login("user", "emailpass", { email, password: password + "-wrong" }),
      401,
    );
    assert.equal(err.message, "Invalid email or password");
    assert.equal(await sdk.client.getToken(), "", "no token is kept");
  });

  test("admin routes reject a client that has not logged in with 401", async () => {
    await expectFetchError(anonymousSDK().admin.salesChannel.list(), 401);
  });
});

describe("admin.salesChannel", () => {
  let sdk;
  before(async () => {
    sdk = await adminSDK();
  });

  test("create, list, retrieve, update, delete", async () => {
    const name = `SDK channel ${run}`;

    const { sales_channel: created } = await sdk.admin.salesChannel.create({
      name,
      description: "made by the JS SDK",
    });
    assert.match(created.id, /^sc_/);
    assert.equal(created.name, name);
    assert.equal(created.description, "made by the JS SDK");
    assert.equal(created.is_disabled, false);
    assert.ok(!Number.isNaN(Date.parse(created.created_at)), "created_at is a date");
    assert.ok(!Number.isNaN(Date.parse(created.updated_at)), "updated_at is a date");
    assert.equal(created.deleted_at, null);

    const listed = await sdk.admin.salesChannel.list({ q: run });
    assert.equal(listed.count, 1);
    assert.equal(listed.sales_channels.length, 1);
    assert.equal(listed.sales_channels[0].id, created.id);
    assert.equal(listed.offset, 0);
    assert.equal(typeof listed.limit, "number");

    const { sales_channel: got } = await sdk.admin.salesChannel.retrieve(created.id);
    assert.deepEqual(got, created);

    const metadata = { source: "sdktest", run };
    const { sales_channel: updated } = await sdk.admin.salesChannel.update(created.id, {
      is_disabled: true,
      metadata,
    });
    assert.equal(updated.id, created.id);
    assert.equal(updated.name, name);
    assert.equal(updated.is_disabled, true);
    assert.deepEqual(updated.metadata, metadata);

    const { sales_channel: reread } = await sdk.admin.salesChannel.retrieve(created.id);
    assert.equal(reread.is_disabled, true);
    assert.deepEqual(reread.metadata, metadata);

    const deleted = await sdk.admin.salesChannel.delete(created.id);
    assert.deepEqual(deleted, { id: created.id, object: "sales-channel", deleted: true });

    const err = await expectFetchError(sdk.admin.salesChannel.retrieve(created.id), 404);
    assert.equal(err.message, `Sales channel with id: ${created.id} not found`);

    const after = await sdk.admin.salesChannel.list({ q: run });
    assert.equal(after.count, 0);
    assert.deepEqual(after.sales_channels, []);
  });

  test("list pages with limit and offset", async () => {
    const tag = `page-${run}`;
    const ids = [];
    for (let i = 0; i < 3; i++) {
      const { sales_channel } = await sdk.admin.salesChannel.create({ name: `${tag} ${i}` });
      ids.push(sales_channel.id);
    }
    try {
      const first = await sdk.admin.salesChannel.list({ q: tag, limit: 2, offset: 0 });
      assert.equal(first.count, 3);
      assert.equal(first.limit, 2);
      assert.equal(first.sales_channels.length, 2);
      const second = await sdk.admin.salesChannel.list({ q: tag, limit: 2, offset: 2 });
      assert.equal(second.count, 3);
      assert.equal(second.offset, 2);
      assert.equal(second.sales_channels.length, 1);
      const seen = [...first.sales_channels, ...second.sales_channels].map((c) => c.id);
      assert.deepEqual([...seen].sort(), [...ids].sort());
    } finally {
      for (const id of ids) {
        await sdk.admin.salesChannel.delete(id);
      }
    }
  });

  test("create with an unknown field rejects with 400 and Medusa's message", async () => {
    const err = await expectFetchError(
      sdk.admin.salesChannel.create({ name: `bad ${run}`, colour: "red" }),
      400,
    );
    assert.equal(err.message, "Invalid request: Unrecognized fields: 'colour'");
    const listed = await sdk.admin.salesChannel.list({ q: `bad ${run}` });
    assert.equal(listed.count, 0, "nothing was created");
  });
});

describe("store.product (scoped by the publishable key)", () => {
  let admin;
  let store;
  let channelA;
  let channelB;
  let region;
  let a1;
  let b1;
  before(async () => {
    admin = await adminSDK();
    ({ sales_channel: channelA } = await admin.admin.salesChannel.create({ name: `SDK store A ${run}` }));
    ({ sales_channel: channelB } = await admin.admin.salesChannel.create({ name: `SDK store B ${run}` }));
    const { api_key: key } = await admin.admin.apiKey.create({ title: `SDK store ${run}`, type: "publishable" });
    const { api_key: linked } = await admin.admin.apiKey.batchSalesChannels(key.id, { add: [channelA.id] });
    assert.equal(linked.id, key.id);
    ({ region } = await admin.admin.region.create({ name: `SDK EU ${run}`, currency_code: "eur" }));
    const product = (title, status) => ({
      title,
      status,
      options: [{ title: "Size", values: ["S", "M"] }],
      variants: [
        { title: `${title} S`, sku: `${title}-S`, options: { Size: "S" }, prices: [{ currency_code: "eur", amount: 10 }] },
        { title: `${title} M`, sku: `${title}-M`, options: { Size: "M" }, prices: [{ currency_code: "usd", amount: 12 }] },
      ],
    });
    ({ product: a1 } = await admin.admin.product.create(product(`A1-${run}`, "published")));
    ({ product: b1 } = await admin.admin.product.create(product(`B1-${run}`, "published")));
    const { product: draft } = await admin.admin.product.create(product(`Draft-${run}`, "draft"));
    await admin.admin.salesChannel.batchProducts(channelA.id, { add: [a1.id, draft.id] });
    await admin.admin.salesChannel.batchProducts(channelB.id, { add: [b1.id] });
    store = new Medusa({
      baseUrl,
      publishableKey: key.token,
      auth: { type: "jwt", jwtTokenStorageMethod: "memory" },
    });
  });

  test("admin sees the products it made", async () => {
    const listed = await admin.admin.product.list({ q: run, fields: "id,title,status" });
    assert.equal(listed.count, 3);
    const { product } = await admin.admin.product.retrieve(a1.id, { fields: "+sales_channels.id" });
    assert.deepEqual(product.sales_channels.map((c) => c.id), [channelA.id]);
  });

  test("the key lists only the published products of its channel, priced in the region", async () => {
    const listed = await store.store.product.list({
      q: run,
      region_id: region.id,
      fields: "+variants.calculated_price",
    });
    assert.equal(listed.count, 1);
    assert.equal(listed.products.length, 1);
    const [p] = listed.products;
    assert.equal(p.id, a1.id);
    assert.equal(p.status, undefined, "status is not a store default field");
    const [s, m] = p.variants;
    assert.equal(s.calculated_price.calculated_amount, 10);
    assert.equal(s.calculated_price.currency_code, "eur");
    assert.deepEqual(s.calculated_price.raw_calculated_amount, { value: "10", precision: 20 });
    assert.equal(m.calculated_price, null, "no EUR price");
  });

  test("retrieve: own product found, another channel's product is 404", async () => {
    const { product } = await store.store.product.retrieve(a1.id, { fields: "handle" });
    assert.deepEqual(Object.keys(product), ["handle", "id"]);
    const err = await expectFetchError(store.store.product.retrieve(b1.id), 404);
    assert.equal(err.message, `Product with id: ${b1.id} was not found`);
  });

  test("a channel outside the key is refused", async () => {
    const err = await expectFetchError(store.store.product.list({ sales_channel_id: [channelB.id] }), 400);
    assert.equal(err.message, "Requested sales channel is not part of the publishable key");
  });
});

describe("admin sales channel availability", () => {
  let sdk;
  let channel;
  let product;
  before(async () => {
    sdk = await adminSDK();
    ({ sales_channel: channel } = await sdk.admin.salesChannel.create({ name: `Avail ${run}` }));
    ({ product } = await sdk.admin.product.create({
      title: `Lamp ${run}`,
      status: "published",
      sales_channels: [{ id: channel.id }],
      options: [{ title: "Size", values: ["S", "M", "L"] }],
      variants: [
        { title: "S", sku: `LAMP-S-${run}`, options: { Size: "S" }, prices: [{ currency_code: "eur", amount: 10 }] },
        { title: "M", sku: `LAMP-M-${run}`, options: { Size: "M" }, prices: [{ currency_code: "eur", amount: 10 }] },
        {
          title: "L",
          sku: `LAMP-L-${run}`,
          manage_inventory: false,
          options: { Size: "L" },
          prices: [{ currency_code: "eur", amount: 10 }],
        },
      ],
    }));
  });

  const ask = (ids) =>
    sdk.client.fetch(`/admin/sales-channels/${channel.id}/availability`, { query: { variant_id: ids } });
  const variant = (title) => product.variants.find((v) => v.title === title);

  test("explains each variant, then follows stock", async () => {
    const [s, m, l] = ["S", "M", "L"].map(variant);
    let { availability } = await ask([s.id, l.id, "variant_nope"]);
    assert.deepEqual(
      availability.map((a) => [a.variant_id, a.sellable, a.quantity, a.reasons.map((r) => r.code)]),
      [
        [s.id, false, 0, ["no_stock_location"]],
        [l.id, true, null, []],
        ["variant_nope", false, null, ["variant_not_found"]],
      ],
    );
    assert.match(availability[0].reasons[0].message, new RegExp(channel.id));

    const { stock_location: loc } = await sdk.admin.stockLocation.create({ name: `Avail WH ${run}` });
    await sdk.admin.stockLocation.updateSalesChannels(loc.id, { add: [channel.id] });
    const itemID = async (sku) => (await sdk.admin.inventoryItem.list({ sku })).inventory_items[0].id;
    // batchUpdateLevels posts to /admin/inventory-items/{id}/location-levels/batch, which
    // channeld does not serve; the all-items batch is the route it has.
    await sdk.admin.inventoryItem.batchInventoryItemsLocationLevels({
      create: [
        { inventory_item_id: await itemID(s.sku), location_id: loc.id, stocked_quantity: 4 },
        { inventory_item_id: await itemID(m.sku), location_id: loc.id, stocked_quantity: 0 },
      ],
    });
    ({ availability } = await ask([s.id]));
    assert.deepEqual(
      availability.map((a) => [a.variant_id, a.sellable, a.quantity, a.reasons.map((r) => r.code)]),
      [[s.id, false, 4, ["no_shipping_option"]]],
    );

    // The warehouse ships to Germany: the manual provider, a fulfillment set, a zone, an option.
    await sdk.admin.stockLocation.updateFulfillmentProviders(loc.id, { add: ["manual_manual"] });
    await sdk.admin.stockLocation.createFulfillmentSet(loc.id, { name: `Avail WH ${run} shipping`, type: "shipping" });
    const { stock_location: withSets } = await sdk.admin.stockLocation.retrieve(loc.id, { fields: "id,*fulfillment_sets" });
    const { fulfillment_set: set } = await sdk.admin.fulfillmentSet.createServiceZone(withSets.fulfillment_sets[0].id, {
      name: `Avail WH ${run} Germany`,
      geo_zones: [{ type: "country", country_code: "de" }],
    });
    const { shipping_option: option } = await sdk.admin.shippingOption.create({
      name: "Standard",
      service_zone_id: set.service_zones[0].id,
      shipping_profile_id: "sp_00000000000000000000000000",
      provider_id: "manual_manual",
      price_type: "flat",
      type: { label: "Standard", description: "2-3 days", code: "standard" },
      prices: [{ currency_code: "eur", amount: 4.9 }],
      rules: [
        { attribute: "enabled_in_store", operator: "eq", value: "true" },
        { attribute: "is_return", operator: "eq", value: "false" },
      ],
    });
    assert.equal(option.prices[0].amount, 4.9);
    assert.equal(option.provider.id, "manual_manual");

    ({ availability } = await ask([m.id, s.id]));
    assert.deepEqual(
      availability.map((a) => [a.variant_id, a.sellable, a.quantity, a.reasons.map((r) => r.code)]),
      [
        [m.id, false, 0, ["insufficient_stock"]],
        [s.id, true, 4, []],
      ],
    );
  });

  test("an unknown channel is 404", async () => {
    const err = await expectFetchError(
      sdk.client.fetch("/admin/sales-channels/sc_nope/availability", { query: { variant_id: ["variant_x"] } }),
      404,
    );
    assert.equal(err.message, "Sales channel with id: sc_nope not found");
  });
});

describe("store.cart checkout and admin.order by channel", () => {
  let admin;
  let store;
  let other;
  let channel;
  let region;
  let variant;
  let foreign;
  before(async () => {
    admin = await adminSDK();
    ({ sales_channel: channel } = await admin.admin.salesChannel.create({ name: `Checkout ${run}` }));
    const { sales_channel: otherChannel } = await admin.admin.salesChannel.create({ name: `Checkout other ${run}` });
    const key = async (title, channelID) => {
      const { api_key: k } = await admin.admin.apiKey.create({ title, type: "publishable" });
      await admin.admin.apiKey.batchSalesChannels(k.id, { add: [channelID] });
      return new Medusa({ baseUrl, publishableKey: k.token, auth: { type: "jwt", jwtTokenStorageMethod: "memory" } });
    };
    store = await key(`Checkout ${run}`, channel.id);
    other = await key(`Checkout other ${run}`, otherChannel.id);
    ({ region } = await admin.admin.region.create({
      name: `Checkout EU ${run}`,
      currency_code: "eur",
      payment_providers: ["pp_system_default"],
    }));
    const { product } = await admin.admin.product.create({
      title: `Mug ${run}`,
      status: "published",
      sales_channels: [{ id: channel.id }],
      options: [{ title: "Colour", values: ["Blue"] }],
      variants: [{ title: "Blue", sku: `MUG-${run}`, options: { Colour: "Blue" }, prices: [{ currency_code: "eur", amount: 8 }] }],
    });
    variant = product.variants[0];
    const { product: elsewhere } = await admin.admin.product.create({
      title: `Plate ${run}`,
      status: "published",
      sales_channels: [{ id: otherChannel.id }],
      options: [{ title: "Colour", values: ["Red"] }],
      variants: [{ title: "Red", manage_inventory: false, options: { Colour: "Red" }, prices: [{ currency_code: "eur", amount: 5 }] }],
    });
    foreign = elsewhere.variants[0];
    const { stock_location: loc } = await admin.admin.stockLocation.create({ name: `Checkout WH ${run}` });
    await admin.admin.stockLocation.updateSalesChannels(loc.id, { add: [channel.id] });
    const { inventory_items: items } = await admin.admin.inventoryItem.list({ sku: variant.sku });
    await admin.admin.inventoryItem.batchInventoryItemsLocationLevels({
      create: [{ inventory_item_id: items[0].id, location_id: loc.id, stocked_quantity: 5 }],
    });
  });

  test("create, add a line, pay with the system provider, complete; admin filters orders by channel", async () => {
    let { cart } = await store.store.cart.create({ region_id: region.id, email: `shopper-${run}@example.com` });
    assert.equal(cart.sales_channel_id, channel.id, "the key's only channel");
    assert.equal(cart.currency_code, "eur");

    ({ cart } = await store.store.cart.createLineItem(cart.id, { variant_id: variant.id, quantity: 2 }));
    assert.equal(cart.items.length, 1);
    assert.equal(cart.total, 16);

    const refused = await expectFetchError(
      store.store.cart.createLineItem(cart.id, { variant_id: foreign.id, quantity: 1 }),
      400,
    );
    assert.match(refused.message, new RegExp(channel.id));
    const tooMany = await expectFetchError(store.store.cart.createLineItem(cart.id, { variant_id: variant.id, quantity: 4 }), 400);
    assert.equal(tooMany.message, "Some variant does not have the required inventory");
    await expectFetchError(other.store.cart.retrieve(cart.id), 404);

    const { payment_providers: providers } = await store.store.payment.listPaymentProviders({ region_id: region.id });
    assert.deepEqual(providers.map((p) => p.id), ["pp_system_default"]);
    const { payment_collection: pc } = await store.store.payment.initiatePaymentSession(cart, {
      provider_id: "pp_system_default",
    });
    assert.equal(pc.amount, 16);
    assert.deepEqual(pc.payment_sessions.map((s) => [s.provider_id, s.status]), [["pp_system_default", "pending"]]);
    ({ cart } = await store.store.cart.retrieve(cart.id));
    assert.equal(cart.payment_collection.id, pc.id, "the cart shows its collection, so the SDK reuses it");

    const done = await store.store.cart.complete(cart.id);
    assert.equal(done.type, "order");
    assert.equal(done.order.sales_channel_id, channel.id);
    assert.equal(done.order.payment_status, "authorized");
    assert.equal(done.order.total, 16);
    const again = await store.store.cart.complete(cart.id);
    assert.equal(again.order.id, done.order.id, "completing twice returns the same order");

    const { order } = await store.store.order.retrieve(done.order.id);
    assert.equal(order.id, done.order.id);
    await expectFetchError(other.store.order.retrieve(done.order.id), 404);

    const mine = await admin.admin.order.list({ sales_channel_id: [channel.id], fields: "id,sales_channel_id" });
    assert.deepEqual(mine.orders.map((o) => o.id), [done.order.id]);
    const none = await admin.admin.order.list({ sales_channel_id: ["sc_none"] });
    assert.equal(none.count, 0);
  });
});

describe("channel prices: admin.product writes a price with a sales_channel_id rule, the store prices by key", () => {
  let admin;
  let storeOf;
  let channel;
  let other;
  let region;
  let product;
  let variant;
  before(async () => {
    admin = await adminSDK();
    ({ sales_channel: channel } = await admin.admin.salesChannel.create({ name: `Priced ${run}` }));
    ({ sales_channel: other } = await admin.admin.salesChannel.create({ name: `Priced other ${run}` }));
    storeOf = {};
    for (const c of [channel, other]) {
      const { api_key: k } = await admin.admin.apiKey.create({ title: `Priced ${c.name}`, type: "publishable" });
      await admin.admin.apiKey.batchSalesChannels(k.id, { add: [c.id] });
      storeOf[c.id] = new Medusa({ baseUrl, publishableKey: k.token, auth: { type: "jwt", jwtTokenStorageMethod: "memory" } });
    }
    ({ region } = await admin.admin.region.create({ name: `Priced US ${run}`, currency_code: "usd" }));
    ({ product } = await admin.admin.product.create({
      title: `Channel-priced lamp ${run}`,
      status: "published",
      sales_channels: [{ id: channel.id }, { id: other.id }],
      options: [{ title: "Size", values: ["S"] }],
      variants: [{ title: "S", options: { Size: "S" }, prices: [{ currency_code: "usd", amount: 10 }] }],
    }));
    variant = product.variants[0];
  });

  test("a channel's key reads the channel price, another key the base price", async () => {
    const { product: written } = await admin.admin.product.updateVariant(
      product.id,
      variant.id,
      {
        prices: [
          { currency_code: "usd", amount: 10 },
          { currency_code: "usd", amount: 8, rules: { sales_channel_id: channel.id } },
        ],
      },
      { fields: "*variants.prices" },
    );
    const prices = written.variants[0].prices;
    const channelPrice = prices.find((p) => p.rules?.sales_channel_id === channel.id);
    const basePrice = prices.find((p) => p.rules && Object.keys(p.rules).length === 0);
    assert.ok(channelPrice, `a price with the channel's rule among ${JSON.stringify(prices)}`);
    assert.equal(channelPrice.amount, 8);
    assert.ok(basePrice, "the base price stays");

    const priced = { region_id: region.id, fields: "+variants.calculated_price" };
    const { product: inChannel } = await storeOf[channel.id].store.product.retrieve(product.id, priced);
    const calc = inChannel.variants[0].calculated_price;
    assert.equal(calc.calculated_amount, 8);
    assert.equal(calc.original_amount, 8);
    assert.equal(calc.currency_code, "usd");
    assert.equal(calc.calculated_price.id, channelPrice.id);

    const { product: elsewhere } = await storeOf[other.id].store.product.retrieve(product.id, priced);
    assert.equal(elsewhere.variants[0].calculated_price.calculated_amount, 10);
    assert.equal(elsewhere.variants[0].calculated_price.calculated_price.id, basePrice.id);

    const listed = await storeOf[channel.id].store.product.list({ q: run, currency_code: "usd", fields: "+variants.calculated_price" });
    assert.equal(listed.products[0].variants[0].calculated_price.calculated_amount, 8);
  });
});

describe("a channel-limited admin through admin.rbacRole and admin.user", () => {
  let limited;
  let channelA;
  let channelB;
  let productA;
  let productB;
  before(async () => {
    const admin = await adminSDK();
    ({ sales_channel: channelA } = await admin.admin.salesChannel.create({ name: `Limited A ${run}` }));
    ({ sales_channel: channelB } = await admin.admin.salesChannel.create({ name: `Limited B ${run}` }));
    const make = async (title, channel) =>
      (await admin.admin.product.create({ title, sales_channels: [{ id: channel.id }] })).product;
    productA = await make(`Limited product A ${run}`, channelA);
    productB = await make(`Limited product B ${run}`, channelB);
    const { policies } = await admin.admin.rbacPolicy.list({ key: ["product:read", "sales_channel:read"] });
    assert.equal(policies.length, 2);
    const { role } = await admin.admin.rbacRole.create({
      name: `Catalogue reader ${run}`,
      policy_ids: policies.map((p) => p.id),
    });
    // POST /admin/users is channeld's (Medusa invites users), so the SDK reaches it by path.
    const limitedEmail = `limited-${run}@example.com`;
    await admin.client.fetch("/admin/users", {
      method: "POST",
      body: { email: limitedEmail, password: `pw-${run}-limited`, roles: [role.id], sales_channel_ids: [channelA.id] },
    });
    limited = newSDK();
    await limited.auth.login("user", "emailpass", { email: limitedEmail, password: `pw-${run}-limited` });
  });

  test("lists only its channel and its channel's products", async () => {
    const channels = await limited.admin.salesChannel.list({ limit: 100 });
    assert.deepEqual(channels.sales_channels.map((c) => c.id), [channelA.id]);
    assert.equal(channels.count, 1);

    const products = await limited.admin.product.list({ limit: 100, fields: "id,*sales_channels" });
    assert.deepEqual(products.products.map((p) => p.id), [productA.id]);
    assert.equal(products.count, 1);
    assert.deepEqual(products.products[0].sales_channels.map((c) => c.id), [channelA.id]);

    const err = await expectFetchError(limited.admin.product.retrieve(productB.id), 404);
    assert.equal(err.message, `Product with id: ${productB.id} was not found`);
  });

  test("its permissions are what it was given, and nothing more", async () => {
    const { permissions } = await limited.admin.rbacRole.mePermissions();
    assert.deepEqual(permissions, ["product:read", "sales_channel:read"]);
    const err = await expectFetchError(limited.admin.product.update(productA.id, { title: "Renamed" }), 403);
    assert.equal(err.message, "Insufficient permissions. Required policies: product:update");
  });
});
