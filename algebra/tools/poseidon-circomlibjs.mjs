// Computes circomlib's Poseidon with the pinned circomlibjs, as the outside referee of the parity tests of
// io.zkinfer.algebra.hash.Poseidon. Every request is answered by circomlibjs's three implementations (the wasm
// one that buildPoseidon returns, buildPoseidonReference and buildPoseidonOpt), which must agree.
//
// usage: node algebra/tools/poseidon-circomlibjs.mjs INTEROP_DIR REQUEST_FILE
// Each line of REQUEST_FILE is one request of canonical decimal field elements:
//   hash x1 ... xn          prints poseidon([x1..xn])                       (n = 1..16)
//   permute s0 s1 ... sn    prints the whole state after the permutation of [s0, s1..sn], space-separated
//                           (circomlibjs: poseidon([s1..sn], s0, n + 1))
//   commit x1 ... xn        prints zkinfer's Poseidon tree commitment of signed integers x1..xn (README, "Hashed
//                           tensors"): chunks of 16 hashed with poseidon, repeated until one value remains
// and gets one line of decimal output, in order.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

async function main(argv) {
    if (argv.length !== 2) {
        console.error("usage: node poseidon-circomlibjs.mjs INTEROP_DIR REQUEST_FILE");
        process.exit(2);
    }
    const [interopDir, requestFile] = argv;
    const entry = path.join(interopDir, "node_modules", "circomlibjs", "main.js");
    if (!fs.existsSync(entry)) {
        console.error(`no ${entry}: run interop/install.sh first`);
        process.exit(1);
    }
    const lib = await import(pathToFileURL(path.resolve(entry)).href);
    const impls = {
        wasm: await lib.buildPoseidon(),
        reference: await lib.buildPoseidonReference(),
        opt: await lib.buildPoseidonOpt(),
    };
    const out = [];
    const lines = fs.readFileSync(requestFile, "utf8").split("\n").filter(l => l.trim() !== "");
    for (const line of lines) {
        const [op, ...args] = line.trim().split(/\s+/);
        let answers;
        if (op === "hash") {
            answers = Object.entries(impls).map(([name, p]) => [name, p.F.toString(p(args), 10)]);
        } else if (op === "permute") {
            answers = Object.entries(impls).map(([name, p]) =>
                [name, p(args.slice(1), args[0], args.length).map(x => p.F.toString(x, 10)).join(" ")]);
        } else if (op === "commit") {
            answers = Object.entries(impls).map(([name, p]) => [name, p.F.toString(commit(p, args), 10)]);
        } else {
            throw new Error(`unknown request '${op}' (expected hash, permute or commit)`);
        }
        if (answers.some(([, a]) => a !== answers[0][1])) {
            throw new Error(`circomlibjs's implementations disagree on '${line}': ${JSON.stringify(answers)}`);
        }
        out.push(answers[0][1]);
    }
    process.stdout.write(out.join("\n") + "\n");
}

// The tree, written from its definition: leaves are signed integers, taken mod r.
function commit(poseidon, leaves) {
    let level = leaves.map(x => poseidon.F.e(BigInt(x)));
    do {
        const next = [];
        for (let i = 0; i < level.length; i += 16) {
            next.push(poseidon(level.slice(i, i + 16)));
        }
        level = next;
    } while (level.length > 1);
    return level[0];
}

main(process.argv.slice(2)).then(() => process.exit(0), e => {
    console.error(e.stack || String(e));
    process.exit(1);
});
