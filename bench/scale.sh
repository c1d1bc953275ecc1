#!/usr/bin/env bash
# The storefront at catalogue scale. For each engine, seeds a 1,000-product catalogue (the
# data set of shared/bench/medusa-anchor.md: 5 channels, a product in one, 2 variants) and a
# large one (PRODUCTS products over CHANNELS channels, each product in 1-20 of them with 2-5
# variants, base prices and stock at its channels' locations) with bench/scaleseed, serves
# each from a fresh channeld at 127.0.0.1 and runs wrk against /store/products with pages
# nobody asked just before (bench/wrk/varied.lua): plain over 5 keys, priced and stocked,
# and `q`; then the same page over and over (the page cache). It prints each figure of the
# large catalogue next to the 1,000-product figure of the same run, with the server's start
# to first answer and peak memory.
#
# Usage: bench/scale.sh [seconds]
# env: POSTGRES_URL  a postgres:// URL of a database where the script may drop and create the
#                    schemas scale_1k and scale_large (unset: SQLite only)
#      PRODUCTS (100000), CHANNELS (500), SCALE_DIR (keeps the SQLite files; default a
#      temporary folder), REUSE=1 (serve catalogues seeded by an earlier run as they are),
#      SEED_ONLY=1 (seed the catalogues into SCALE_DIR and stop: a later REUSE=1 run measures
#      them on a quiet machine), PORT, WRK_THREADS, WRK_CONNS, CHANNELD_BIN
set -euo pipefail

cd "$(dirname "$0")/.."
DURATION="${1:-20}"
PORT="${PORT:-9124}"
THREADS="${WRK_THREADS:-2}"
CONNS="${WRK_CONNS:-32}"
PRODUCTS="${PRODUCTS:-100000}"
CHANNELS="${CHANNELS:-500}"
BASE="http://127.0.0.1:${PORT}"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
work="$(mktemp -d)"
dir="${SCALE_DIR:-$work}"
mkdir -p "$dir" "$work/results"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

bin="${CHANNELD_BIN:-}"
if [ -z "$bin" ]; then
  bin="$work/channeld"
  go build -o "$bin" ./cmd/channeld
fi
go build -o "$work/scaleseed" ./bench/scaleseed

# url ENGINE SIZE prints the database URL of one catalogue.
url() {
  if [ "$1" = sqlite ]; then
    echo "$dir/scale-$2.db"
  else
    case "$POSTGRES_URL" in *\?*) sep='&' ;; *) sep='?' ;; esac
    echo "${POSTGRES_URL}${sep}search_path=scale_$2"
  fi
}

# seed ENGINE SIZE writes the catalogue (unless REUSE finds it) and its variables file.
seed() {
  local engine=$1 size=$2 db vars flags workers=1
  db="$(url "$engine" "$size")"
  vars="$dir/scale-$engine-$size.vars"
  if [ -n "${REUSE:-}" ] && [ -s "$vars" ]; then
    echo "seed time: reused" >"$work/results/$engine-$size.seed"
    return
  fi
  [ "$engine" = postgres ] && workers=3
  if [ "$size" = 1k ]; then
    flags="-products 1000 -channels 5"
  else
    flags="-products $PRODUCTS -channels $CHANNELS -per-location 10 -min-channels 1 -max-channels 20 -min-variants 2 -max-variants 5 -batch 1000"
  fi
  local start=$SECONDS
  # shellcheck disable=SC2086
  "$work/scaleseed" -reset -database-url "$db" -workers "$workers" $flags >"$vars"
  echo "seed time: $((SECONDS - start)) s" >"$work/results/$engine-$size.seed"
}

# load NAME wrk-arguments... runs a warm-up, then the measured run, and records req/s, p50, p99.
load() {
  local name=$1 out
  shift
  wrk -t"$THREADS" -c"$CONNS" -d3s "$@" >/dev/null
  out="$(wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --latency "$@")"
  printf '%s %s %s %s\n' "$name" \
    "$(echo "$out" | awk '/Requests\/sec/ {printf "%d", $2}')" \
    "$(echo "$out" | awk '$1 == "50%" {print $2}')" \
    "$(echo "$out" | awk '$1 == "99%" {print $2}')" >>"$results"
  if echo "$out" | grep -q "Non-2xx"; then
    echo "$name: $(echo "$out" | grep Non-2xx)" >&2
  fi
}

# serve ENGINE SIZE starts channeld on the catalogue, times its first answer, runs the loads
# and records the server's peak resident memory.
serve() {
  local engine=$1 size=$2 db start ms
  db="$(url "$engine" "$size")"
  results="$work/results/$engine-$size"
  : >"$results"
  # shellcheck disable=SC1090
  . "$dir/scale-$engine-$size.vars"
  start=$(date +%s%N)
  CHANNELD_LOG_LEVEL=warn CHANNELD_ADDR="127.0.0.1:${PORT}" "$bin" serve --database-url "$db" >"$work/server.log" 2>&1 &
  server_pid=$!
  until curl -fsS -o /dev/null -H "x-publishable-api-key: $KEY_0" "$BASE/store/products?limit=1" 2>/dev/null; do
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.005
  done
  ms=$((($(date +%s%N) - start) / 1000000))
  local keys="$KEY_0 $KEY_1 $KEY_2 $KEY_3 $KEY_4"
  local priced="&region_id=${REGION_ID}&fields=%2Bvariants.calculated_price,%2Bvariants.inventory_quantity"
  KEYS="$keys" load "plain" -s bench/wrk/varied.lua "$BASE"
  KEYS="$KEY_0" WRK_EXTRA="$priced" load "priced+stocked" -s bench/wrk/varied.lua "$BASE"
  KEYS="$keys" QTERMS="$QTERMS" OFFSET_MAX=0 load "q" -s bench/wrk/varied.lua "$BASE"
  KEY="$KEY_0" WRK_PATH="/store/products?limit=20" load "cached" -s bench/wrk/products.lua "$BASE"
  echo "start $ms" >>"$results"
  echo "rss $(awk '/VmHWM/ {printf "%d", $2 / 1024}' "/proc/$server_pid/status")" >>"$results"
  if grep -q '"level":"ERROR"' "$work/server.log"; then
    echo "server errors: $(grep -c '"level":"ERROR"' "$work/server.log")" >&2
  fi
  kill "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}

# field FILE NAME COLUMN prints one recorded value.
field() { awk -v n="$2" -v c="$3" '$1 == n {print $c}' "$1"; }

report() {
  local engine=$1 small="$work/results/$1-1k" large="$work/results/$1-large" s l
  echo
  echo "== $engine: 1,000 products x 5 channels vs $PRODUCTS products x $CHANNELS channels"
  printf '%-16s %26s %26s %9s\n' "scenario" "1k: req/s  p50  p99" "large: req/s  p50  p99" "1k/large"
  for name in plain priced+stocked q cached; do
    s=$(field "$small" "$name" 2)
    l=$(field "$large" "$name" 2)
    printf '%-16s %8s %8s %8s %8s %8s %8s %9s\n' "$name" "$s" "$(field "$small" "$name" 3)" "$(field "$small" "$name" 4)" \
      "$l" "$(field "$large" "$name" 3)" "$(field "$large" "$name" 4)" "$(awk -v a="$s" -v b="$l" 'BEGIN {printf "%.2f", a / b}')"
  done
  printf '%-16s %23s ms %23s ms\n' "start to answer" "$(field "$small" start 2)" "$(field "$large" start 2)"
  printf '%-16s %23s MB %23s MB\n' "peak RSS" "$(field "$small" rss 2)" "$(field "$large" rss 2)"
  printf '%-16s %26s %26s\n' "" "$(cat "$work/results/$engine-1k.seed")" "$(cat "$work/results/$engine-large.seed")"
}

engines="sqlite"
[ -n "${POSTGRES_URL:-}" ] && engines="sqlite postgres"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wrk -t${THREADS} -c${CONNS} -d${DURATION}s after a 3 s warm-up; pages: random key of 5, limit 10-30, offset 0-180"
for engine in $engines; do
  for size in 1k large; do
    seed "$engine" "$size"
    [ -n "${SEED_ONLY:-}" ] && { echo "$engine $size: $(cat "$work/results/$engine-$size.seed")"; continue; }
    serve "$engine" "$size"
  done
  [ -n "${SEED_ONLY:-}" ] && continue
  report "$engine"
done
