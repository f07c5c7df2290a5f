package org.ablate.training.tasks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ablate.core.config.ConfigException;
import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.GraphContext;
import org.ablate.layers.attention.Masks;
import org.ablate.models.DataSpec;
import org.ablate.models.LanguageModel;
import org.ablate.models.Model;
import org.ablate.training.config.EvalConfig;
import org.ablate.training.config.LanguageModelData;
import org.ablate.training.data.BatchPlan;
import org.ablate.training.data.ParallelCorpus;
import org.ablate.training.data.Tokenizer;
import org.ablate.training.data.Tokenizers;
import org.ablate.training.data.Tokens;
import org.ablate.training.graph.Losses;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Next-token language modelling on one side of a corpus: each line is BOS + tokens + EOS; the model
 * reads BOS + tokens and predicts tokens + EOS. Reports loss, perplexity and token accuracy.
 */
public final class LanguageModelTask extends Task {
  static final String TOKENIZER = "tokenizer.json";
  private final LanguageModelData config;
  private final EvalConfig eval;
  private final CorpusText text;
  private final Tokenizer tokenizer;
  private final List<List<int[]>> lines = new ArrayList<>();
  private final BatchPlan plan;
  private Placeholder<TInt32> inputs;
  private Placeholder<TInt32> targets;
  private Losses.Terms evalTerms;

  LanguageModelTask(LanguageModelData config, TaskContext context) {
    this.config = config;
    this.eval = context.eval();
    this.text = new CorpusText(context.dataPath(config.corpus()));
    boolean source = config.side() == LanguageModelData.Side.SOURCE;
    this.tokenizer =
        CorpusText.tokenizer(
            context,
            TOKENIZER,
            config.tokenizer(),
            () -> source ? text.train().sources() : text.train().targets());
    for (ParallelCorpus c : List.of(text.train(), text.split(Split.DEV), text.split(Split.TEST))) {
      List<int[]> part = new ArrayList<>();
      for (String line : source ? c.sources() : c.targets()) {
        int[] ids = tokenizer.encode(line);
        part.add(java.util.Arrays.copyOf(ids, Math.min(ids.length, config.maxLength())));
      }
      lines.add(part);
    }
    int[] lengths = lines.get(0).stream().mapToInt(l -> l.length + 1).toArray();
    List<Integer> buckets = new ArrayList<>();
    for (int b = 8; b < config.maxLength() + 1; b *= 2) {
      buckets.add(b);
    }
    buckets.add(config.maxLength() + 1);
    this.plan =
        new BatchPlan(
            lengths,
            buckets,
            context.batching().unit(),
            context.batching().batchSize(),
            context.seed());
  }

  @Override
  public DataSpec dataSpec() {
    return DataSpec.sequences(
        tokenizer.vocabularySize(), tokenizer.vocabularySize(), config.maxLength() + 1);
  }

  @Override
  public String unit() {
    return "tokens";
  }

  @Override
  public String describe() {
    return "language model on the "
        + config.side().name().toLowerCase(Locale.ROOT)
        + " side of "
        + text.folder
        + ": "
        + lines.get(0).size()
        + " training lines, vocabulary "
        + tokenizer.vocabularySize();
  }

  @Override
  public List<String> metricNames() {
    return List.of("loss", "ppl", "token_accuracy");
  }

  @Override
  public List<Path> dataFiles() {
    return text.files();
  }

  @Override
  public void save(Path runDirectory) {
    Tokenizers.save(tokenizer, runDirectory.resolve(TOKENIZER));
  }

  @Override
  public List<LossGraph> build(GraphContext context, Model model, double labelSmoothing) {
    if (!(model instanceof LanguageModel lm)) {
      throw new ConfigException(
          "model "
              + model.network().name()
              + " is not a language model; use model.type transformer_lm.");
    }
    Ops in = context.tf().withSubScope("inputs");
    inputs = in.withName("tokens").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
    targets = in.withName("targets").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
    int v = tokenizer.vocabularySize();
    CallScope train = context.call("train", true);
    Losses.Terms terms =
        Losses.crossEntropy(
            train.tf(),
            lm.logits(train, inputs),
            targets,
            Masks.notPad(train.tf(), targets, Tokens.PAD),
            v,
            labelSmoothing);
    CallScope ev = context.call("eval", false);
    evalTerms =
        Losses.crossEntropy(
            ev.tf(),
            lm.logits(ev, inputs),
            targets,
            Masks.notPad(ev.tf(), targets, Tokens.PAD),
            v,
            0.0);
    return List.of(new LossGraph("all", terms, terms.mean(train.tf())));
  }

  private Map<Operand<?>, Tensor> feeds(List<int[]> batch) {
    int width = batch.stream().mapToInt(l -> l.length + 1).max().orElse(1);
    int[] x = new int[batch.size() * width];
    int[] y = new int[batch.size() * width];
    for (int r = 0; r < batch.size(); r++) {
      int[] ids = batch.get(r);
      x[r * width] = Tokens.BOS;
      System.arraycopy(ids, 0, x, r * width + 1, ids.length);
      System.arraycopy(ids, 0, y, r * width, ids.length);
      y[r * width + ids.length] = Tokens.EOS;
    }
    Map<Operand<?>, Tensor> feeds = new LinkedHashMap<>();
    feeds.put(
        inputs, TInt32.tensorOf(Shape.of(batch.size(), width), DataBuffers.of(x, true, false)));
    feeds.put(
        targets, TInt32.tensorOf(Shape.of(batch.size(), width), DataBuffers.of(y, true, false)));
    return feeds;
  }

  @Override
  public Batch trainBatch(long microStep) {
    List<int[]> batch = new ArrayList<>();
    long tokens = 0;
    for (int i : plan.batch(microStep - 1)) {
      batch.add(lines.get(0).get(i));
      tokens += lines.get(0).get(i).length + 1;
    }
    return new Batch("all", feeds(batch), tokens);
  }

  @Override
  public Evaluation evaluate(Session session, Split split) {
    List<int[]> part = new ArrayList<>(lines.get(split == Split.DEV ? 1 : 2));
    part.sort(java.util.Comparator.comparingInt(l -> l.length));
    double loss = 0;
    double tokens = 0;
    double correct = 0;
    for (int from = 0; from < part.size(); from += eval.batchSize()) {
      Map<Operand<?>, Tensor> feeds =
          feeds(part.subList(from, Math.min(part.size(), from + eval.batchSize())));
      Session.Runner runner = session.runner();
      feeds.forEach(runner::feed);
      try (Result r =
          runner
              .fetch(evalTerms.lossSum())
              .fetch(evalTerms.weight())
              .fetch(evalTerms.correct())
              .run()) {
        loss += ((TFloat32) r.get(0)).getFloat();
        tokens += ((TFloat32) r.get(1)).getFloat();
        correct += ((TFloat32) r.get(2)).getFloat();
      } finally {
        feeds.values().forEach(Tensor::close);
      }
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put(split.prefix() + "_loss", loss / tokens);
    metrics.put(split.prefix() + "_ppl", Math.exp(loss / tokens));
    metrics.put(split.prefix() + "_token_accuracy", correct / tokens);
    return new Evaluation(metrics, List.of(), List.of());
  }
}
