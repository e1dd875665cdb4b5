#!/usr/bin/env bash
# npm test — every tier, from a fresh clone: installs what is missing (npm dependencies; Debian's
# nats-server, postgresql and chromium for the console's browser tests), builds (the console too), type-checks every source and test file (jest only transpiles),
# then runs lint + unit tests, integration tests (real SQLite files,
# a real PostgreSQL and nats-server started by the test setup), and end-to-end tests (the built apps as
# processes on a real nats-server, driven over HTTP). Servers are started and stopped by the tests.
set -euo pipefail
cd "$(dirname "$0")/../.."
export NX_DAEMON=false NX_NO_CLOUD=true NX_SKIP_NX_CACHE=true FORCE_COLOR=0

if [[ ! -d node_modules/.bin ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  # npm install, not npm ci: npm 11 writes only this platform's optional bindings into the lockfile,
  # which npm ci then refuses as out of sync; install still honours every version the lock pins.
  echo "› installing npm dependencies"
  npm install --no-audit --no-fund
fi
bash tools/scripts/ensure-system-deps.sh nats postgres chromium

summary="$(mktemp -t hookrelay-tests.XXXXXX)"
export HOOKRELAY_TEST_SUMMARY_FILE="$summary"
trap 'rm -f "$summary"' EXIT

started=$SECONDS
status=0
echo "› build";                  npm run --silent build || status=1
echo "› type-check (+ tests)";   npx tsc -p tsconfig.json || status=1
echo "› lint + unit";            npx nx run-many -t lint test --parallel=2 --outputStyle=static || status=1
echo "› integration";            npx nx run-many -t integration --parallel=1 --outputStyle=static || status=1
echo "› end-to-end";             npx nx run-many -t e2e --parallel=1 --outputStyle=static || status=1

node -e '
  const lines = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").filter(Boolean);
  const sum = lines.map((l) => l.split(" ").map(Number)).reduce((a, r) => a.map((v, i) => v + r[i]), [0, 0, 0, 0]);
  console.log(`\n${lines.length} jest runs, ${sum[3]} suites failed to run`);
  console.log(`tests: ${sum[0]} passed, ${sum[1]} failed, ${sum[2]} skipped`);
' "$summary"
echo "took $((SECONDS - started))s"
exit $status
