package io.zkinfer.server.diagnose;

import io.zkinfer.prover.model.ModelDirectory;
import io.zkinfer.server.registry.ModelFiles;
import io.zkinfer.server.registry.VersionRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a ready version's compiled directory holds, as far as serving needs it: the quantized model and its settings
 * and the verifying key (what loading reads; the key must still have the SHA-256 the registry recorded), and the
 * proving key (what proving reads). Checked by presence and digest only, never by loading.
 *
 * @param modelFilesPresent   the quantized model and its settings are there
 * @param modelFilesDetail    which is missing, or that both are there
 * @param verifyingKeyMatches the verifying key is there with the recorded digest
 * @param verifyingKeyDetail  what is wrong with it, or that it matches
 * @param provingKeyPresent   the proving key is there
 * @param provingKeyDetail    its size, or that it is missing
 */
record VersionFiles(boolean modelFilesPresent, String modelFilesDetail, boolean verifyingKeyMatches,
        String verifyingKeyDetail, boolean provingKeyPresent, String provingKeyDetail) {

    static VersionFiles of(ModelDirectory dir, VersionRecord v) {
        boolean model = Files.isRegularFile(dir.file(ModelDirectory.MODEL));
        boolean settings = Files.isRegularFile(dir.file(ModelDirectory.SETTINGS));
        String modelDetail = model && settings ? ModelDirectory.MODEL + " and " + ModelDirectory.SETTINGS + " present"
                : "missing " + (model ? ModelDirectory.SETTINGS : settings ? ModelDirectory.MODEL
                        : ModelDirectory.MODEL + " and " + ModelDirectory.SETTINGS)
                        + " in the version's directory; upload the model again with Upgrade";
        Path vk = dir.file(ModelDirectory.VERIFICATION_KEY);
        boolean vkOk;
        String vkDetail;
        if (!Files.isRegularFile(vk)) {
            vkOk = false;
            vkDetail = "missing " + ModelDirectory.VERIFICATION_KEY + "; upload the model again with Upgrade";
        } else {
            String sha = sha256(vk);
            vkOk = sha != null && (v.vkSha256().isEmpty() || sha.equals(v.vkSha256()));
            vkDetail = sha == null ? ModelDirectory.VERIFICATION_KEY + " cannot be read"
                    : vkOk ? "present, SHA-256 " + sha + " as registered"
                    : ModelDirectory.VERIFICATION_KEY + " was changed: its SHA-256 is " + sha + " but the registry"
                            + " records " + v.vkSha256();
        }
        Path pk = dir.file(ModelDirectory.PROVING_KEY);
        boolean pkOk = Files.isRegularFile(pk);
        String pkDetail = pkOk ? "present, " + size(pk) : "missing " + ModelDirectory.PROVING_KEY
                + ", so proven calls fail; upload the model again with Upgrade";
        return new VersionFiles(model && settings, modelDetail, vkOk, vkDetail, pkOk, pkDetail);
    }

    /** Whether loading can succeed as far as files tell: the model, its settings and a matching verifying key. */
    boolean loadable() {
        return modelFilesPresent && verifyingKeyMatches;
    }

    /** The first thing that stops loading, for a message. */
    String firstProblem() {
        return !modelFilesPresent ? modelFilesDetail : verifyingKeyDetail;
    }

    private static String sha256(Path file) {
        try {
            return ModelFiles.sha256(file);
        } catch (IOException e) {
            return null;
        }
    }

    private static String size(Path file) {
        try {
            return String.format(Locale.ROOT, "%,d bytes", Files.size(file));
        } catch (IOException e) {
            return "size unreadable";
        }
    }
}
