package io.zkinfer.benchmarks.load;

import io.zkinfer.api.v1.DType;
import io.zkinfer.api.v1.InferRequest;
import io.zkinfer.api.v1.ModelRef;
import io.zkinfer.api.v1.Tensor;

/**
 * Requests for the MNIST MLP (input {@code input}, [1, 784] floats in [0, 1]): a bright diagonal stroke on a dark
 * background, shifted per client, so that each client sends its own input and the node sees different input
 * digests. The idempotency key is left empty; the caller sets a fresh one on every call.
 */
public final class DigitInputs {

  /** The MLP's input name. */
  public static final String INPUT = "input";
  private static final int SIDE = 28;

  private DigitInputs() {
  }

  /** The [1, 784] stroke shifted {@code shift} pixels (any int; it wraps to the image's width). */
  public static Tensor digit(int shift) {
    int s = Math.floorMod(shift, SIDE) - SIDE / 2;
    Tensor.Builder t = Tensor.newBuilder().setName(INPUT).addShape(1).addShape(SIDE * SIDE)
        .setDtype(DType.DTYPE_FLOAT32);
    for (int i = 0; i < SIDE * SIDE; i++) {
      int row = i / SIDE;
      int col = i % SIDE;
      t.addFloatValues(Math.abs(row - col - s) < 2 && row > 4 && row < 24 ? 0.9f : 0f);
    }
    return t.build();
  }

  /** An unproven Infer of the active version of {@code modelId} with {@link #digit}({@code shift}). */
  public static InferRequest request(String modelId, int shift) {
    return InferRequest.newBuilder().setModel(ModelRef.newBuilder().setModelId(modelId)).addInputs(digit(shift))
        .build();
  }
}
