#!/usr/bin/env bash
# Benchmarks the storefront hot path: serves channeld at 127.0.0.1 on a fresh SQLite file (or
# on the PostgreSQL database in env DATABASE_URL), seeds the data set (bench/lib.sh) and runs
# wrk against /store/products: plain, priced, with five keys rotating, priced and stocked;
# then channel prices (bench/chanprices: every product in every channel, priced per channel in
# eur, usd and gbp, channel 0 inheriting usd from channel 1), the same page over and over
# (cached) and a different page on every request (bench/wrk/varied.lua, uncached).
# Usage: bench/run.sh [seconds]   (env PORT, PRODUCTS, WRK_THREADS, WRK_CONNS, DATABASE_URL,
# CHANNELD_BIN)
set -euo pipefail

cd "$(dirname "$0")/.."
DURATION="${1:-20}s"
PORT="${PORT:-9123}"
THREADS="${WRK_THREADS:-2}"
CONNS="${WRK_CONNS:-32}"

# shellcheck source=bench/lib.sh
. bench/lib.sh
echo "engine: $engine, wrk -t${THREADS} -c${CONNS} -d${DURATION}"

bench() {
  echo "== $1"
  KEY="$KEY_0" WRK_PATH="$2" wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency \
    -s bench/wrk/products.lua "$BASE"
}

bench "store products, limit 20" "/store/products?limit=20"
bench "store products, limit 20, priced" \
  "/store/products?limit=20&region_id=${REGION_ID}&fields=%2Bvariants.calculated_price"

echo "== store products, limit 20, 5 keys rotating"
KEYS="$KEY_0 $KEY_1 $KEY_2 $KEY_3 $KEY_4" WRK_PATH="/store/products?limit=20" \
  wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -s bench/wrk/products.lua "$BASE"

bench "store products, limit 20, priced and stocked" \
  "/store/products?limit=20&region_id=${REGION_ID}&fields=%2Bvariants.calculated_price,%2Bvariants.inventory_quantity"

go build -o "$work/chanprices" ./bench/chanprices
"$work/chanprices" -url "$BASE" -channels "$CHANNEL_0 $CHANNEL_1 $CHANNEL_2 $CHANNEL_3 $CHANNEL_4"

# varied NAME EXTRA runs wrk with key 0 asking a page nobody asked just before, EXTRA appended.
varied() {
  echo "== $1"
  KEYS="$KEY_0" WRK_EXTRA="$2" wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency \
    -s bench/wrk/varied.lua "$BASE"
}

priced="fields=%2Bvariants.calculated_price"
bench "channel prices, limit 20, cached, eur overrides" "/store/products?limit=20&${priced}"
bench "channel prices, limit 20, cached, inherited usd" "/store/products?limit=20&currency_code=usd&${priced}"
varied "channel prices, uncached, unpriced" ""
varied "channel prices, uncached, eur overrides" "&${priced}"
varied "channel prices, uncached, inherited usd" "&currency_code=usd&${priced}"
# again, as the first uncached run also warms the server and the database's cache up
varied "channel prices, uncached, unpriced, again" ""

server_errors
