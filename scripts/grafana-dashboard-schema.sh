#!/usr/bin/env bash
# Makes Grafana's dashboard schema as JSON Schema, from the types Grafana publishes in the npm
# package @grafana/schema (Dashboard of raw/dashboard/x, the JSON model of a classic dashboard),
# with ts-json-schema-generator; both pinned. The schema is cached by version outside the
# repository and its path printed: grafana-dashboard-schema=/path/dashboard.schema.json.
# GrafanaDashboardSchemaTest runs it; ./test.sh runs it first. Needs Node.js and npm (with the npm
# registry) the first time.
#
# Cache: ${VIGIL_CACHE_DIR:-$HOME/.cache/vigil}/grafana-dashboard-schema/<schema>-<generator>/.
set -euo pipefail

GRAFANA_SCHEMA_VERSION="13.2.3"
# 2.4.0: the newest that supports Node.js 20, the machines' Node (2.5.0 and later want 22).
TS_JSON_SCHEMA_GENERATOR_VERSION="2.4.0"

cache="${VIGIL_CACHE_DIR:-$HOME/.cache/vigil}"
dir="$cache/grafana-dashboard-schema/$GRAFANA_SCHEMA_VERSION-$TS_JSON_SCHEMA_GENERATOR_VERSION"
schema="$dir/dashboard.schema.json"

log() { echo "vigil: $*" >&2; }

mkdir -p "$cache"
exec 9>"$cache/.grafana-schema.lock"
flock 9

if [ ! -s "$schema" ]; then
  command -v npm >/dev/null 2>&1 || {
    log "npm is missing: Grafana's dashboard schema comes from the npm package @grafana/schema." \
      "Install Node.js and npm and run again."
    exit 1
  }
  log "making Grafana's dashboard schema from @grafana/schema $GRAFANA_SCHEMA_VERSION into $dir"
  work=$(mktemp -d "${TMPDIR:-/tmp}/vigil-grafana-schema.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  (
    cd "$work"
    npm init -y >/dev/null
    npm install --no-audit --no-fund --ignore-scripts --save-exact \
      "@grafana/schema@$GRAFANA_SCHEMA_VERSION" \
      "ts-json-schema-generator@$TS_JSON_SCHEMA_GENERATOR_VERSION" >&2
    # The declaration file alone: the package's index pulls in every other schema, which the
    # dashboard does not need.
    npx --no-install ts-json-schema-generator \
      --path node_modules/@grafana/schema/dist/types/raw/dashboard/x/types.gen.d.ts \
      --type Dashboard --no-type-check --out dashboard.schema.json >&2
  )
  mkdir -p "$dir"
  mv "$work/dashboard.schema.json" "$schema.partial"
  mv "$schema.partial" "$schema"
fi
echo "grafana-dashboard-schema=$schema"
