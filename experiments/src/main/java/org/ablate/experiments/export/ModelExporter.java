package org.ablate.experiments.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ablate.core.AblateException;
import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.GraphContext;
import org.ablate.core.graph.Param;
import org.ablate.core.graph.Precision;
import org.ablate.core.registry.Registry;
import org.ablate.experiments.config.ExperimentConfig;
import org.ablate.experiments.run.Assembly;
import org.ablate.experiments.run.TrainedRun;
import org.ablate.models.ClassifierModel;
import org.ablate.models.DataSpec;
import org.ablate.models.LanguageModel;
import org.ablate.models.Model;
import org.ablate.models.Seq2SeqModel;
import org.ablate.models.config.ModelConfig;
import org.ablate.training.io.AtomicFiles;
import org.ablate.training.loop.Checkpoints;
import org.ablate.training.tasks.Task;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Exports a trained run: a clean inference graph (the model's weights and eval-mode ops only, no
 * optimizer) restored from the run's best checkpoint, saved as a SavedModel with a {@code
 * serving_default} signature, or as an {@code .npz} of every weight under its checkpoint name.
 */
public final class ModelExporter implements AutoCloseable {
  private final Graph graph = new Graph();
  private final Session session;
  private final Model model;
  private final GraphContext context;
  private final Signature signature;

  public ModelExporter(Path run, ExperimentConfig config, Registry registry) {
    Task task = Assembly.trainedTask(config, registry, run);
    DataSpec data = task.dataSpec();
    model = registry.make(ModelConfig.SLOT, config.model(), data);
    context = new GraphContext(graph, config.seed(), Precision.FLOAT32);
    model.network().build(context.params());
    signature = serving(context, model, data);
    session = new Session(graph);
    Checkpoints.Entry best = TrainedRun.checkpointOf(run);
    session.restore(best.prefix());
  }

  /** Placeholders and eval-mode outputs of the serving signature. */
  private static Signature serving(GraphContext context, Model model, DataSpec data) {
    Ops tf = context.tf().withSubScope("serving");
    CallScope cs = context.call("serve", false);
    Signature.Builder sig = Signature.builder().key(Signature.DEFAULT_KEY);
    if (model instanceof Seq2SeqModel s2s) {
      long length = s2s.needsStaticLength() ? data.maxLength() : -1;
      Placeholder<TInt32> source =
          tf.withName("source").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, length)));
      Placeholder<TInt32> targetIn =
          tf.withName("target_in")
              .placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, length)));
      Operand<TFloat32> logits = s2s.logits(cs, source, targetIn);
      return sig.input("source", source)
          .input("target_in", targetIn)
          .output("logits", logits)
          .output(
              "log_probs",
              cs.tf()
                  .nn
                  .logSoftmax(
                      cs.tf()
                          .reshape(
                              logits, cs.tf().constant(new int[] {-1, data.targetVocabulary()}))))
          .build();
    }
    if (model instanceof ClassifierModel c) {
      Placeholder<?> input =
          c.input() == ClassifierModel.Input.IMAGES
              ? tf.withName("images")
                  .placeholder(
                      TFloat32.class,
                      Placeholder.shape(
                          Shape.of(-1, data.imageHeight(), data.imageWidth(), data.channels())))
              : tf.withName("tokens")
                  .placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
      Operand<TFloat32> logits = c.logits(cs, input);
      return sig.input(c.input() == ClassifierModel.Input.IMAGES ? "images" : "tokens", input)
          .output("logits", logits)
          .output("probabilities", cs.tf().nn.softmax(logits))
          .build();
    }
    LanguageModel lm = (LanguageModel) model;
    Placeholder<TInt32> tokens =
        tf.withName("tokens").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
    return sig.input("tokens", tokens).output("logits", lm.logits(cs, tokens)).build();
  }

  public Signature signature() {
    return signature;
  }

  /**
   * Writes a SavedModel folder at {@code out}. An existing {@code out} is replaced only with {@code
   * force}; missing parent folders are created (and removed again if the export fails).
   */
  public void savedModel(Path out, boolean force) throws IOException {
    write(
        out,
        force,
        parent -> {
          Path tmp = Files.createTempDirectory(parent, "." + out.getFileName() + ".tmp-");
          SavedModelBundle.exporter(tmp.toString())
              .withSession(session)
              .withSignature(signature)
              .export();
          return tmp;
        });
  }

  /** Writes every weight into an {@code .npz} file at {@code out}; as {@link #savedModel}. */
  public void npz(Path out, boolean force) throws IOException {
    write(
        out,
        force,
        parent -> {
          Path tmp = Files.createTempFile(parent, "." + out.getFileName(), ".tmp");
          try (OutputStream stream = Files.newOutputStream(tmp)) {
            Npz.write(stream, weights());
          }
          AtomicFiles.readable(tmp);
          return tmp;
        });
  }

  /** Writes a temporary output next to {@code out}. */
  private interface Writer {
    Path write(Path parent) throws IOException;
  }

  private static void write(Path out, boolean force, Writer writer) throws IOException {
    if (Files.exists(out) && !force) {
      throw new AblateException(
          out
              + " already exists; choose another --output, or add --force to replace it (nothing"
              + " was overwritten).");
    }
    Path parent = out.toAbsolutePath().getParent();
    Path firstCreated = null;
    for (Path p = parent; p != null && !Files.exists(p); p = p.getParent()) {
      firstCreated = p;
    }
    Files.createDirectories(parent);
    Path tmp = null;
    try {
      tmp = writer.write(parent);
      if (Files.isDirectory(out)) {
        AtomicFiles.deleteTree(out);
      }
      AtomicFiles.move(tmp, out);
    } catch (IOException | RuntimeException e) {
      if (tmp != null) {
        AtomicFiles.deleteTree(tmp);
      }
      if (firstCreated != null) {
        AtomicFiles.deleteTree(firstCreated);
      }
      throw e;
    }
  }

  /** Every weight, by checkpoint name, as float32 arrays. */
  public Map<String, Npz.Array> weights() {
    Map<String, Npz.Array> out = new LinkedHashMap<>();
    List<Param> params = context.parameters();
    for (Param p : params) {
      try (Result r = session.runner().fetch(p.variable()).run()) {
        TFloat32 t = (TFloat32) r.get(0);
        float[] values = new float[(int) p.size()];
        t.asRawTensor().data().asFloats().read(values);
        out.put(p.name(), new Npz.Array(p.shape(), values));
      }
    }
    return out;
  }

  public Session session() {
    return session;
  }

  public Model model() {
    return model;
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
