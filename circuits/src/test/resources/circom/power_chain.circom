pragma circom 2.0.0;

// out = x^(N+1) * y computed as a chain of N multiplications (N constraints plus one), a larger
// fixture for format round trips: about a thousand constraints and wires.
template PowerChain(N) {
    signal input x;
    signal input y;
    signal output out;
    signal acc[N + 1];
    acc[0] <== x * y;
    for (var i = 0; i < N; i++) {
        acc[i + 1] <== acc[i] * x;
    }
    out <== acc[N];
}

component main {public [x]} = PowerChain(1000);
