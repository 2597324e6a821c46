#!/usr/bin/env python3
"""Writes held-out MNIST digits as zkinfer tensor JSON for the MNIST CNN fixture (input "input" [1, 1, 28, 28]),
or with --flat for the MLP fixture (input "input" [1, 784]).

    python3 examples/mnist-json.py 7              # one digit: {"input": [[[[...]]]]}, for zkinfer run --input
    python3 examples/mnist-json.py 0 100          # digits 0..99: {"samples": [...]}, for --calibration
    python3 examples/mnist-json.py 100 1100 --labels   # with "labels": [...], for --test-set
    python3 examples/mnist-json.py 7 --flat       # one digit for the MLP: {"input": [[...784 values...]]}

Reads inference/src/test/resources/mnist/digits-test.bin.gz (format in that directory's README.md); pixel
intensities are byte / 255, as the models were trained on. Python 3 standard library only.
"""
import gzip
import json
import os
import struct
import sys

DIGITS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "inference", "src", "test", "resources",
                      "mnist", "digits-test.bin.gz")


def digits():
    data = gzip.open(DIGITS).read()
    if data[:8] != b"ZKMNIST1":
        sys.exit("mnist-json: " + DIGITS + " is not a ZKMNIST1 digits file")
    count = struct.unpack(">I", data[8:12])[0]
    for i in range(count):
        o = 12 + i * 785
        yield data[o], [round(b / 255, 6) for b in data[o + 1:o + 785]]


def image(pixels):
    return [[[pixels[r * 28:(r + 1) * 28] for r in range(28)]]]


def flat(pixels):
    return [pixels]


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    if len(args) not in (1, 2) or any(a not in ("--labels", "--flat") for a in argv if a.startswith("--")):
        sys.exit(__doc__)
    shape = flat if "--flat" in argv else image
    all_digits = list(digits())
    first = int(args[0])
    last = int(args[1]) if len(args) == 2 else first + 1
    if not 0 <= first < last <= len(all_digits):
        sys.exit("mnist-json: digits %d..%d are outside 0..%d" % (first, last - 1, len(all_digits) - 1))
    chosen = all_digits[first:last]
    if len(args) == 1:
        doc = {"input": shape(chosen[0][1])}
    else:
        doc = {"samples": [{"input": shape(p)} for _, p in chosen]}
        if "--labels" in argv:
            doc["labels"] = [label for label, _ in chosen]
    json.dump(doc, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
