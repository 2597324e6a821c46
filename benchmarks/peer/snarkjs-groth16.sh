#!/usr/bin/env bash
# Side-by-side Groth16 proving: snarkjs vs zkinfer on the SAME circuit, .zkey and .wtns.
#
#   benchmarks/peer/snarkjs-groth16.sh [POWER] [REPS]     (defaults: POWER=16, REPS=5)
#   SETUP=snarkjs benchmarks/peer/snarkjs-groth16.sh ...  (make the key with snarkjs instead)
#   BACKEND=native benchmarks/peer/snarkjs-groth16.sh ... (zkinfer proves with that kernel backend:
#                            java, native or cuda; default: the best available, see `zkinfer backends`)
#
# Compiles a circuit of 2^POWER multiplication constraints with the pinned circom2 and makes
# the .zkey both provers use, by one of two setups (cached in benchmarks/peer/.cache per setup):
#   SETUP=zkinfer (default)  `./zkinfer groth16 setup --zkey`: toxic waste from SecureRandom,
#                            the key written as a snarkjs .zkey; seconds to a minute at 2^16.
#                            Every run checks that `snarkjs zkey export verificationkey` on it
#                            gives zkinfer's verification_key.json (or at least accepts both proofs).
#   SETUP=snarkjs            a snarkjs powers-of-tau ceremony (new, contribute, prepare phase2)
#                            of the power the circuit needs, then `snarkjs groth16 setup`; the
#                            ceremony takes about an hour at 2^17 on 2 cores (the .ptau is cached).
# Which setup made the key does not change the proving work: same format, sizes and domain.
# Then computes the witness, times `snarkjs groth16 prove` and `./zkinfer groth16 prove`
# alternately REPS times each on the same .zkey and .wtns, verifies both proofs with
# `snarkjs groth16 verify` against one verification key, compares the public signals, and
# prints the medians and the ratio snarkjs/zkinfer. Wall-clock times of the whole commands, as
# a user runs them (process start and key loading included). Needs interop/install.sh and
# `mvn -q -DskipTests package` first.
set -euo pipefail

power="${1:-16}"
reps="${2:-5}"
setup="${SETUP:-zkinfer}"
backend=()
[[ -n "${BACKEND:-}" ]] && backend=(--backend "$BACKEND")
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bin="$root/interop/node_modules/.bin"
cache="$root/benchmarks/peer/.cache"
work="$cache/chain-$power"

die() { echo "snarkjs-groth16.sh: $*" >&2; exit 2; }
[[ "$power" =~ ^[0-9]+$ ]] && (( power >= 4 && power <= 24 )) || die "POWER must be an integer in 4..24, got '$power'"
[[ "$reps" =~ ^[0-9]+$ ]] && (( reps >= 1 )) || die "REPS must be a positive integer, got '$reps'"
[[ "$setup" == zkinfer || "$setup" == snarkjs ]] || die "SETUP must be 'zkinfer' or 'snarkjs', got '$setup'"
[[ -x "$bin/snarkjs" && -x "$bin/circom2" ]] || die "circom2/snarkjs not installed; run interop/install.sh"
[[ -f "$root/cli/target/zkinfer.jar" ]] || die "cli/target/zkinfer.jar not built; run mvn -q -DskipTests package"

snarkjs() { node --max-old-space-size=8192 "$root/interop/node_modules/snarkjs/build/cli.cjs" "$@"; }
now_ms() { date +%s%3N; }
same_json() { node -e 'const fs = require("fs"), [a, b] = process.argv.slice(1).map(f => JSON.parse(fs.readFileSync(f)));
  process.exit(JSON.stringify(a) === JSON.stringify(b) ? 0 : 1)' "$1" "$2"; }
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print int((a[NR/2]+a[NR/2+1])/2)}'; }

mkdir -p "$work"
n=$((1 << power))

# 1. The circuit: y = s[n] with s[0] = x, s[i+1] = s[i]^2 + i  (n quadratic constraints).
if [[ ! -f "$work/chain.r1cs" || ! -f "$work/chain_js/chain.wasm" ]]; then
  echo "== compiling a chain of $n multiplications with circom2"
  cat > "$work/chain.circom" <<CIRCOM
pragma circom 2.0.0;
template Chain(n) {
  signal input x;
  signal output y;
  signal s[n + 1];
  s[0] <== x;
  for (var i = 0; i < n; i++) {
    s[i + 1] <== s[i] * s[i] + i;
  }
  y <== s[n];
}
component main = Chain($n);
CIRCOM
  t0=$(now_ms)
  "$bin/circom2" "$work/chain.circom" --r1cs --wasm -o "$work" >/dev/null
  echo "   compiled in $(( $(now_ms) - t0 )) ms"
fi
constraints=$(snarkjs r1cs info "$work/chain.r1cs" | sed -n 's/.*# of Constraints: *\([0-9]*\).*/\1/p')
(( constraints >= n )) || die "expected at least $n constraints, circom2 produced $constraints"

# 2. The key both provers use, and the one verification key both proofs are checked against.
zkey="$work/chain-$setup.zkey"
vk="$work/verification_key-$setup.json"
if [[ "$setup" == snarkjs && ! -f "$zkey" && -f "$work/chain.zkey" && -f "$work/verification_key.json" ]]; then
  mv "$work/chain.zkey" "$zkey"                  # a snarkjs key cached by an earlier version of this script
  mv "$work/verification_key.json" "$vk"
fi
if [[ "$setup" == snarkjs && ! -f "$zkey" ]]; then
  # snarkjs needs a powers-of-tau domain of at least constraints + public inputs + 1.
  need=$(( constraints + 2 + 1 ))
  ptau_power=1
  while (( (1 << ptau_power) < need )); do ptau_power=$((ptau_power + 1)); done
  ptau="$cache/pot${ptau_power}_final.ptau"
  if [[ ! -f "$ptau" ]]; then
    echo "== powers of tau 2^$ptau_power (new, contribute, prepare phase2; cached in $cache)"
    t0=$(now_ms)
    snarkjs powersoftau new bn128 "$ptau_power" "$cache/pot${ptau_power}_0.ptau" >/dev/null
    snarkjs powersoftau contribute "$cache/pot${ptau_power}_0.ptau" "$cache/pot${ptau_power}_1.ptau" \
      --name=bench -e="zkinfer peer benchmark $(date +%s%N)" >/dev/null
    snarkjs powersoftau prepare phase2 "$cache/pot${ptau_power}_1.ptau" "$ptau.tmp" >/dev/null
    mv "$ptau.tmp" "$ptau"
    rm -f "$cache/pot${ptau_power}_0.ptau" "$cache/pot${ptau_power}_1.ptau"
    echo "   done in $(( ($(now_ms) - t0) / 1000 )) s"
  fi
  echo "== snarkjs groth16 setup"
  t0=$(now_ms)
  snarkjs groth16 setup "$work/chain.r1cs" "$ptau" "$zkey.tmp" >/dev/null
  snarkjs zkey export verificationkey "$zkey.tmp" "$vk" >/dev/null
  mv "$zkey.tmp" "$zkey"
  echo "   done in $(( $(now_ms) - t0 )) ms"
elif [[ "$setup" == zkinfer && ! -f "$zkey" ]]; then
  echo "== zkinfer groth16 setup --zkey (toxic waste from SecureRandom, discarded)"
  t0=$(now_ms)
  "$root/zkinfer" groth16 setup --r1cs "$work/chain.r1cs" --out "$work/zkinfer-keys" --zkey "$zkey.tmp" \
    | sed 's/^/   /'
  echo "   done in $(( $(now_ms) - t0 )) ms"
  # what snarkjs reads out of the .zkey, compared with zkinfer's verification_key.json after proving
  snarkjs zkey export verificationkey "$zkey.tmp" "$work/verification_key-exported.json" >/dev/null
  cp "$work/zkinfer-keys/verification_key.json" "$vk"
  mv "$zkey.tmp" "$zkey"
fi
domain=$(od -An -tu4 -j120 -N4 "$zkey" | tr -d ' ')   # zkey header: nVars, nPublic, domainSize at 112..124
case "$setup" in
  zkinfer) made_by="zkinfer groth16 setup --zkey (SecureRandom toxic waste)" ;;
  snarkjs) made_by="snarkjs powers of tau + snarkjs groth16 setup" ;;
esac
echo "== key: $zkey, made by $made_by"

# 3. The witness.
if [[ ! -f "$work/chain.wtns" ]]; then
  echo '{"x": "3"}' > "$work/input.json"
  snarkjs wtns calculate "$work/chain_js/chain.wasm" "$work/input.json" "$work/chain.wtns"
fi

# 4. Time both provers on the same key and witness, alternating.
echo "== proving $constraints constraints (domain $domain), $reps repetitions each, alternating"
snark_ms=(); zk_ms=()
for ((i = 1; i <= reps; i++)); do
  t0=$(now_ms)
  snarkjs groth16 prove "$zkey" "$work/chain.wtns" "$work/proof_snarkjs.json" "$work/public_snarkjs.json"
  snark_ms+=($(( $(now_ms) - t0 )))
  t0=$(now_ms)
  "$root/zkinfer" groth16 prove "${backend[@]}" --key "$zkey" --wtns "$work/chain.wtns" \
    --proof "$work/proof_zkinfer.json" --public "$work/public_zkinfer.json" >/dev/null
  zk_ms+=($(( $(now_ms) - t0 )))
  echo "   run $i: snarkjs ${snark_ms[-1]} ms, zkinfer ${zk_ms[-1]} ms"
done

# 5. The referee checks both proofs.
snarkjs groth16 verify "$vk" "$work/public_snarkjs.json" "$work/proof_snarkjs.json" >/dev/null \
  || die "snarkjs rejected its own proof"
snarkjs groth16 verify "$vk" "$work/public_zkinfer.json" "$work/proof_zkinfer.json" >/dev/null \
  || die "snarkjs rejected the zkinfer proof"
cmp -s <(tr -d ' \n' < "$work/public_snarkjs.json") <(tr -d ' \n' < "$work/public_zkinfer.json") \
  || die "public signals differ between snarkjs and zkinfer"
echo "   both proofs verified by snarkjs groth16 verify with $vk"
if [[ "$setup" == zkinfer ]]; then
  exported="$work/verification_key-exported.json"
  if same_json "$vk" "$exported"; then
    echo "   (snarkjs zkey export verificationkey on the .zkey gives the same verification key)"
  else
    for who in snarkjs zkinfer; do
      snarkjs groth16 verify "$exported" "$work/public_$who.json" "$work/proof_$who.json" >/dev/null \
        || die "the verification key snarkjs exports from the zkinfer .zkey rejects the $who proof"
    done
    echo "   (snarkjs zkey export verificationkey differs in form from zkinfer's, and accepts both proofs too)"
  fi
fi

s_med=$(printf '%s\n' "${snark_ms[@]}" | median)
z_med=$(printf '%s\n' "${zk_ms[@]}" | median)
echo "== median snarkjs groth16 prove: $s_med ms"
echo "== median zkinfer groth16 prove: $z_med ms (kernel backend: ${BACKEND:-the best available})"
awk -v s="$s_med" -v z="$z_med" 'BEGIN { printf "== ratio snarkjs/zkinfer: %.2f (above 1 means zkinfer is faster)\n", s / z }'
