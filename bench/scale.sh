#!/usr/bin/env bash
# The storefront at catalogue scale. For each engine, seeds a 1,000-product catalogue (the
# data set of shared/bench/medusa-anchor.md: 5 channels, a product in one, 2 variants) and a
# large one (PRODUCTS products over CHANNELS channels, each product in 1-20 of them with 2-5
# variants, base prices and stock at its channels' locations) with bench/scaleseed, serves
# both at once from two fresh channelds at 127.0.0.1 (PORT and PORT+1) and runs wrk against
# /store/products with pages nobody asked just before (bench/wrk/varied.lua): plain over 5
# keys, priced and stocked, and `q`; then the same page over and over (the page cache). Each
# scenario runs on the 1,000-product catalogue and right after on the large one, so load from
# elsewhere on the machine weighs on both figures of a row alike. It prints each figure of
# the large catalogue next to the 1,000-product figure, with each server's start to first
# answer and peak memory.
#
# Usage: bench/scale.sh [seconds]
# env: POSTGRES_URL  a postgres:// URL of a database where the script may drop and create the
#                    schemas scale_1k and scale_large (unset: SQLite only)
#      PRODUCTS (100000), CHANNELS (500), SCALE_DIR (keeps the SQLite files; default a
#      temporary folder), REUSE=1 (serve catalogues seeded by an earlier run as they are),
#      SEED_ONLY=1 (seed the catalogues into SCALE_DIR and stop: a later REUSE=1 run measures
#      them on a quiet machine), ENGINES ("sqlite postgres": the engines to run), PORT,
#      WRK_THREADS, WRK_CONNS, CHANNELD_BIN
set -euo pipefail

cd "$(dirname "$0")/.."
DURATION="${1:-20}"
PORT="${PORT:-9124}"
THREADS="${WRK_THREADS:-2}"
CONNS="${WRK_CONNS:-32}"
PRODUCTS="${PRODUCTS:-100000}"
CHANNELS="${CHANNELS:-500}"
BASE_HOST=127.0.0.1

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
work="$(mktemp -d)"
dir="${SCALE_DIR:-$work}"
mkdir -p "$dir" "$work/results"
declare -A pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
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

# load SIZE NAME wrk-arguments... runs a warm-up, then the measured run against the server of
# one catalogue, and records req/s, p50, p99, the mean response size in KB and the server's
# CPU time per request in ms (user and system), a figure that other load on the machine
# disturbs far less than req/s.
load() {
  local size=$1 name=$2 out
  shift 2
  wrk -t"$THREADS" -c"$CONNS" -d3s "$@" "$(base "$size")" >/dev/null
  local cpu0 cpu1
  cpu0=$(cputicks "${pids[$size]}")
  out="$(wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --latency "$@" "$(base "$size")")"
  cpu1=$(cputicks "${pids[$size]}")
  printf '%s %s %s %s %s %s\n' "$name" \
    "$(echo "$out" | awk '/Requests\/sec/ {printf "%d", $2}')" \
    "$(echo "$out" | awk '$1 == "50%" {print $2}')" \
    "$(echo "$out" | awk '$1 == "99%" {print $2}')" \
    "$(echo "$out" | awk '/requests in/ {v = $5; u = substr(v, length(v) - 1); v += 0
      m = u == "GB" ? 1048576 : u == "MB" ? 1024 : u == "KB" ? 1 : 1 / 1024; printf "%.1f", v * m / $1}')" \
    "$(echo "$out" | awk -v t=$((cpu1 - cpu0)) -v hz="$(getconf CLK_TCK)" '/requests in/ {printf "%.3f", t * 1000 / hz / $1}')" \
    >>"$work/results/$engine-$size"
  if echo "$out" | grep -q "Non-2xx"; then
    echo "$size $name: $(echo "$out" | grep Non-2xx)" >&2
  fi
}

# cputicks PID prints the CPU time a process has used, in clock ticks.
cputicks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# base SIZE prints the address of the server of one catalogue.
base() {
  if [ "$1" = 1k ]; then echo "http://127.0.0.1:${PORT}"; else echo "http://127.0.0.1:$((PORT + 1))"; fi
}

# start ENGINE SIZE starts channeld on the catalogue and times its first answer.
start() {
  local engine=$1 size=$2 db t0 pid
  db="$(url "$engine" "$size")"
  : >"$work/results/$engine-$size"
  # shellcheck disable=SC1090
  . "$dir/scale-$engine-$size.vars"
  t0=$(date +%s%N)
  CHANNELD_LOG_LEVEL=warn CHANNELD_ADDR="${BASE_HOST}:$(base "$size" | cut -d: -f3)" "$bin" serve --database-url "$db" >"$work/server-$size.log" 2>&1 &
  pid=$!
  pids[$size]=$pid
  until curl -fsS -o /dev/null -H "x-publishable-api-key: $KEY_0" "$(base "$size")/store/products?limit=1" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/server-$size.log" >&2; exit 1; }
    sleep 0.005
  done
  echo "start $((($(date +%s%N) - t0) / 1000000))" >>"$work/results/$engine-$size"
}

# stop ENGINE SIZE records the server's peak resident memory and stops it.
stop() {
  local engine=$1 size=$2 pid=${pids[$2]}
  echo "rss $(awk '/VmHWM/ {printf "%d", $2 / 1024}' "/proc/$pid/status")" >>"$work/results/$engine-$size"
  if grep -q '"level":"ERROR"' "$work/server-$size.log"; then
    echo "$size server errors: $(grep -c '"level":"ERROR"' "$work/server-$size.log")" >&2
  fi
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  unset "pids[$size]"
}

# measure ENGINE serves both catalogues at once and runs each scenario on the 1,000-product
# catalogue and then on the large one, so that what else the machine runs weighs on both
# figures of a row alike. Each catalogue's server is started alone, so its start is timed on
# a quiet server.
measure() {
  engine=$1
  local size
  start "$engine" 1k
  start "$engine" large
  for scenario in plain priced+stocked q cached; do
    for size in 1k large; do
      # shellcheck disable=SC1090
      . "$dir/scale-$engine-$size.vars"
      local keys="$KEY_0 $KEY_1 $KEY_2 $KEY_3 $KEY_4"
      case $scenario in
      plain) KEYS="$keys" load "$size" plain -s bench/wrk/varied.lua ;;
      priced+stocked)
        KEYS="$KEY_0" WRK_EXTRA="&region_id=${REGION_ID}&fields=%2Bvariants.calculated_price,%2Bvariants.inventory_quantity" \
          load "$size" priced+stocked -s bench/wrk/varied.lua ;;
      q) KEYS="$keys" QTERMS="$QTERMS" OFFSET_MAX=0 load "$size" q -s bench/wrk/varied.lua ;;
      cached) KEY="$KEY_0" WRK_PATH="/store/products?limit=20" load "$size" cached -s bench/wrk/products.lua ;;
      esac
    done
  done
  stop "$engine" 1k
  stop "$engine" large
}

# field FILE NAME COLUMN prints one recorded value.
field() { awk -v n="$2" -v c="$3" '$1 == n {print $c}' "$1"; }

report() {
  local engine=$1 small="$work/results/$1-1k" large="$work/results/$1-large" s l
  echo
  echo "== $engine: 1,000 products x 5 channels vs $PRODUCTS products x $CHANNELS channels"
  echo "   (req/s, p50, p99, mean KB per response, server CPU ms per request; ratios small/large)"
  printf '%-15s %38s %38s %6s %6s\n' "scenario" "1k: req/s  p50  p99  KB  cpu" "large: req/s  p50  p99  KB  cpu" "req/s" "cpu"
  for name in plain priced+stocked q cached; do
    s=$(field "$small" "$name" 2)
    l=$(field "$large" "$name" 2)
    printf '%-15s %6s %8s %8s %6s %6s  %6s %8s %8s %6s %6s %6s %6s\n' "$name" \
      "$s" "$(field "$small" "$name" 3)" "$(field "$small" "$name" 4)" "$(field "$small" "$name" 5)" "$(field "$small" "$name" 6)" \
      "$l" "$(field "$large" "$name" 3)" "$(field "$large" "$name" 4)" "$(field "$large" "$name" 5)" "$(field "$large" "$name" 6)" \
      "$(awk -v a="$s" -v b="$l" 'BEGIN {printf "%.2f", a / b}')" \
      "$(awk -v a="$(field "$small" "$name" 6)" -v b="$(field "$large" "$name" 6)" 'BEGIN {printf "%.2f", b / a}')"
  done
  printf '%-15s %35s ms %35s ms\n' "start to answer" "$(field "$small" start 2)" "$(field "$large" start 2)"
  printf '%-15s %35s MB %35s MB\n' "peak RSS" "$(field "$small" rss 2)" "$(field "$large" rss 2)"
  printf '%-15s %38s %38s\n' "" "$(cat "$work/results/$engine-1k.seed")" "$(cat "$work/results/$engine-large.seed")"
}

engines="sqlite"
[ -n "${POSTGRES_URL:-}" ] && engines="sqlite postgres"
engines="${ENGINES:-$engines}"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wrk -t${THREADS} -c${CONNS} -d${DURATION}s after a 3 s warm-up; pages: random key of 5, limit 10-30, offset 0-180"
for engine in $engines; do
  for size in 1k large; do
    seed "$engine" "$size"
    echo "$engine $size: $(cat "$work/results/$engine-$size.seed")" >&2
  done
  [ -n "${SEED_ONLY:-}" ] && continue
  measure "$engine"
  report "$engine"
done
