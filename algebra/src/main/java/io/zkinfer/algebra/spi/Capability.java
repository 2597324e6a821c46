package io.zkinfer.algebra.spi;

/** An operation a {@link KernelBackend} can perform. */
public enum Capability {
    /** Multi-scalar multiplication on G1: {@link KernelBackend#msmG1}. */
    MSM_G1,
    /** Multi-scalar multiplication on G2: {@link KernelBackend#msmG2}. */
    MSM_G2,
    /**
     * Radix-2 NTT over Fr, plain and coset ({@link KernelBackend#ntt}, {@link KernelBackend#cosetNtt}), and the
     * QAP quotient step built on them ({@link KernelBackend#qapQuotient}).
     */
    NTT
}
