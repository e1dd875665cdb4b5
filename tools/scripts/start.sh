#!/usr/bin/env bash
# npm start — one command from a fresh clone to a running platform on the embedded defaults:
# installs what is missing (npm dependencies, Debian's nats-server), builds (the apps and the web console), then starts a local
# nats-server with JetStream and the four apps on SQLite (./data), and prints the gateway URL and an API key.
# Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [[ ! -d node_modules/.bin ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  # npm install, not npm ci: npm 11 writes only this platform's optional bindings into the lockfile,
  # which npm ci then refuses as out of sync; install still honours every version the lock pins.
  echo "› installing npm dependencies"
  npm install --no-audit --no-fund
fi
bash tools/scripts/ensure-system-deps.sh nats
echo "› building"
npm run --silent build
exec node tools/scripts/start-platform.js "$@"
