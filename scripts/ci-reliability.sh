#!/usr/bin/env bash
# CI steps of the reliability work (issue 8) that are not part of the jest passes. The reliability e2e
# suites themselves (test/reliability: multi-instance, authorization matrix, hostile input, crash safety,
# security) run inside the normal jest passes, once on SQLite and once on PostgreSQL.
#
# Here: the benchmark harness in smoke mode (tiny data, ~1 s per case and server, a 3 s soak), so it
# cannot rot: every case of bench/cases.ts (events included) against the hub and the reference server.
# It fails only when the harness breaks (a server does not start, errors or non-2xx answers), never on
# the numbers: load tests on a shared 2-core machine are too noisy to gate on.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build >/dev/null
node dist/bench/run.js --smoke
# and the framework-floor probe (bare node:http, Express, minimal Nest), one short run each
node dist/bench/floor.js --runs 1 --duration 1
