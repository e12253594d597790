#!/bin/sh
# Runs a root package script with the project's toolchain (Node 24 + pnpm 10), fetching both from
# the npm registry when the machine has an older Node (the README commands start here).
#   sh scripts/toolchain.sh <root-script> [args...]
set -eu
cd "$(dirname "$0")/.."

NODE_VERSION=24.21.0
PNPM_VERSION=10.34.9

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
pnpm_version=$(pnpm --version 2>/dev/null || echo none)

if [ "$node_major" -lt 22 ] || [ "$pnpm_version" != "$PNPM_VERSION" ]; then
  if [ -n "${OPENROUTER_ADAPTERS_BOOTSTRAPPED:-}" ]; then
    echo "toolchain: bootstrap did not provide Node >= 22 and pnpm $PNPM_VERSION (got node $node_major, pnpm $pnpm_version)" >&2
    exit 1
  fi
  echo "toolchain: fetching node@$NODE_VERSION and pnpm@$PNPM_VERSION from the npm registry (found node $(node --version 2>/dev/null || echo none))" >&2
  export OPENROUTER_ADAPTERS_BOOTSTRAPPED=1
  exec npx -y -p "node@$NODE_VERSION" -p "pnpm@$PNPM_VERSION" -- sh scripts/toolchain.sh "$@"
fi

# Installs exactly what the lockfile says (no-op when node_modules is already in sync).
pnpm install --frozen-lockfile --prefer-offline
exec pnpm run "$@"
