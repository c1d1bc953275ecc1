// Drives Medusa's admin dashboard, as channeld serves it at /app, in headless Chromium: a
// merchant logs in with email and password, opens every page they manage a store from, and
// sets up a channel from the pages: a new channel, a product added to it, a publishable key
// linked to it. A store request with that key then sees the product. A page fails the test
// when it shows the dashboard's error screen, or when any call it makes answers 5xx or a 4xx
// that is not allowed below. Screenshots of every page go to CHANNELD_SCREENSHOTS.
//
// Run with `node --test dashboard.test.mjs`; internal/sdktest starts the server and sets
// CHANNELD_URL, CHANNELD_ADMIN_EMAIL and CHANNELD_ADMIN_PASSWORD.

import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";

import { chromium } from "playwright-core";

const baseUrl = requiredEnv("CHANNELD_URL");
const adminEmail = requiredEnv("CHANNELD_ADMIN_EMAIL");
const adminPassword = requiredEnv("CHANNELD_ADMIN_PASSWORD");
const chromiumPath = process.env.CHANNELD_CHROMIUM || "/usr/bin/chromium";
const shots = process.env.CHANNELD_SCREENSHOTS || join(import.meta.dirname, "screenshots");

function requiredEnv(name) {
  const v = process.env[name];
  if (!v) {
    throw new Error(`${name} must be set`);
  }
  return v;
}

const run = randomBytes(3).toString("hex");

// The dashboard's error screen (its route error boundary), in English.
const ERROR_SCREEN =
  /An error occurred|An unexpected error occurred|There is no page at this address|Internal server error|Bad request/;

// Calls that may answer 4xx without the page being broken, each with its reason.
const ALLOWED_4XX = [
  // The login page asks who is logged in before anyone is, as on Medusa.
  { method: "GET", path: /^\/admin\/users\/me$/, status: 401, why: "asked before login" },
  // The login page asks whether Medusa Cloud login is on; a Medusa that is not on Medusa
  // Cloud has no such route either, and the page then shows the email form alone.
  { method: "GET", path: /^\/cloud\/auth$/, status: 404, why: "no Medusa Cloud" },
];

// api calls channeld with the admin's bearer token, for the data the pages show.
let token;
async function api(method, path, body, headers = {}) {
  const res = await fetch(baseUrl + path, {
    method,
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!res.ok) {
    throw new Error(`${method} ${path}: ${res.status} ${text}`);
  }
  return json;
}

// seed makes what the pages list: a region, a channel with a key, a product with a price and
// stock at a location that ships, and an order placed through the storefront.
async function seed() {
  token = (await api("POST", "/auth/user/emailpass", { email: adminEmail, password: adminPassword })).token;
  const me = (await api("GET", "/admin/users/me")).user;
  const region = (
    await api("POST", "/admin/regions", { name: `Europe ${run}`, currency_code: "eur", countries: ["de"], payment_providers: ["pp_system_default"] })
  ).region;
  const channel = (await api("POST", "/admin/sales-channels", { name: `Web ${run}` })).sales_channel;
  const key = (await api("POST", "/admin/api-keys", { title: `Web ${run}`, type: "publishable" })).api_key;
  await api("POST", `/admin/api-keys/${key.id}/sales-channels`, { add: [channel.id] });
  const location = (
    await api("POST", "/admin/stock-locations", {
      name: `Berlin ${run}`,
      address: { address_1: "Unter den Linden 1", city: "Berlin", country_code: "de" },
    })
  ).stock_location;
  await api("POST", `/admin/stock-locations/${location.id}/sales-channels`, { add: [channel.id] });
  // The location ships to Germany for 5 EUR.
  await api("POST", `/admin/stock-locations/${location.id}/fulfillment-providers`, { add: ["manual_manual"] });
  const set = (
    await api("POST", `/admin/stock-locations/${location.id}/fulfillment-sets?fields=*fulfillment_sets`, {
      name: `Berlin shipping ${run}`,
      type: "shipping",
    })
  ).stock_location.fulfillment_sets[0];
  const zone = (
    await api("POST", `/admin/fulfillment-sets/${set.id}/service-zones?fields=*service_zones`, {
      name: "Germany",
      geo_zones: [{ type: "country", country_code: "de" }],
    })
  ).fulfillment_set.service_zones[0];
  const profile = (await api("GET", "/admin/shipping-profiles?type=default")).shipping_profiles[0];
  await api("POST", "/admin/shipping-options", {
    name: `Standard ${run}`,
    service_zone_id: zone.id,
    shipping_profile_id: profile.id,
    provider_id: "manual_manual",
    price_type: "flat",
    type: { label: "Standard", description: "2-3 days", code: "standard" },
    prices: [{ currency_code: "eur", amount: 5 }],
    rules: [
      { attribute: "enabled_in_store", value: "true", operator: "eq" },
      { attribute: "is_return", value: "false", operator: "eq" },
    ],
  });
  const product = (
    await api("POST", "/admin/products", {
      title: `Shirt ${run}`,
      status: "published",
      options: [{ title: "Size", values: ["M"] }],
      variants: [{ title: "M", sku: `SHIRT-${run}`, options: { Size: "M" }, prices: [{ currency_code: "eur", amount: 25 }] }],
      sales_channels: [{ id: channel.id }],
    })
  ).product;
  // A product in no channel yet, for the merchant to add to a new channel from its page.
  const hat = (
    await api("POST", "/admin/products", {
      title: `Hat ${run}`,
      status: "published",
      options: [{ title: "Size", values: ["One"] }],
      variants: [{ title: "One", options: { Size: "One" }, manage_inventory: false, prices: [{ currency_code: "eur", amount: 15 }] }],
    })
  ).product;
  const variant = product.variants[0];
  const item = (await api("GET", `/admin/inventory-items?sku=SHIRT-${run}`)).inventory_items[0];
  await api("POST", `/admin/inventory-items/${item.id}/location-levels`, { location_id: location.id, stocked_quantity: 10 });

  const store = { "x-publishable-api-key": key.token };
  const cart = (
    await api("POST", "/store/carts", { region_id: region.id, email: "ada@example.com" }, store)
  ).cart;
  await api("POST", `/store/carts/${cart.id}/line-items`, { variant_id: variant.id, quantity: 2 }, store);
  const address = { first_name: "Ada", last_name: "Lovelace", address_1: "Unter den Linden 1", city: "Berlin", postal_code: "10117", country_code: "de" };
  await api("POST", `/store/carts/${cart.id}`, { shipping_address: address, billing_address: address }, store);
  const options = (await api("GET", `/store/shipping-options?cart_id=${cart.id}`, undefined, store)).shipping_options;
  await api("POST", `/store/carts/${cart.id}/shipping-methods`, { option_id: options[0].id }, store);
  const pc = (await api("POST", "/store/payment-collections", { cart_id: cart.id }, store)).payment_collection;
  await api("POST", `/store/payment-collections/${pc.id}/payment-sessions`, { provider_id: "pp_system_default" }, store);
  const done = await api("POST", `/store/carts/${cart.id}/complete`, {}, store);
  assert.equal(done.type, "order", JSON.stringify(done));
  return { me, region, channel, key, location, product, hat, order: done.order };
}

// launch starts headless Chromium with a fresh profile (Playwright passes it as
// --user-data-dir) and the flags a shared CI machine needs.
async function launch() {
  const profile = mkdtempSync(join(tmpdir(), "channeld-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 1440, height: 900 },
    locale: "en-US",
  });
  return { context, profile };
}

describe("Medusa's admin dashboard on channeld", () => {
  let context, page, data, profile;
  const failures = [];

  before(async () => {
    data = await seed();
    mkdirSync(shots, { recursive: true });
    ({ context, profile } = await launch());
    page = context.pages()[0] ?? (await context.newPage());
    watch(page);
  });

  // watch records, in failures, every call of p to channeld that fails and every page error.
  function watch(p) {
    p.on("response", (res) => {
      const url = new URL(res.url());
      if (url.origin !== new URL(baseUrl).origin || url.pathname.startsWith("/app")) {
        return;
      }
      const status = res.status();
      if (status < 400) {
        return;
      }
      const method = res.request().method();
      const allowed = ALLOWED_4XX.some((a) => a.method === method && a.path.test(url.pathname) && a.status === status);
      if (status >= 500 || !allowed) {
        res
          .text()
          .catch(() => "")
          .then((body) => failures.push(`${method} ${url.pathname}${url.search.slice(0, 120)} answered ${status} ${body.slice(0, 300)}`));
      }
    });
    p.on("pageerror", (err) => failures.push(`page error: ${err.message}`));
  }

  after(async () => {
    await context?.close();
    if (profile) {
      rmSync(profile, { recursive: true, force: true });
    }
  });

  // visit opens a page, waits for text it must show, fails on the error screen and keeps a
  // screenshot.
  async function visit(name, path, mustShow) {
    await page.goto(baseUrl + path);
    await settle(name, mustShow);
  }

  // settle waits for the page to show mustShow, keeps its screenshot, and fails on the error
  // screen or on any call that failed since the last page.
  async function settle(name, mustShow) {
    await page.waitForLoadState("networkidle");
    try {
      await page.getByText(mustShow, { exact: false }).first().waitFor({ timeout: 15000 });
    } finally {
      await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
      const body = await page.locator("body").innerText();
      const failed = failures.splice(0);
      assert.deepEqual(failed, [], `calls that failed on ${name}`);
      const m = ERROR_SCREEN.exec(body);
      assert.ok(!m, `${name} shows an error screen: ${JSON.stringify(body.slice(m?.index ?? 0, (m?.index ?? 0) + 200))}`);
    }
  }

  test("logs in with email and password", async () => {
    await page.goto(`${baseUrl}/app/login`);
    await page.locator('input[name="email"]').fill(adminEmail);
    await page.locator('input[name="password"]').fill(adminPassword);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(/\/app\/orders/, { timeout: 20000 });
    const cookies = await context.cookies();
    const sid = cookies.find((c) => c.name === "connect.sid");
    assert.ok(sid, "no session cookie after login");
    assert.equal(sid.httpOnly, true);
    await settle("orders", `#${data.order.display_id}`);
  });

  // Each page: its name, its path and a text it must show, both from the seeded data d.
  const pages = [
    ["order-detail", (d) => `/app/orders/${d.order.id}`, (d) => "Unter den Linden 1"],
    ["products", (d) => "/app/products", (d) => d.product.title],
    ["product-detail", (d) => `/app/products/${d.product.id}`, (d) => d.product.title],
    ["sales-channels", (d) => "/app/settings/sales-channels", (d) => d.channel.name],
    ["sales-channel-detail", (d) => `/app/settings/sales-channels/${d.channel.id}`, (d) => d.product.title],
    ["publishable-keys", (d) => "/app/settings/publishable-api-keys", (d) => d.key.title],
    ["publishable-key-detail", (d) => `/app/settings/publishable-api-keys/${d.key.id}`, (d) => d.channel.name],
    ["secret-keys", (d) => "/app/settings/secret-api-keys", (d) => "Secret API Keys"],
    ["locations", (d) => "/app/settings/locations", (d) => d.location.name],
    ["location-detail", (d) => `/app/settings/locations/${d.location.id}`, (d) => `Standard ${run}`],
    ["store", (d) => "/app/settings/store", (d) => "Store"],
    ["regions", (d) => "/app/settings/regions", (d) => d.region.name],
    ["region-detail", (d) => `/app/settings/regions/${d.region.id}`, (d) => d.region.name],
    ["inventory", (d) => "/app/inventory", (d) => `SHIRT-${run}`],
    ["users", (d) => "/app/settings/users", (d) => adminEmail],
    ["user-detail", (d) => `/app/settings/users/${d.me.id}`, (d) => adminEmail],
    ["roles", (d) => "/app/settings/roles", (d) => "Super Admin"],
    ["role-detail", (d) => "/app/settings/roles/role_super_admin", (d) => adminEmail],
  ];
  for (const [name, path, mustShow] of pages) {
    test(`renders ${name}`, async () => {
      await visit(name, path(data), mustShow(data));
    });
  }

  // selectRow ticks the checkbox of the table row that shows text, in the open modal.
  async function selectRow(text) {
    const row = page.getByRole("row").filter({ hasText: text });
    await row.first().waitFor({ timeout: 15000 });
    await row.first().getByRole("checkbox").click();
  }

  // A catalogue manager limited to the web channel logs in to the same dashboard in a browser
  // of their own: the pages show the web channel's products, orders and channel, and nothing
  // of a wholesale channel next to it.
  test("a channel-limited admin sees only its channel", async () => {
    const wholesale = (await api("POST", "/admin/sales-channels", { name: `Wholesale ${run}` })).sales_channel;
    const crate = (
      await api("POST", "/admin/products", {
        title: `Crate ${run}`,
        status: "published",
        options: [{ title: "Size", values: ["L"] }],
        variants: [{ title: "L", options: { Size: "L" }, manage_inventory: false, prices: [{ currency_code: "eur", amount: 90 }] }],
        sales_channels: [{ id: wholesale.id }],
      })
    ).product;
    const reads = [
      "product", "sales_channel", "order", "stock_location", "inventory_item", "api_key", "region", "store", "user", "customer",
      "notification", "product_tag", "product_type", "product_collection", "product_category", "rbac_role", "invite",
    ];
    const role = (
      await api("POST", "/admin/rbac/roles", {
        name: `Web manager ${run}`,
        policy_ids: [...reads.map((r) => `${r}:read`), "product:update", "invite:create", "user:create", "user:update", "rbac_role:update"],
      })
    ).role;
    const email = `web-${run}@example.com`;
    const password = `web-manager-${run}`;
    await api("POST", "/admin/users", { email, password, roles: [role.id], sales_channel_ids: [data.channel.id] });

    const manager = await launch();
    const managerContext = manager.context;
    const main = page;
    try {
      page = managerContext.pages()[0] ?? (await managerContext.newPage());
      watch(page);
      await page.goto(`${baseUrl}/app/login`);
      await page.locator('input[name="email"]').fill(email);
      await page.locator('input[name="password"]').fill(password);
      await page.getByRole("button", { name: "Continue" }).click();
      await page.waitForURL(/\/app\/orders/, { timeout: 20000 });
      await settle("limited-orders", `#${data.order.display_id}`);

      await visit("limited-products", "/app/products", data.product.title);
      assert.equal(await page.getByText(crate.title).count(), 0, "the manager sees the wholesale product");
      await visit("limited-sales-channels", "/app/settings/sales-channels", data.channel.name);
      assert.equal(await page.getByText(wholesale.name).count(), 0, "the manager sees the wholesale channel");
      // The wholesale product's page answers as a page of no product.
      await page.goto(`${baseUrl}/app/products/${crate.id}`);
      await page.waitForLoadState("networkidle");
      failures.splice(0);
      assert.equal(await page.getByText(crate.title).count(), 0, "the wholesale product's page shows it");

      // The manager invites a teammate with their own role from the users page; the invite,
      // made by an admin of the web channel alone, makes an admin of the web channel alone.
      const staff = `staff-${run}@example.com`;
      await visit("limited-invite", "/app/settings/users/invite", "Invite User");
      await page.locator('input[name="email"]').fill(staff);
      await page.getByPlaceholder("Select values").click();
      await page.getByRole("option", { name: role.name }).click();
      await page.locator('input[name="email"]').click(); // closes the list; Escape would ask to discard the form
      await page.getByRole("button", { name: "Send invite" }).click();
      await page.getByText(staff).first().waitFor({ timeout: 15000 });
      await settle("limited-invite-sent", staff);
      const invite = (await api("GET", `/admin/invites?email=${encodeURIComponent(staff)}&fields=id,token`)).invites[0];

      const teammate = await launch();
      try {
        page = teammate.context.pages()[0] ?? (await teammate.context.newPage());
        watch(page);
        await visit("invite-accept", `/app/invite?token=${invite.token}`, "Create account");
        const email = page.locator('input[name="email"]');
        if ((await email.inputValue()) === "") {
          await email.fill(staff);
        }
        await page.locator('input[name="first_name"]').fill("Sam");
        await page.locator('input[name="last_name"]').fill("Staff");
        await page.locator('input[name="password"]').fill(`staff-${run}-pw`);
        await page.locator('input[name="repeat_password"]').fill(`staff-${run}-pw`);
        await page.getByRole("button", { name: "Create account" }).click();
        await page.waitForURL(/\/app\/(orders|login)/, { timeout: 20000 }).catch(() => {});
        if (page.url().includes("/app/invite")) {
          await page.getByRole("link", { name: /log in|login/i }).first().click();
        }
        if (!page.url().includes("/app/orders")) {
          await page.goto(`${baseUrl}/app/login`);
          await page.locator('input[name="email"]').fill(staff);
          await page.locator('input[name="password"]').fill(`staff-${run}-pw`);
          await page.getByRole("button", { name: "Continue" }).click();
          await page.waitForURL(/\/app\/orders/, { timeout: 20000 });
        }
        failures.splice(0); // the invite page asks who is logged in before the account exists
        await visit("teammate-sales-channels", "/app/settings/sales-channels", data.channel.name);
        assert.equal(await page.getByText(wholesale.name).count(), 0, "the invited teammate sees the wholesale channel");
      } finally {
        await teammate.context.close();
        rmSync(teammate.profile, { recursive: true, force: true });
      }
    } finally {
      await managerContext.close();
      rmSync(manager.profile, { recursive: true, force: true });
      page = main;
    }
  });

  test("sets up a channel from the pages, and its key sees the product", async () => {
    const channelName = `App ${run}`;
    await visit("sales-channel-create", "/app/settings/sales-channels/create", "Create Sales Channel");
    await page.locator('input[name="name"]').fill(channelName);
    await page.locator('textarea[name="description"], input[name="description"]').first().fill("The mobile app");
    await page.getByRole("button", { name: "Save" }).click();
    await page.waitForURL(/\/app\/settings\/sales-channels\/sc_/, { timeout: 15000 });
    const channelId = page.url().match(/(sc_[0-9A-Z]+)/)[1];
    await settle("sales-channel-created", channelName);

    await visit("sales-channel-add-products", `/app/settings/sales-channels/${channelId}/add-products`, data.hat.title);
    await selectRow(data.hat.title);
    await page.getByRole("button", { name: "Save" }).click();
    await page.waitForURL(new RegExp(`/app/settings/sales-channels/${channelId}$`), { timeout: 15000 });
    await settle("sales-channel-with-product", data.hat.title);

    const keyTitle = `App key ${run}`;
    await visit("publishable-key-create", "/app/settings/publishable-api-keys/create", "Create Publishable API Key");
    await page.locator('input[name="title"]').fill(keyTitle);
    await page.getByRole("button", { name: /Save|Create|Publish/ }).first().click();
    await page.waitForURL(/\/app\/settings\/publishable-api-keys\/apk_/, { timeout: 15000 });
    const keyId = page.url().match(/(apk_[0-9A-Z]+)/)[1];
    await settle("publishable-key-created", keyTitle);

    await visit("publishable-key-add-channel", `/app/settings/publishable-api-keys/${keyId}/sales-channels`, channelName);
    await selectRow(channelName);
    await page.getByRole("button", { name: "Save" }).click();
    await page.waitForURL(new RegExp(`/app/settings/publishable-api-keys/${keyId}$`), { timeout: 15000 });
    await settle("publishable-key-with-channel", channelName);

    // The storefront, with the key the merchant made, sees the product they added and only it.
    const key = (await api("GET", `/admin/api-keys/${keyId}?fields=token`)).api_key;
    const res = await fetch(`${baseUrl}/store/products?fields=title`, { headers: { "x-publishable-api-key": key.token } });
    assert.equal(res.status, 200);
    const titles = (await res.json()).products.map((p) => p.title);
    assert.deepEqual(titles, [data.hat.title]);
  });

  test("logs out, and the session is over on the server", async () => {
    const sid = (await context.cookies()).find((c) => c.name === "connect.sid").value;
    await visit("before-logout", "/app/orders", `#${data.order.display_id}`);
    await page.getByText(adminEmail).last().click();
    await page.getByRole("menuitem", { name: "Log out" }).click();
    await page.waitForURL(/\/app\/login/, { timeout: 15000 });
    const res = await fetch(`${baseUrl}/admin/users/me`, { headers: { cookie: `connect.sid=${sid}` } });
    assert.equal(res.status, 401, "the old session cookie still opens the admin");
  });
});
