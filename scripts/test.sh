#!/usr/bin/env bash
# Installs what is missing, builds every variant and runs every test:
#   1. unit and CLI tests (GoogleTest via ctest) on the release build
#   2. the same suite under AddressSanitizer + UndefinedBehaviorSanitizer
#   3. the same suite under ThreadSanitizer (the executor, the upload pool, validate's read-ahead,
#      and, through the CLI tests, generate's size pilot, progress and interrupt threads)
#   4. end-to-end tests: real runs read back by DuckDB and other readers, and the data quality gate
#   5. the S3, stream, Kafka and webhook end-to-end tests again with the ASan+UBSan binary
# Prints how long each stage took at the end (also when a stage fails), so a slower change shows.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

stage_names=() stage_seconds=() current_stage="" started=$SECONDS
print_stage_times() {
  local status=$?
  echo
  echo "== stage times (seconds)"
  local i
  for i in "${!stage_names[@]}"; do printf '  %-52s %5d\n' "${stage_names[$i]}" "${stage_seconds[$i]}"; done
  [ -z "$current_stage" ] || printf '  %-52s %5d  (failed)\n' "$current_stage" $((SECONDS - stage_started))
  printf '  %-52s %5d\n' "total" $((SECONDS - started))
  return $status
}
trap print_stage_times EXIT
# stage NAME COMMAND...: runs one stage and records its wall time.
stage() {
  current_stage=$1 stage_started=$SECONDS
  echo "== $1"
  shift
  "$@"
  stage_names+=("$current_stage") stage_seconds+=($((SECONDS - stage_started)))
  current_stage=""
}

stage "install dependencies" scripts/install-deps.sh

stage "release build" scripts/build.sh release
stage "release: unit and CLI tests" ctest --test-dir build --output-on-failure -j2

# Peak-memory comparisons are meaningless under the sanitizers' shadow memory.
stage "ASan+UBSan build" scripts/build.sh asan fraudgen fraudgen_tests
stage "ASan+UBSan: unit and CLI tests" env ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j2 -E 'PeakMemory'

stage "TSan build" scripts/build.sh tsan fraudgen_tests
# Without the tampering tests (each validates a copy of a dataset with one value changed, the same
# threads as the clean-dataset tests that stay) and without the suites of single-threaded code
# (formats, encodings, reference data, rules, one customer's simulation: no thread to race).
# Release and ASan run them all; a new suite runs under TSan unless it is listed here.
single_threaded='AliasTable|BufferMemory|ByteSize|CivilTime|Rng|Text|ValueWriter|ColumnBatch|Compressor|Csv|Jsonl'
single_threaded+='|Parquet|ParquetThrift|RleHybrid|RleHybridReader|RunIdentity|S3Credentials|S3Location|S3Options|S3Xml'
single_threaded+='|ShardSpec|Calibration|Customer|FraudPlan|FraudTypes|History|Inflows|RadixSort|ReferenceData|RiskRules'
single_threaded+='|Timeline|Documents|RideFare|RideGeography|RideReference|RideWeather|ZoneConditions|EventLine|Pacer'
single_threaded+='|SortedWindow|WebhookSignature|WebhookUrl|TextRules|PostgresTarget|PostgresDdl'
single_threaded+='|Report|Partitioning'
# RidesValidate.CleanAll... checks rows on one thread; validate's read-ahead thread runs under TSan in
# Validate.*, and the threads of a --type all run in Executor.RidesAndBanking... and RideStream.*.
stage "TSan: unit and CLI tests" env TSAN_OPTIONS=halt_on_error=1 \
  ctest --test-dir build-tsan --output-on-failure -j2 -E "PeakMemory|Tampered|RidesValidate\\.CleanAll|^($single_threaded)\\."

stage "end-to-end and quality gate" env FRAUDGEN_BIN="$root/build/fraudgen" tests/e2e/run.sh
# The network paths (S3, the stream's stdout, Kafka and webhook sinks) once more with the
# sanitized binary: their threads, retries and summaries are where the unit tests reach least.
# Tests of data equality and of error wording whose code the sanitized unit tests reach run in the
# release pass only (FRAUDGEN_E2E_SANITIZED, tests/e2e/lib.mjs).
stage "ASan+UBSan: end-to-end of S3 and the stream targets" env FRAUDGEN_BIN="$root/build-asan/fraudgen" FRAUDGEN_E2E_SANITIZED=1 \
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  tests/e2e/run.sh s3.test.mjs stream.test.mjs kafka.test.mjs webhook.test.mjs
