package io.zkinfer.inference.onnx;

/**
 * Bounds on what an import may read, so that hostile files are refused before they exhaust memory:
 * {@code maxModelBytes} for the serialized model, {@code maxTensorElements} for any one constant tensor or
 * declared input dimension product, {@code maxNodes} for the graph, and {@code maxNesting} for the protobuf
 * message depth.
 */
public record ImportLimits(long maxModelBytes, long maxTensorElements, int maxNodes, int maxNesting) {

    /** 2 GiB (the protobuf limit), 2^28 elements per tensor, 100 000 nodes, depth 64. */
    public static final ImportLimits DEFAULT = new ImportLimits(Integer.MAX_VALUE, 1L << 28, 100_000, 64);

    public ImportLimits {
        if (maxModelBytes <= 0 || maxModelBytes > Integer.MAX_VALUE || maxTensorElements <= 0
                || maxTensorElements > Integer.MAX_VALUE || maxNodes <= 0 || maxNesting <= 0) {
            throw new IllegalArgumentException("import limits must be positive and at most 2^31 - 1");
        }
    }

    /** These limits with {@code maxTensorElements} replaced. */
    public ImportLimits withMaxTensorElements(long elements) {
        return new ImportLimits(maxModelBytes, elements, maxNodes, maxNesting);
    }
}
