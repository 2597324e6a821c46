package io.zkinfer.inference.format;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import io.zkinfer.inference.ir.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The one class that touches DJL types, so that the rest of the package loads without DJL on the class path. */
final class DjlTorchSession implements AutoCloseable {

    static final String ENGINE = "PyTorch";

    private final Model model;

    private DjlTorchSession(Model model) {
        this.model = model;
    }

    static Engine loadEngine() {
        DjlOffline.configure();
        try {
            Engine engine = Engine.getEngine(ENGINE);
            if (engine == null) {
                throw new IllegalStateException("DJL found no PyTorch engine");
            }
            return engine;
        } catch (RuntimeException | LinkageError e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new IllegalStateException("DJL's PyTorch engine cannot load libtorch offline: " + e.getMessage()
                    + (root != e ? " (" + root.getMessage() + ")" : "")
                    + "; put ai.djl.pytorch:pytorch-native-cpu (classifier for this platform) and "
                    + "ai.djl.pytorch:pytorch-jni on the class path", e);
        }
    }

    static DjlTorchSession open(Path file) {
        loadEngine();
        Model model = Model.newInstance(file.getFileName().toString(), Device.cpu(), ENGINE);
        try {
            model.load(file);
            return new DjlTorchSession(model);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new ModelValidationException("libtorch cannot load TorchScript archive " + file.getFileName()
                    + ": " + e.getMessage(), e);
        }
    }

    List<Tensor> run(List<Tensor> inputs) {
        try (NDManager manager = model.getNDManager().newSubManager();
             Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator())) {
            NDList feed = new NDList();
            for (int i = 0; i < inputs.size(); i++) {
                Tensor t = inputs.get(i);
                if (t.type() != io.zkinfer.inference.ir.DataType.FLOAT) {
                    throw new IllegalArgumentException("input " + i + " is " + t.type()
                            + "; the TorchScript runner takes FLOAT tensors");
                }
                feed.add(manager.create(t.floats(), new Shape(t.shape())));
            }
            NDList result = predictor.predict(feed);
            result.attach(manager); // freed with the sub-manager once copied out
            List<Tensor> out = new ArrayList<>();
            for (NDArray a : result) {
                NDArray f = a.getDataType() == DataType.FLOAT32 ? a : a.toType(DataType.FLOAT32, false);
                out.add(Tensor.ofFloats(f.getShape().getShape(), f.toFloatArray()));
            }
            return out;
        } catch (TranslateException e) {
            throw new IllegalArgumentException("TorchScript forward failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
