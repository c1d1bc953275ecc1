// oracle.js writes golden.json: for every construct package validate offers, the message Medusa
// 2.21.2 answers for many inputs, computed by Medusa's own code (zod 4.2.0 and its zodValidator
// formatter, Node's qs for query strings). golden_test.go runs our schemas on the same inputs and
// expects the same messages, so the texts cannot drift from Medusa's without a failing test.
//
// It needs Medusa installed, which CI does not do; CI only reads the committed golden.json.
// To regenerate:
//
//	mkdir -p /tmp/medusa && cd /tmp/medusa && npm init -y && npm install @medusajs/medusa@2.21.2
//	cd <repository root>
//	MEDUSA_DIR=/tmp/medusa node internal/platform/validate/testdata/oracle.js \
//	  > internal/platform/validate/testdata/golden.json
//
// Every schema below has a twin of the same name in golden_test.go. Where Medusa has a helper
// (createOperatorMap, booleanString, applyAndAndOrOperators, the line-item body) the real one is
// used. NUL bytes and the length caps channeld adds to query strings are deliberate departures
// from Medusa and are tested elsewhere, so no input here contains them.
"use strict";

const path = require("path");

const dir = process.env.MEDUSA_DIR || process.cwd();
const lib = (p) => require(path.join(dir, "node_modules", p));
const { z } = lib("@medusajs/deps/dist/zod.js");
const { zodValidator } = lib("@medusajs/framework/dist/zod/zod-helpers.js");
const { createOperatorMap, createSelectParams } = lib("@medusajs/medusa/dist/api/utils/validators.js");
const { booleanString, applyAndAndOrOperators } = lib("@medusajs/medusa/dist/api/utils/common-validators/common.js");
const { StoreAddCartLineItem } = lib("@medusajs/medusa/dist/api/store/carts/validators.js");
const qs = lib("qs");

// normalizeQuery is Medusa's (framework/dist/http/utils/validate-query.js), which the module
// does not export. Keys nested deeper than two levels are left out of the inputs: Medusa
// answers them with a 500, channeld with a 400.
function normalizeQuery(query) {
  return Object.entries(query).reduce((acc, [key, val]) => {
    let normalized = val;
    if (Array.isArray(val) && val.length === 1 && typeof val[0] === "string") {
      normalized = val[0].split(",");
    }
    if (key.includes(".")) {
      const [parent, child] = key.split(".");
      acc[parent] = { ...(acc[parent] || {}), [child]: normalized };
    } else {
      acc[key] = normalized;
    }
    return acc;
  }, {});
}

// intString is createFindParams' offset and limit parameter, with the integer check channeld
// adds: parseInt on a non-empty string, then the number checks, then the default.
const intString = (def, bounds = (n) => n) =>
  z.preprocess((val) => (val && typeof val === "string" ? parseInt(val) : val),
    bounds(z.number().int()).optional().default(def));

const filters = z.object({
  q: z.string().optional(),
  id: z.union([z.string(), z.array(z.string())]).optional(),
  is_disabled: booleanString().optional(),
  created_at: createOperatorMap().optional(),
});

// Body schemas: the object each one names is validated as a whole request body.
const bodies = {
  string: z.object({ s: z.string() }),
  string_min_max: z.object({ s: z.string().min(2).max(4) }),
  number: z.object({ n: z.number() }),
  number_gt_lte: z.object({ n: z.number().gt(0).lte(10) }),
  number_gte_lt: z.object({ n: z.number().gte(-1.5).lt(2.5) }),
  int: z.object({ n: z.number().int() }),
  int_gt: z.object({ n: z.number().int().gt(0) }),
  int32: z.object({ n: z.number().int().gte(0).lte(2147483647) }),
  gt_int: z.object({ n: z.number().gt(0).int() }),
  optional_int: z.object({ n: z.number().int().optional() }),
  bool: z.object({ b: z.boolean() }),
  enum: z.object({ s: z.enum(["draft", "published"]) }),
  literal_string: z.object({ t: z.literal("fixed") }),
  literal_true: z.object({ t: z.literal(true) }),
  literal_number: z.object({ t: z.literal(1) }),
  optional: z.object({ s: z.string().optional() }),
  nullable: z.object({ s: z.string().nullable() }),
  nullish: z.object({ s: z.string().nullish() }),
  default: z.object({ n: z.number().default(5) }),
  array: z.object({ l: z.array(z.string()) }),
  array_min_max: z.object({ l: z.array(z.string()).min(1).max(2) }),
  array_int: z.object({ l: z.array(z.number().int()) }),
  array_enum: z.object({ l: z.array(z.enum(["a", "b"])) }),
  array_objects: z.object({ items: z.array(z.object({ variant_id: z.string(), quantity: z.number().int().gt(0) })) }),
  array_arrays: z.object({ l: z.array(z.array(z.string())) }),
  object: z.object({ a: z.object({ b: z.string(), c: z.number().optional() }) }),
  object_strict: z.object({ a: z.object({ b: z.string() }).strict() }),
  object_deep: z.object({ a: z.object({ b: z.object({ c: z.number().int().lte(10) }) }) }),
  record: z.object({ m: z.record(z.string(), z.unknown()) }),
  metadata: z.object({ m: z.record(z.string(), z.unknown()).nullish() }),
  any: z.object({ x: z.unknown() }),
  string_or_array: z.object({ id: z.union([z.string(), z.array(z.string())]) }),
  union_dirty: z.object({ id: z.union([z.string().min(2), z.number()]) }),
  union_all_dirty: z.object({ id: z.union([z.string().min(3), z.string().max(1)]) }),
  union_object: z.object({ a: z.union([z.object({ id: z.string() }).strict(), z.string()]) }),
  bool_string: z.object({ b: booleanString() }),
  several: z.object({ a: z.string(), b: z.number(), c: z.boolean(), d: z.array(z.string()) }),
  line_item: StoreAddCartLineItem,
  empty: z.object({}),
};

// Query schemas: a raw query string is parsed by qs and normalised as Medusa does.
const queries = {
  select: createSelectParams(),
  find: z
    .object({
      fields: z.string().optional(),
      offset: intString(0, (n) => n.gte(0)),
      limit: intString(20, (n) => n.gte(0).lte(1000)),
      order: z.string().optional(),
    })
    .merge(filters)
    .merge(applyAndAndOrOperators(filters)),
};

// Values of every JSON kind, given as JSON text so that the Go side parses the same bytes.
const values = [
  "0", "1", "-1", "-0", "1.0", "1.5", "-2.5", "2147483647", "2147483648", "-2147483649",
  "9007199254740991", "9007199254740993", "1e21", "1.5e21", "1e300", "1e400", "1e-7",
  '""', '"x"', '"ab"', '"true"', '"1"', '"draft"', '"fixed"', "true", "false", "null",
  "{}", '{"a":1}', '{"id":"x"}', "[]", '["a"]', '["a","b"]', "[1,[2,3]]", "[null]", '[{"a":1}]', '[["a"]]',
];

// Extra bodies per schema, beyond each value in its one field and the field left out.
const extra = {
  string: ['{"s":"x","foo":1}', '{"foo":1,"s":2,"bar":3}', '{"s":"x","b":1,"2":1,"1":1}', '{"zed":1}'],
  array_objects: [
    '{"items":[{"variant_id":"v","quantity":1}]}',
    '{"items":[{"variant_id":"v","quantity":1},{"variant_id":1,"quantity":"2"}]}',
    '{"items":[{"quantity":0}]}',
    '{"items":[{"variant_id":"v","quantity":1.5}]}',
    '{"items":[{"variant_id":"v","quantity":1,"extra":true}]}',
    '{"items":[1,"x",null]}',
  ],
  array: ['{"l":["a",1,"b",null]}', '{"l":[1,2,3,4]}'],
  array_min_max: ['{"l":[1]}', '{"l":[1,2,3]}', '{"l":["a","b","c"]}'],
  array_arrays: ['{"l":[["a"],[1]]}', '{"l":[["a"],"b"]}'],
  object: ['{"a":{"b":"x","c":1,"d":2}}', '{"a":{"b":1}}', '{"a":{"c":"x"}}', '{"a":{"b":"x","c":1.5}}'],
  object_strict: ['{"a":{"b":"x","d":2}}', '{"a":{"d":2}}'],
  object_deep: ['{"a":{"b":{"c":11}}}', '{"a":{"b":{"c":"x"}}}', '{"a":{"b":{}}}', '{"a":{"b":[]}}', '{"a":{"b":{"c":1.5}}}'],
  record: ['{"m":{"a":{"b":[1,{"c":null}]}}}'],
  union_object: ['{"a":{"id":1}}', '{"a":{"id":"x","b":1}}', '{"a":{}}'],
  several: [
    '{"a":1,"b":"x","c":null,"d":[1],"e":1}',
    '{"e":1,"a":"x","b":1,"c":true,"d":[]}',
    '{"a":"x","b":1,"c":true,"d":[1,2,3,4]}',
  ],
  line_item: [
    '{"variant_id":"v","quantity":2,"metadata":{"k":"v"}}',
    '{"variant_id":"v","quantity":0}',
    '{"variant_id":"v","quantity":-1,"metadata":[]}',
    '{"quantity":1}',
    '{"variant_id":"v","quantity":1,"foo":1}',
  ],
  empty: ['{"a":1}', '{"b":1,"a":2}'],
};

// Whole bodies that are not objects.
const topLevel = ["[]", '["a"]', '"x"', "1", "true", "null"];

const queryInputs = {
  select: ["", "fields=a,b", "fields[]=a", "fields[]=a,b", "fields=a&fields=b", "fields[a]=b", "foo=1", "fields=a&foo=1&bar=2"],
  find: [
    "", "limit=abc", "limit=", "limit=12abc", "limit=%2012", "limit=0x10", "limit=-1", "limit=1001", "limit=1000",
    "limit=1.5", "limit=1e3", "limit[]=1", "limit[]=a", "limit=1&limit=2", "limit[a]=1", "offset=-0",
    "offset=99999999999999999999", "offset=-99999999999999999999", "offset=%2B3", "offset=Infinity",
    "fields=a,b", "fields[]=a", "fields=a&fields=b", "order=-created_at", "order[]=a,b", "order[a]=b",
    "q=x", "q=", "q[]=x", "q[a]=x", "q=a&q=b",
    "id=a", "id=a,b", "id[]=a,b", "id[]=a&id[]=b", "id[a]=b", "id[0][a]=b", "id[]=a&id[1][b]=c",
    "is_disabled=TRUE", "is_disabled=false", "is_disabled=yes", "is_disabled=", "is_disabled[]=true",
    "is_disabled[]=true&is_disabled[]=x", "is_disabled[a]=1",
    "created_at=x", "created_at[]=x", "created_at[]=x&created_at[]=y", "created_at[$gt]=x", "created_at[$gt][]=x",
    "created_at[$gt][]=x&created_at[$gt][]=y", "created_at[$in]=x", "created_at[$in][]=x", "created_at[$eq][]=a&created_at[$eq][]=b",
    "created_at[$foo]=x", "created_at[$gt][a]=b", "created_at[$in][a]=b", "created_at[a][b]=c", "created_at.$lt=x",
    "$and[0][q]=x", "$and[0][q][]=x", "$and[0][q][]=x&$and[0][q][]=y", "$and=x", "$and[0]=x", "$and[]=x",
    "$or[0][id][a]=b", "$and[0][foo]=1", "$or[1][is_disabled]=maybe", "$and[0][created_at][$gt][a]=1",
    "foo=1", "zz=1&foo=2", "zz=1&b=2&0=c", "limit=abc&offset=x&foo=1&q[]=x", "limit=abc&q[]=x&id[a]=1&offset=-1",
    "id.x=1", "q.x=1", "limit=5&offset=10&fields=id&order=id&q=a&id=b&is_disabled=true&created_at[$gte]=2024",
  ],
};

async function message(schema, input) {
  try {
    await zodValidator(schema, input);
    return null;
  } catch (e) {
    if (!String(e.message).startsWith("Invalid request: ")) throw e;
    return e.message;
  }
}

async function main() {
  const cases = [];
  for (const [name, schema] of Object.entries(bodies)) {
    const key = Object.keys(schema.shape)[0];
    const inputs = key === undefined ? [] : ["{}", ...values.map((v) => `{"${key}":${v}}`)];
    if (name === "string") inputs.push(...topLevel);
    inputs.push(...(extra[name] || []));
    for (const body of inputs) {
      cases.push({ schema: name, body, message: await message(schema, JSON.parse(body)) });
    }
  }
  for (const [name, schema] of Object.entries(queries)) {
    for (const query of queryInputs[name]) {
      const parsed = normalizeQuery(qs.parse(query, { arrayLimit: Infinity }));
      cases.push({ schema: name, query, message: await message(schema, parsed) });
    }
  }
  const lines = cases.map((c) => "  " + JSON.stringify(c));
  const pkg = (p) => lib(p + "/package.json").version;
  process.stdout.write(
    `{"medusa": ${JSON.stringify(pkg("@medusajs/medusa"))}, "zod": ${JSON.stringify(pkg("zod"))}, "cases": [\n` +
      lines.join(",\n") + "\n]}\n");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
