pragma circom 2.0.0;

// c = a*a + b with a public and b private: public signals are [c, a],
// the same count as multiplier.circom but a different circuit.
template SquarePlus() {
    signal input a;
    signal input b;
    signal output c;
    c <== a * a + b;
}

component main {public [a]} = SquarePlus();
