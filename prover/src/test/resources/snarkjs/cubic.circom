pragma circom 2.0.0;

// y = x^3 + k*x + 5 for a private x and a public k, plus a public bound check z = x*k.
template Cubic() {
    signal input x;
    signal input k;
    signal output y;
    signal output z;
    signal x2;
    signal x3;
    x2 <== x * x;
    x3 <== x2 * x;
    z <== x * k;
    y <== x3 + z + 5;
}

component main {public [k]} = Cubic();
