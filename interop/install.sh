#!/usr/bin/env bash
# Installs the pinned outside referees (circom2, snarkjs) into interop/node_modules
# with `npm ci`, i.e. exactly the versions in the committed package-lock.json.
# Idempotent: does nothing when node_modules already matches the lock file.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "interop/install.sh: node and npm are required (Node.js 18 or newer); install them and rerun" >&2
  exit 1
fi

installed_lock="node_modules/.package-lock.json"
if [[ -x node_modules/.bin/snarkjs && -x node_modules/.bin/circom2 && -f "$installed_lock" \
      && "$installed_lock" -nt package-lock.json ]]; then
  echo "interop: circom2 and snarkjs already installed (node_modules is newer than package-lock.json)"
  exit 0
fi

echo "interop: installing pinned circom2 and snarkjs with npm ci"
npm ci --no-audit --no-fund --loglevel=error
echo "interop: installed $(node -p "'snarkjs ' + require('./node_modules/snarkjs/package.json').version + ', circom2 ' + require('./node_modules/circom2/package.json').version")"
