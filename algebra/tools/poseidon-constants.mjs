// Writes the constants of circomlib's Poseidon over BN254 (the round constants C and MDS matrices M of
// circomlibjs's plain, non-optimised poseidon_constants.json, for t = 2..17) as the binary resource that
// io.zkinfer.algebra.hash.PoseidonParameters reads.
//
// usage: node algebra/tools/poseidon-constants.mjs INTEROP_DIR OUT_FILE
//   INTEROP_DIR  the interop directory whose node_modules holds the pinned circomlibjs (interop/install.sh)
//   OUT_FILE     where to write, e.g. algebra/src/main/resources/io/zkinfer/algebra/hash/poseidon-bn254-circomlib.bin
//
// Format, all integers big-endian:
//   8 bytes   magic "PSDN254\x01" (format version 1)
//   u32       number of widths (16)
//   per width t = 2, 3, ..., 17:
//     u32 t, u32 full rounds (8), u32 partial rounds, u32 number of round constants ((full + partial) * t)
//     the round constants C[t-2][k], k = 0.., each 32 bytes, canonical value
//     the MDS matrix M[t-2][i][j], row-major, each 32 bytes, canonical value
// The partial-round count is not in circomlibjs's constants file; it is derived from the number of round
// constants, which the Java reader checks against circomlibjs's N_ROUNDS_P.
import fs from "node:fs";
import path from "node:path";

const FULL_ROUNDS = 8;
const MODULUS = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;

function main(argv) {
    if (argv.length !== 2) {
        console.error("usage: node poseidon-constants.mjs INTEROP_DIR OUT_FILE");
        process.exit(2);
    }
    const [interopDir, outFile] = argv;
    const file = path.join(interopDir, "node_modules", "circomlibjs", "src", "poseidon_constants.json");
    if (!fs.existsSync(file)) {
        console.error(`no ${file}: run interop/install.sh first`);
        process.exit(1);
    }
    const { C, M } = JSON.parse(fs.readFileSync(file, "utf8"));
    const chunks = [Buffer.from("PSDN254\x01", "latin1"), u32(C.length)];
    for (let w = 0; w < C.length; w++) {
        const t = w + 2;
        const rounds = C[w].length / t;
        if (!Number.isInteger(rounds) || M[w].length !== t || M[w].some(row => row.length !== t)) {
            throw new Error(`unexpected shape of C[${w}] or M[${w}] for t = ${t}`);
        }
        chunks.push(u32(t), u32(FULL_ROUNDS), u32(rounds - FULL_ROUNDS), u32(C[w].length));
        for (const c of C[w]) {
            chunks.push(element(c));
        }
        for (const row of M[w]) {
            for (const m of row) {
                chunks.push(element(m));
            }
        }
    }
    fs.writeFileSync(outFile, Buffer.concat(chunks));
}

function u32(v) {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(v);
    return b;
}

function element(s) {
    const v = BigInt(s);
    if (v < 0n || v >= MODULUS) {
        throw new Error(`constant ${s} is not a canonical BN254 scalar`);
    }
    return Buffer.from(v.toString(16).padStart(64, "0"), "hex");
}

main(process.argv.slice(2));
