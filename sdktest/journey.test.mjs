// The storefront journey of Medusa's Next.js starter (medusajs/nextjs-starter-medusa,
// src/lib/data/*.ts), call by call with the starter's own `fields`, through Medusa's JS SDK
// against a running channeld: browse, cart, addresses, payment, order, then an account whose
// orders the shopper lists. Each answer's shape is checked as the starter reads
// it, and a publishable key of another channel must see none of it. Run with
// `node --test journey.test.mjs`; internal/sdktest starts the server and sets CHANNELD_URL,
// CHANNELD_ADMIN_EMAIL and CHANNELD_ADMIN_PASSWORD.

import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { before, describe, test } from "node:test";

import Medusa, { FetchError } from "@medusajs/js-sdk";

const baseUrl = requiredEnv("CHANNELD_URL");
const adminEmail = requiredEnv("CHANNELD_ADMIN_EMAIL");
const adminPassword = requiredEnv("CHANNELD_ADMIN_PASSWORD");

function requiredEnv(name) {
  const v = process.env[name];
  if (!v) {
    throw new Error(`${name} must be set`);
  }
  return v;
}

const run = randomBytes(4).toString("hex");

// The starter's field lists, verbatim (src/lib/data/products.ts, cart.ts, orders.ts,
// customer.ts), trailing comma included.
const PRODUCT_FIELDS = "*variants.calculated_price,+variants.inventory_quantity,*variants.images,+metadata,+tags,";
const CART_FIELDS =
  "*items, *region, *items.product, *items.variant, *items.thumbnail, *items.metadata, +items.total, *promotions, +shipping_methods.name";
const ORDER_FIELDS = "*payment_collections.payments,*items,*items.metadata,*items.variant,*items.product";
const ORDER_LIST_FIELDS = "*items,+items.metadata,*items.variant,*items.product";

// A client of channeld as the starter builds one; tokens stay in memory, outside a browser.
function client(publishableKey) {
  return new Medusa({ baseUrl, publishableKey, auth: { type: "jwt", jwtTokenStorageMethod: "memory" } });
}

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

// address is a shipping or billing address in Germany, as the starter's checkout form sends it.
const address = {
  first_name: "Ada",
  last_name: "Lovelace",
  address_1: "Unter den Linden 1",
  company: "",
  postal_code: "10117",
  city: "Berlin",
  country_code: "de",
  province: "",
  phone: "+49 30 000000",
};

describe("the Next.js starter's storefront journey", () => {
  const admin = client();
  let shopKey;
  let shop; // the storefront of the journey's channel
  let other; // a storefront of another channel
  let region;
  let product;
  let variant;
  let cart;
  let order;
  let customerOrder;
  const email = `ada-${run}@example.com`;
  const password = `journey-${run}`;

  before(async () => {
    await admin.auth.login("user", "emailpass", { email: adminEmail, password: adminPassword });
    const { sales_channel: channel } = await admin.admin.salesChannel.create({ name: `Journey web ${run}` });
    const { sales_channel: elsewhere } = await admin.admin.salesChannel.create({ name: `Journey other ${run}` });
    const key = async (title, channelID) => {
      const { api_key: k } = await admin.admin.apiKey.create({ title, type: "publishable" });
      await admin.admin.apiKey.batchSalesChannels(k.id, { add: [channelID] });
      return k.token;
    };
    shopKey = await key(`Journey web ${run}`, channel.id);
    shop = client(shopKey);
    other = client(await key(`Journey other ${run}`, elsewhere.id));

    ({ region } = await admin.admin.region.create({
      name: `Journey EU ${run}`,
      currency_code: "eur",
      countries: ["de"],
      payment_providers: ["pp_system_default"],
    }));
    const { product_tag: tag } = await admin.admin.productTag.create({ value: `lamps-${run}` });
    ({ product } = await admin.admin.product.create({
      title: `Journey lamp ${run}`,
      handle: `journey-lamp-${run}`,
      status: "published",
      thumbnail: "https://example.com/lamp.jpg",
      images: [{ url: "https://example.com/lamp.jpg" }, { url: "https://example.com/lamp-side.jpg" }],
      tags: [{ id: tag.id }],
      metadata: { material: "brass" },
      sales_channels: [{ id: channel.id }],
      options: [{ title: "Size", values: ["S"] }],
      variants: [{ title: "S", sku: `JOURNEY-${run}`, options: { Size: "S" }, prices: [{ currency_code: "eur", amount: 49.5 }] }],
    }));
    variant = product.variants[0];

    // Stock reaches the channel through its warehouse.
    const { stock_location: warehouse } = await admin.admin.stockLocation.create({ name: `Journey WH ${run}` });
    await admin.admin.stockLocation.updateSalesChannels(warehouse.id, { add: [channel.id] });
    const { inventory_items: items } = await admin.admin.inventoryItem.list({ sku: variant.sku });
    await admin.admin.inventoryItem.batchInventoryItemsLocationLevels({
      create: [{ inventory_item_id: items[0].id, location_id: warehouse.id, stocked_quantity: 10 }],
    });
  });

  test("regions", async () => {
    const { regions } = await shop.client.fetch("/store/regions", { method: "GET" });
    const mine = regions.find((r) => r.id === region.id);
    assert.ok(mine, "the region is listed");
    assert.equal(mine.currency_code, "eur");
    assert.deepEqual(mine.countries.map((c) => c.iso_2), ["de"]);
    const { region: one } = await shop.client.fetch(`/store/regions/${region.id}`, { method: "GET" });
    assert.equal(one.id, region.id);
  });

  test("product list", async () => {
    const { products, count } = await shop.client.fetch("/store/products", {
      method: "GET",
      query: { limit: 12, offset: 0, region_id: region.id, fields: PRODUCT_FIELDS },
    });
    assert.equal(count, 1, "the channel sells the lamp alone");
    const [p] = products;
    assert.equal(p.id, product.id);
    assert.equal(p.handle, `journey-lamp-${run}`);
    assert.equal(p.thumbnail, "https://example.com/lamp.jpg");
    assert.deepEqual(p.metadata, { material: "brass" });
    assert.deepEqual(p.tags.map((t) => t.value), [`lamps-${run}`]);
    assert.equal(p.variants.length, 1);
    const [v] = p.variants;
    assert.equal(v.calculated_price.calculated_amount, 49.5);
    assert.equal(v.calculated_price.currency_code, "eur");
    assert.equal(v.inventory_quantity, 10);
    assert.ok(Array.isArray(v.images), "variant images are a list");
  });

  test("product page", async () => {
    const { products } = await shop.client.fetch("/store/products", {
      method: "GET",
      query: { handle: `journey-lamp-${run}`, region_id: region.id, fields: PRODUCT_FIELDS },
    });
    assert.equal(products.length, 1);
    assert.equal(products[0].id, product.id);
    assert.deepEqual(products[0].images.map((i) => i.url), ["https://example.com/lamp.jpg", "https://example.com/lamp-side.jpg"]);
  });

  test("create cart", async () => {
    ({ cart } = await shop.store.cart.create({ region_id: region.id, locale: "en-GB" }));
    assert.equal(cart.region_id, region.id);
    assert.equal(cart.currency_code, "eur");
    assert.equal(cart.customer ?? null, null, "a guest's cart");
  });

  test("add line", async () => {
    ({ cart } = await shop.store.cart.createLineItem(cart.id, { variant_id: variant.id, quantity: 2 }));
    assert.equal(cart.items.length, 1);
    assert.equal(cart.items[0].variant_id, variant.id);
    assert.equal(cart.items[0].quantity, 2);

    const { cart: read } = await shop.client.fetch(`/store/carts/${cart.id}`, { method: "GET", query: { fields: CART_FIELDS } });
    assert.equal(read.region.id, region.id);
    assert.equal(read.items[0].product.id, product.id);
    assert.equal(read.items[0].variant.id, variant.id);
    assert.equal(read.items[0].total, 99);
    assert.deepEqual(read.promotions, []);
    assert.deepEqual(read.shipping_methods, []);
  });

  test("update cart with addresses and email", async () => {
    ({ cart } = await shop.store.cart.update(cart.id, {
      email: `guest-${run}@example.com`,
      shipping_address: address,
      billing_address: address,
    }));
    assert.equal(cart.email, `guest-${run}@example.com`);
    assert.equal(cart.shipping_address.city, "Berlin");
    assert.equal(cart.shipping_address.country_code, "de");
    assert.equal(cart.billing_address.postal_code, "10117");
  });

  test("payment collection and session", async () => {
    const { payment_providers: providers } = await shop.client.fetch("/store/payment-providers", {
      method: "GET",
      query: { region_id: region.id },
    });
    assert.deepEqual(providers.map((p) => p.id), ["pp_system_default"]);
    const { payment_collection: pc } = await shop.store.payment.initiatePaymentSession(cart, { provider_id: "pp_system_default" });
    assert.equal(pc.amount, 99);
    assert.deepEqual(pc.payment_sessions.map((s) => s.provider_id), ["pp_system_default"]);
  });

  test("complete", async () => {
    const done = await shop.store.cart.complete(cart.id);
    assert.equal(done.type, "order");
    order = done.order;
    assert.equal(order.total, 99);
    assert.equal(order.email, `guest-${run}@example.com`);
  });

  test("order page", async () => {
    const { order: page } = await shop.client.fetch(`/store/orders/${order.id}`, { method: "GET", query: { fields: ORDER_FIELDS } });
    assert.equal(page.id, order.id);
    assert.equal(page.items.length, 1);
    assert.equal(page.items[0].variant.id, variant.id);
    assert.equal(page.items[0].product.id, product.id);
    assert.equal(page.payment_collections.length, 1);
    assert.ok(Array.isArray(page.payment_collections[0].payments));
    assert.equal(page.shipping_address.city, "Berlin");
  });

  test("register", async () => {
    const token = await shop.auth.register("customer", "emailpass", { email, password });
    assert.equal(token.split(".").length, 3, "a JWT");
    const { customer } = await shop.store.customer.create({ email, first_name: "Ada", last_name: "Lovelace", phone: "" });
    assert.equal(customer.email, email);
    assert.equal(customer.has_account, true);
    assert.deepEqual(customer.addresses, []);
  });

  test("login", async () => {
    const token = await shop.auth.login("customer", "emailpass", { email, password });
    assert.equal(typeof token, "string");
    const wrong = await expectFetchError(client().auth.login("customer", "emailpass", { email, password: "not-it" }), 401);
    assert.equal(wrong.message, "Invalid email or password");
  });

  test("customer retrieve", async () => {
    const { customer } = await shop.client.fetch("/store/customers/me", { method: "GET", query: { fields: "*orders" } });
    assert.equal(customer.email, email);
    assert.deepEqual(customer.orders, [], "the guest order is not the customer's");
    await shop.store.customer.createAddress({ ...address, is_default_shipping: true });
    const { customer: withAddress } = await shop.store.customer.retrieve();
    assert.equal(withAddress.addresses[0].city, "Berlin");
  });

  test("customer orders", async () => {
    // A cart started as a guest passes to the customer who logs in, as the starter's
    // transferCart does after login, and its order is the customer's.
    const guest = client(shopKey);
    let { cart: next } = await guest.store.cart.create({ region_id: region.id });
    ({ cart: next } = await guest.store.cart.createLineItem(next.id, { variant_id: variant.id, quantity: 1 }));
    ({ cart: next } = await shop.store.cart.transferCart(next.id));
    assert.equal(next.email, email);
    ({ cart: next } = await shop.store.cart.update(next.id, { shipping_address: address, billing_address: address }));
    await shop.store.payment.initiatePaymentSession(next, { provider_id: "pp_system_default" });
    const done = await shop.store.cart.complete(next.id);
    customerOrder = done.order;

    const { orders, count } = await shop.client.fetch("/store/orders", {
      method: "GET",
      query: { limit: 10, offset: 0, order: "-created_at", fields: ORDER_LIST_FIELDS },
    });
    assert.equal(count, 1);
    assert.deepEqual(orders.map((o) => o.id), [customerOrder.id]);
    assert.equal(orders[0].items[0].variant.id, variant.id);
    assert.equal(orders[0].items[0].product.id, product.id);
    const { customer } = await shop.client.fetch("/store/customers/me", { method: "GET", query: { fields: "*orders" } });
    assert.deepEqual(customer.orders.map((o) => o.id), [customerOrder.id]);
  });

  test("a key of another channel sees none of it", async () => {
    const listed = await other.client.fetch("/store/products", {
      method: "GET",
      query: { limit: 12, offset: 0, region_id: region.id, fields: PRODUCT_FIELDS },
    });
    assert.equal(listed.count, 0);
    const byHandle = await other.client.fetch("/store/products", { method: "GET", query: { handle: `journey-lamp-${run}` } });
    assert.deepEqual(byHandle.products, []);
    await expectFetchError(other.store.product.retrieve(product.id), 404);
    await expectFetchError(other.store.cart.retrieve(cart.id), 404);
    await expectFetchError(other.client.fetch(`/store/orders/${order.id}`, { method: "GET", query: { fields: ORDER_FIELDS } }), 404);
    await expectFetchError(other.store.order.retrieve(customerOrder.id), 404);

    // The same customer, logged in through the other storefront, has no orders there.
    await other.auth.login("customer", "emailpass", { email, password });
    const { orders, count } = await other.client.fetch("/store/orders", {
      method: "GET",
      query: { limit: 10, offset: 0, order: "-created_at", fields: ORDER_LIST_FIELDS },
    });
    assert.equal(count, 0);
    assert.deepEqual(orders, []);
    const { customer } = await other.client.fetch("/store/customers/me", { method: "GET", query: { fields: "*orders" } });
    assert.deepEqual(customer.orders, []);
  });
});
