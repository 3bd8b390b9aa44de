#!/usr/bin/env bash
# Measures Rapport against the budgets of DESIGN §6 and prints one table.
#
#   benchmarks/run.sh [quick|full] [--no-build]
#
# quick (the default) finishes in under 5 minutes on two cores: one JMH fork, short warm-ups and
# measurements, 5 cold starts per engine, one replay, 100,000 journey customers. full is what
# docs/benchmarks.md reports: two forks, longer iterations, 11 cold starts, the replay three
# times, 1,000,000 journey customers (needs about 20 GiB of memory).
#
# What it runs, all from benchmarks/target/benchmarks.jar (built here with Maven):
#   - JMH NbaBenchmark: next best action, 20 and 1,000 rules, Rapport / Drools (reused and
#     stateless sessions) / Easy Rules / hand-written loop, in one JMH run (nba.json);
#   - the cold-start mains, each in fresh JVMs, and Rapport's again with the performance guide's
#     class-data-sharing archive (coldstart.txt);
#   - the replay of ../shared/data/online-retail/online-retail.csv.gz (replay.txt; skipped
#     when the file is absent);
#   - JMH JourneyBenchmark, TimerBenchmark (100,000 timeouts fired per measurement) and the
#     Footprint main (journey.json, timers.json, footprint.txt);
#   - JMH DurableJourneyBenchmark: the journeys' workload in memory, on an H2 file and on
#     PostgreSQL (embedded), in batches of 100,000 calls, 20,000 customers (quick) or 100,000
#     (full) (durable.json); its iterations last several of a batch's commits (one per 1.5 to 4
#     s), since an iteration that happens to hold one commit more than another measures that;
# then dev.rapport.benchmarks.report.Report prints the table. Everything lands in
# benchmarks/target/results/<mode>-<time>/. --no-build reuses the jar already built.
set -euo pipefail

mode=quick
build=yes
for arg in "$@"; do
  case "$arg" in
    quick | full) mode="$arg" ;;
    --no-build) build=no ;; # reuse benchmarks/target/benchmarks.jar as it is
    -h | --help)
      sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "usage: benchmarks/run.sh [quick|full] [--no-build]" >&2
      exit 2
      ;;
  esac
done

jmh_failed() {
  if grep -q 'Unable to acquire the JMH lock' "$1"; then
    echo "   another JMH run holds /tmp/jmh.lock (two at once would disturb each other):"
    echo "   nothing measured; run again once it is done"
  else
    echo "   JMH reported a failure: see $1"
  fi
}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
started=$(date +%s)
jar="benchmarks/target/benchmarks.jar"
data="$root/../shared/data/online-retail/online-retail.csv.gz"
out="benchmarks/target/results/$mode-$(date -u +%Y%m%dT%H%M%SZ)"

if [ "$mode" = quick ]; then
  jmh_nba=(-f 1 -wi 5 -w 1500ms -i 3 -r 1s -prof gc)
  cold_runs=5
  replay_runs=1
  journey_customers=100000
  jmh_journey=(-f 1 -wi 1 -w 2s -i 2 -r 1s -prof gc -jvmArgs "-Xms3g -Xmx3g")
  jmh_timers=(-f 1 -wi 2 -i 3 -prof gc)
  footprint_heap=-Xmx3g
  jmh_durable=(-p customers=20000 -f 1 -wi 1 -w 5s -i 2 -r 5s -prof gc)
else
  jmh_nba=(-f 2 -wi 8 -w 2s -i 5 -r 2s -prof gc)
  cold_runs=11
  replay_runs=3
  journey_customers=1000000
  jmh_journey=(-f 1 -wi 2 -w 5s -i 3 -r 5s -prof gc -jvmArgs "-Xms16g -Xmx16g")
  jmh_timers=(-f 2 -wi 3 -i 5 -prof gc)
  footprint_heap=-Xmx8g
  jmh_durable=(-p customers=100000 -f 1 -wi 1 -w 10s -i 3 -r 10s -prof gc)
fi

echo "== Rapport benchmarks ($mode)"
echo "date:    $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "commit:  $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet 2>/dev/null || echo ' (with local changes)')"
echo "jdk:     $(java -version 2>&1 | head -n 2 | tr '\n' ' ')"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || echo 'unknown CPU'), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo 2>/dev/null || echo '? GiB') memory"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown) (1, 5, 15 min) before the run"
echo

if [ "$build" = yes ]; then
  echo "== building (mvn -DskipTests package -pl benchmarks -am)"
  mvn -q -B -DskipTests package -pl benchmarks -am
elif [ ! -f "$jar" ]; then
  echo "--no-build, but there is no $jar: run without --no-build first" >&2
  exit 2
fi
mkdir -p "$out"

echo "== JMH: next best action (results in $out/nba.json)"
java -jar "$jar" 'dev.rapport.benchmarks.nba.NbaBenchmark' "${jmh_nba[@]}" \
  -rf json -rff "$out/nba.json" > "$out/nba.log" 2>&1 || jmh_failed "$out/nba.log"
grep -E '^NbaBenchmark' "$out/nba.log" | sed 's/^/   /' || true

echo "== cold start: $cold_runs fresh JVMs per engine"
: > "$out/coldstart.txt"
for engine in Rapport Drools EasyRules; do
  for _ in $(seq "$cold_runs"); do
    launch=$(date +%s%N)
    line=$(java -cp "$jar" "dev.rapport.benchmarks.nba.${engine}ColdStart" 2> "$out/coldstart-$engine.err" | grep '^coldstart ' || true)
    if [ -z "$line" ]; then
      echo "   $engine: no result, see $out/coldstart-$engine.err"
      continue
    fi
    decided=$(sed -E 's/.*decidedEpochNanos=([0-9]+).*/\1/' <<< "$line")
    echo "$line sinceLaunchNanos=$((decided - launch))" >> "$out/coldstart.txt"
  done
  echo "   $engine: $(grep -c "engine=$(tr '[:upper:]' '[:lower:]' <<< "$engine") " "$out/coldstart.txt") runs"
done
# the performance guide's class-data-sharing recipe: one run archives the classes, then fresh
# JVMs start from the archive (engine=rapport-cds in coldstart.txt)
java -XX:ArchiveClassesAtExit="$out/rapport-cds.jsa" -cp "$jar" \
  dev.rapport.benchmarks.nba.RapportColdStart > /dev/null 2> "$out/coldstart-cds.err" || true
for _ in $(seq "$cold_runs"); do
  launch=$(date +%s%N)
  line=$(java -XX:SharedArchiveFile="$out/rapport-cds.jsa" -Xshare:auto -cp "$jar" \
    dev.rapport.benchmarks.nba.RapportColdStart 2>> "$out/coldstart-cds.err" \
    | grep '^coldstart ' || true)
  [ -n "$line" ] || continue
  decided=$(sed -E 's/.*decidedEpochNanos=([0-9]+).*/\1/' <<< "$line")
  echo "${line/engine=rapport /engine=rapport-cds } sinceLaunchNanos=$((decided - launch))" \
    >> "$out/coldstart.txt"
done
echo "   Rapport with class-data sharing: $(grep -c 'engine=rapport-cds ' "$out/coldstart.txt") runs"

echo "== replay of the online-retail log ($replay_runs run(s))"
java -Xms2g -Xmx4g -cp "$jar" dev.rapport.benchmarks.retail.RetailReplay "$data" "$replay_runs" \
  > "$out/replay.txt" 2> "$out/replay.err" || echo "   replay failed: see $out/replay.err"
grep -E '^replay ' "$out/replay.txt" | sed -E 's/^/   /; s/ (records|anonymous|malformed|dispatches|decisions|timersFired|secondPurchaseEntered|winBackEntered)=[^ ]+//g' || true

echo "== journeys: JMH JourneyBenchmark with $journey_customers customers, and heap footprint"
java -jar "$jar" 'dev.rapport.benchmarks.JourneyBenchmark' -p customers="$journey_customers" \
  "${jmh_journey[@]}" -rf json -rff "$out/journey.json" > "$out/journey.log" 2>&1 \
  || jmh_failed "$out/journey.log"
grep -E '^JourneyBenchmark' "$out/journey.log" | sed 's/^/   /' || true
java -jar "$jar" 'dev.rapport.benchmarks.TimerBenchmark' "${jmh_timers[@]}" \
  -rf json -rff "$out/timers.json" > "$out/timers.log" 2>&1 || jmh_failed "$out/timers.log"
grep -E '^TimerBenchmark' "$out/timers.log" | sed 's/^/   /' || true
java "$footprint_heap" -cp "$jar" dev.rapport.benchmarks.Footprint "$journey_customers" \
  > "$out/footprint.txt" 2> "$out/footprint.err" || echo "   footprint failed: see $out/footprint.err"
grep -E '^footprint ' "$out/footprint.txt" | sed 's/^/   /' || true

echo "== durable state: JMH DurableJourneyBenchmark (memory, H2 file, PostgreSQL; batched)"
java -jar "$jar" 'dev.rapport.benchmarks.DurableJourneyBenchmark' \
  -p store=memory,h2-batch,postgresql-batch -p callsPerCommit=100000 "${jmh_durable[@]}" \
  -rf json -rff "$out/durable.json" > "$out/durable.log" 2>&1 || jmh_failed "$out/durable.log"
grep -E '^DurableJourneyBenchmark' "$out/durable.log" | sed 's/^/   /' || true

echo
echo "== results ($mode mode, $(( $(date +%s) - started )) s, files in $out)"
echo
java -cp "$jar" dev.rapport.benchmarks.report.Report "$out" | tee "$out/table.md"
