package io.zkinfer.benchmarks.load;

import io.zkinfer.api.ModelUploads;
import io.zkinfer.api.ZkinferClient;
import io.zkinfer.api.v1.AccessMode;
import io.zkinfer.api.v1.AccessPolicy;
import io.zkinfer.api.v1.DeployHeader;
import io.zkinfer.api.v1.DeployResponse;
import io.zkinfer.api.v1.GetModelRequest;
import io.zkinfer.api.v1.Model;
import io.zkinfer.api.v1.ModelVersion;
import io.zkinfer.api.v1.Money;
import io.zkinfer.api.v1.Pricing;
import io.zkinfer.api.v1.VersionStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * Deploys the MNIST MLP through the API, as a developer would ({@code Deploy}, then {@code GetModel} until the new
 * version leaves its build), public and priced per call, and returns its model id.
 */
public final class MlpDeployment {

  /** The committed MNIST MLP, relative to the repository root. */
  public static final Path MLP = Path.of("inference", "src", "test", "resources", "mnist", "mlp.onnx");
  /** The per-call price the load pays: 0.002 ZKC, in micro-ZKC. */
  public static final long PRICE_MINOR = 2_000;

  private static final Duration UPLOAD_TIMEOUT = Duration.ofSeconds(60);
  private static final long POLL_MS = 100;

  private MlpDeployment() {
  }

  /**
   * The MLP file: under the working directory when run from the repository root, else under the directory named by
   * the {@code zkinfer.repo.root} system property (which the Maven build sets for tests).
   */
  public static Path mlpFile() {
    if (Files.isRegularFile(MLP)) {
      return MLP;
    }
    String root = System.getProperty("zkinfer.repo.root");
    if (root != null && Files.isRegularFile(Path.of(root).resolve(MLP))) {
      return Path.of(root).resolve(MLP);
    }
    throw new IllegalStateException(MLP + " not found: run from the repository root or give --model-file FILE");
  }

  /** Deploys {@code onnx} as {@code developer} and waits up to {@code buildTimeout} for READY; the model id. */
  public static String deploy(ZkinferClient developer, Path onnx, Duration buildTimeout)
      throws IOException, InterruptedException {
    DeployHeader header = DeployHeader.newBuilder()
        .setName("load-mnist-mlp-" + UUID.randomUUID().toString().substring(0, 8))
        .setDescription("MNIST perceptron deployed by the load generator")
        .setPricing(Pricing.newBuilder().setBasePrice(Money.newBuilder().setMinorUnits(PRICE_MINOR)
            .setCurrency("ZKC")))
        .setAccess(AccessPolicy.newBuilder().setMode(AccessMode.ACCESS_MODE_PUBLIC))
        .build();
    DeployResponse deployed = ModelUploads.deploy(developer.modelsAsync(), header,
        new ByteArrayInputStream(Files.readAllBytes(onnx)), UPLOAD_TIMEOUT);
    String modelId = deployed.getModel().getModelId();
    awaitReady(developer, modelId, deployed.getVersion().getRef().getVersion(), buildTimeout);
    return modelId;
  }

  private static void awaitReady(ZkinferClient developer, String modelId, long version, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    VersionStatus last = VersionStatus.VERSION_STATUS_UNSPECIFIED;
    while (System.nanoTime() < deadline) {
      Model m = developer.models().getModel(GetModelRequest.newBuilder().setModelId(modelId)
          .setIncludeVersions(true).build());
      for (ModelVersion v : m.getVersionsList()) {
        if (v.getRef().getVersion() != version) {
          continue;
        }
        last = v.getStatus();
        if (last == VersionStatus.VERSION_STATUS_READY) {
          return;
        }
        if (last == VersionStatus.VERSION_STATUS_FAILED || last == VersionStatus.VERSION_STATUS_RETIRED) {
          throw new IllegalStateException("version " + version + " of model " + modelId + " is " + last + ": "
              + v.getStatusMessage());
        }
      }
      Thread.sleep(POLL_MS);
    }
    throw new IllegalStateException("version " + version + " of model " + modelId + " is still " + last + " after "
        + timeout.toSeconds() + " s");
  }
}
