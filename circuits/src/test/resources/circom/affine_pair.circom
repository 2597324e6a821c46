pragma circom 2.0.0;

// Three public inputs (x, y, k), two private inputs (s, t) and three outputs.
// The outputs mix several wires per linear combination, so the constraints have multi-term A, B and C.
template AffinePair() {
    signal input x;
    signal input y;
    signal input k;
    signal input s;
    signal input t;
    signal output sum;
    signal output prod;
    signal output mixed;

    signal u;
    u <== (x + 2 * y + 3) * (s - t);
    sum <== x + y + k + s + t + u;
    prod <== (x + s) * (y + t + 7);
    mixed <== (u + k) * (prod - 5 * x);
}

component main {public [x, y, k]} = AffinePair();
