pragma circom 2.0.0;

// Three public inputs x[0..2], one private weight w and bias b;
// two public outputs: y = w*(x0 + x1 + x2) + b and z = x0*x1*x2.
// Public signals (snarkjs order: outputs first, then public inputs): [y, z, x0, x1, x2].
template Affine5() {
    signal input x[3];
    signal input w;
    signal input b;
    signal output y;
    signal output z;
    signal t;
    y <== w * (x[0] + x[1] + x[2]) + b;
    t <== x[0] * x[1];
    z <== t * x[2];
}

component main {public [x]} = Affine5();
