package io.zkinfer.algebra.codec;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.pairing.Pairing;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Test-only model of the EVM precompiles 0x06 (ECADD), 0x07 (ECMUL) and 0x08 (ECPAIRING) with their exact input
 * semantics from EIP-196 and EIP-197: short input is right-padded with zeros and extra input ignored (0x06, 0x07);
 * points are 64-byte big-endian x‖y with (0, 0) as infinity; G2 is x.c1‖x.c0‖y.c1‖y.c0; invalid points (off the
 * curve, coordinates ≥ p, G2 outside the subgroup) and pairing input whose length is not a multiple of 192 fail.
 */
final class Eip196Precompiles {

    /** Why a precompile call failed (the EVM would consume all gas and return nothing). */
    static final class PrecompileFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PrecompileFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** go-ethereum's error text for a pairing input whose length is not a multiple of 192. */
    static final String BAD_PAIRING_SIZE = "bad elliptic curve pairing size";

    private Eip196Precompiles() {
    }

    /** 0x06: P + Q for two G1 points in 128 bytes of input; returns 64 bytes. */
    static byte[] add(byte[] input) {
        byte[] data = Arrays.copyOf(input, 128);
        G1Affine p = g1(data, 0);
        G1Affine q = g1(data, 64);
        return PointCodec.g1ToUncompressed(p.toJacobian().addAffine(q).toAffine());
    }

    /** 0x07: [s]P for a G1 point and a 256-bit big-endian scalar (not reduced) in 96 bytes; returns 64 bytes. */
    static byte[] scalarMul(byte[] input) {
        byte[] data = Arrays.copyOf(input, 96);
        G1Affine p = g1(data, 0);
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(data, 64, 96));
        return PointCodec.g1ToUncompressed(p.toJacobian().mul(s).toAffine());
    }

    /** 0x08: 32-byte big-endian 1 if ∏ e(Pᵢ, Qᵢ) = 1 over k = length/192 pairs, else 0. */
    static byte[] pairing(byte[] input) {
        if (input.length % 192 != 0) {
            throw new PrecompileFailure(BAD_PAIRING_SIZE, null);
        }
        int k = input.length / 192;
        G1Affine[] ps = new G1Affine[k];
        G2Affine[] qs = new G2Affine[k];
        for (int i = 0; i < k; i++) {
            ps[i] = g1(input, 192 * i);
            qs[i] = g2(input, 192 * i + 64);
        }
        byte[] out = new byte[32];
        out[31] = (byte) (Pairing.pairingCheck(ps, qs) ? 1 : 0);
        return out;
    }

    private static G1Affine g1(byte[] data, int off) {
        try {
            return PointCodec.g1FromUncompressed(data, off);
        } catch (IllegalArgumentException e) {
            throw new PrecompileFailure("invalid G1 point: " + e.getMessage(), e);
        }
    }

    private static G2Affine g2(byte[] data, int off) {
        try {
            return PointCodec.g2FromUncompressed(data, off);
        } catch (IllegalArgumentException e) {
            throw new PrecompileFailure("invalid G2 point: " + e.getMessage(), e);
        }
    }
}
