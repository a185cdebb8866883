#!/usr/bin/env bash
# Lints the contract with Spectral (spectral:oas) and Redocly (recommended); both must report nothing at all.
# The linters come from the npm registry, pinned, into a cache folder outside the repository.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="${LINT_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/vault-gateway-lint}"
SPECTRAL_VERSION=6.16.3
REDOCLY_VERSION=2.77.0

if [[ ! -x "$TOOLS/node_modules/.bin/spectral" || ! -x "$TOOLS/node_modules/.bin/redocly" ]]; then
  mkdir -p "$TOOLS"
  npm install --prefix "$TOOLS" --no-audit --no-fund --silent \
    "@stoplight/spectral-cli@$SPECTRAL_VERSION" "@redocly/cli@$REDOCLY_VERSION"
fi
RULESET="$(mktemp --suffix .yaml)"
trap 'rm -f "$RULESET"' EXIT
echo 'extends: ["spectral:oas"]' >"$RULESET"

"$TOOLS/node_modules/.bin/spectral" lint --ruleset "$RULESET" --fail-severity hint "$ROOT/schemas/openapi.yaml"
# Redocly exits 0 on warnings: read its summary instead.
report="$("$TOOLS/node_modules/.bin/redocly" lint --extends recommended --format stylish "$ROOT/schemas/openapi.yaml" 2>&1)" || {
  printf '%s\n' "$report" >&2
  exit 1
}
printf '%s\n' "$report" | grep -v '[║╔╚]' >&2
if grep -qiE '[0-9]+ (warning|error)' <<<"$report"; then
  echo "redocly reported problems" >&2
  exit 1
fi
