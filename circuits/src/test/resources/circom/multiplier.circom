pragma circom 2.0.0;

// c = a * b, with a public and b private: one constraint, one public input, one output.
template Multiplier() {
    signal input a;
    signal input b;
    signal output c;
    c <== a * b;
}

component main {public [a]} = Multiplier();
