package io.zkinfer.verifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One directory of {@code src/test/resources/snarkjs/} (see the README there): files snarkjs 0.7.6 wrote. */
record SnarkjsFixture(String name) {

    static final SnarkjsFixture MULTIPLIER = new SnarkjsFixture("multiplier");
    static final SnarkjsFixture AFFINE5 = new SnarkjsFixture("affine5");
    static final SnarkjsFixture SQUAREPLUS = new SnarkjsFixture("squareplus");
    static final List<SnarkjsFixture> ALL = List.of(MULTIPLIER, AFFINE5, SQUAREPLUS);

    String text(String file) {
        String resource = "/snarkjs/" + name + "/" + file;
        try (InputStream in = SnarkjsFixture.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String vkJson() {
        return text("verification_key.json");
    }

    String proofJson() {
        return text("proof.json");
    }

    String publicJson() {
        return text("public.json");
    }

    VerifyingKey vk() {
        return SnarkjsFiles.parseVerifyingKey(vkJson(), name + "/verification_key.json");
    }

    Proof proof() {
        return SnarkjsFiles.parseProof(proofJson(), name + "/proof.json");
    }

    List<BigInteger> publicSignals() {
        return SnarkjsFiles.parsePublicSignals(publicJson(), name + "/public.json");
    }

    @Override
    public String toString() {
        return name;
    }
}
