package io.zkinfer.inference.testing;

import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.onnx.OnnxImporter;
import io.zkinfer.inference.testing.OperatorFixtureModels.InputSpec;
import io.zkinfer.inference.testing.OperatorFixtureModels.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The committed corpus of one tiny ONNX model per supported operator (like EZKL's {@code examples/onnx/1l_*}):
 * {@code operators/<Op>.onnx} with its sample input {@code operators/<Op>.json} (a JSON object keyed by graph input
 * name, values as nested arrays), listed in {@code operators/index.txt}, all on the test classpath.
 * <p>Use {@link #operators()} and {@link #load(String)} (or {@link #loadAll()}) to read the corpus. The files are
 * generated from {@link OperatorFixtureModels} with fixed seeds; after changing a model there, regenerate with
 * {@code mvn -o -pl inference -am test -Dtest=OperatorFixturesTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dzkinfer.fixtures.regenerate=true} (or run {@link #main} with the resources directory), and commit the result;
 * {@code OperatorFixturesTest} fails while the committed files differ from what the definitions produce.
 */
public final class OperatorFixtures {

    /** The classpath directory of the corpus. */
    public static final String RESOURCE_DIR = "operators";
    /** The file listing the fixtures, one operator name a line. */
    public static final String INDEX = "index.txt";

    private OperatorFixtures() {
    }

    /**
     * One fixture: the operator it exercises, the serialized model, and its sample input. {@code outputStep} is
     * the quantization step of a pre-quantized model's output (the original model rounds its output to multiples
     * of it), 0 for float models.
     */
    public record Fixture(String operator, byte[] model, Map<String, Tensor> input, float outputStep) {
        /** The model imported by {@link OnnxImporter}. */
        public Graph graph() {
            return new OnnxImporter().importModel(model);
        }
    }

    /** The operators of the committed corpus, in index order. */
    public static List<String> operators() {
        String index = new String(resource(INDEX), StandardCharsets.UTF_8);
        return index.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The committed fixture of {@code operator}. */
    public static Fixture load(String operator) {
        byte[] model = resource(operator + ".onnx");
        Map<String, Tensor> input = SampleJson.read(new String(resource(operator + ".json"), StandardCharsets.UTF_8));
        return new Fixture(operator, model, input, OperatorFixtureModels.build(operator).outputStep());
    }

    /** Every committed fixture, in index order. */
    public static List<Fixture> loadAll() {
        return operators().stream().map(OperatorFixtures::load).toList();
    }

    /** The operators that have a fixture definition. */
    public static Set<String> definedOperators() {
        return OperatorFixtureModels.all().keySet();
    }

    /** The fixture of {@code operator} as the definitions produce it now (what the corpus should hold). */
    public static Fixture generate(String operator) {
        Spec spec = OperatorFixtureModels.build(operator);
        Random r = new Random(OperatorFixtureModels.SEED ^ ~operator.hashCode());
        return new Fixture(operator, spec.model().bytes(), sample(spec, r), spec.outputStep());
    }

    /** A further sample input for {@code operator}'s fixture, drawn from the same ranges (and grid) with {@code r}. */
    public static Map<String, Tensor> sample(String operator, Random r) {
        return sample(OperatorFixtureModels.build(operator), r);
    }

    /** The sample input as the JSON text that the corpus stores. */
    public static String inputJson(Fixture f) {
        return SampleJson.write(f.input());
    }

    /** Writes every defined fixture and the index into {@code dir}. */
    public static void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> ops = new ArrayList<>(definedOperators());
        ops.sort(null);
        for (String op : ops) {
            Fixture f = generate(op);
            Files.write(dir.resolve(op + ".onnx"), f.model());
            Files.writeString(dir.resolve(op + ".json"), inputJson(f));
        }
        Files.writeString(dir.resolve(INDEX), String.join("\n", ops) + "\n");
    }

    /** Regenerates the corpus into {@code args[0]} (default: the module's test resources). */
    public static void main(String[] args) throws IOException {
        write(Path.of(args.length > 0 ? args[0] : "src/test/resources/" + RESOURCE_DIR));
    }

    private static Map<String, Tensor> sample(Spec spec, Random r) {
        Map<String, Tensor> input = new LinkedHashMap<>();
        for (InputSpec in : spec.inputs()) {
            float[] v = new float[(int) Tensor.elementCount(in.shape())];
            for (int i = 0; i < v.length; i++) {
                v[i] = in.lo() + r.nextFloat() * (in.hi() - in.lo());
                if (in.step() > 0) {
                    v[i] = (float) (Math.rint(v[i] / in.step()) * (double) in.step());
                }
            }
            input.put(in.name(), Tensor.ofFloats(in.shape(), v));
        }
        return input;
    }

    private static byte[] resource(String file) {
        String path = "/" + RESOURCE_DIR + "/" + file;
        try (InputStream in = OperatorFixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no operator fixture resource " + path + "; regenerate the corpus"
                        + " (see OperatorFixtures)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + path, e);
        }
    }
}
