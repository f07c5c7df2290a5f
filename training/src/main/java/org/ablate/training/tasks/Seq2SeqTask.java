package org.ablate.training.tasks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ablate.core.config.ConfigException;
import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.GraphContext;
import org.ablate.layers.attention.Masks;
import org.ablate.models.DataSpec;
import org.ablate.models.Model;
import org.ablate.models.Seq2SeqModel;
import org.ablate.training.config.DecodeConfig;
import org.ablate.training.config.EvalConfig;
import org.ablate.training.data.Seq2SeqExample;
import org.ablate.training.data.Tokenizer;
import org.ablate.training.data.Tokens;
import org.ablate.training.decode.Hypothesis;
import org.ablate.training.decode.SequenceGenerator;
import org.ablate.training.graph.Losses;
import org.ablate.training.metrics.Bleu;
import org.ablate.training.metrics.Chrf;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Sequence-to-sequence training with teacher forcing: source ids plus EOS in, BOS + target in,
 * target + EOS out, cross-entropy over real target tokens (padding ignored). Evaluation reports the
 * teacher-forced loss, perplexity and token accuracy, and decodes to measure exact-match sequence
 * accuracy and, for text, corpus BLEU and chrF on detokenized output.
 */
public final class Seq2SeqTask extends Task {
  private final Seq2SeqSource source;
  private final EvalConfig eval;
  private final Map<Integer, Inputs> graphs = new LinkedHashMap<>();
  private SequenceGenerator generator;
  private Seq2SeqModel seq2seqModel;
  private boolean staticLengths;

  private record Inputs(
      Placeholder<TInt32> source,
      Placeholder<TInt32> targetIn,
      Placeholder<TInt32> targetOut,
      Losses.Terms eval) {}

  /** Padded arrays of a batch. */
  record Padded(int[][] source, int[][] targetIn, int[][] targetOut, int key, long targetTokens) {}

  public Seq2SeqTask(Seq2SeqSource source, EvalConfig eval) {
    this.source = source;
    this.eval = eval;
  }

  @Override
  public DataSpec dataSpec() {
    int longest = source.buckets().get(source.buckets().size() - 1);
    return DataSpec.sequences(source.sourceVocabulary(), source.targetVocabulary(), longest);
  }

  @Override
  public String unit() {
    return "target_tokens";
  }

  @Override
  public String describe() {
    return source.describe();
  }

  @Override
  public List<String> metricNames() {
    return source.targetTokenizer() == null
        ? List.of("loss", "ppl", "token_accuracy", "sequence_accuracy")
        : List.of("loss", "ppl", "token_accuracy", "sequence_accuracy", "bleu", "chrf");
  }

  @Override
  public List<Path> dataFiles() {
    return source.files();
  }

  @Override
  public void save(Path runDirectory) {
    source.save(runDirectory);
  }

  @Override
  public List<LossGraph> build(GraphContext context, Model model, double labelSmoothing) {
    if (!(model instanceof Seq2SeqModel s2s)) {
      throw new ConfigException(
          "model "
              + model.network().name()
              + " cannot be trained on a sequence-to-sequence task; use model.type transformer or rnn_seq2seq.");
    }
    staticLengths = s2s.needsStaticLength();
    seq2seqModel = s2s;
    List<Integer> keys = staticLengths ? source.buckets() : List.of(-1);
    int vocabulary = source.targetVocabulary();
    List<LossGraph> losses = new ArrayList<>();
    for (int key : keys) {
      String suffix = key < 0 ? "" : "_" + key;
      Ops in = context.tf().withSubScope("inputs" + suffix);
      Placeholder<TInt32> src =
          in.withName("source").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, key)));
      Placeholder<TInt32> tgtIn =
          in.withName("target_in").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, key)));
      Placeholder<TInt32> tgtOut =
          in.withName("target_out").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, key)));
      CallScope train = context.call("train" + suffix, true);
      Operand<TFloat32> weights = Masks.notPad(train.tf(), tgtOut, Tokens.PAD);
      Losses.Terms terms =
          Losses.crossEntropy(
              train.tf(),
              s2s.logits(train, src, tgtIn),
              tgtOut,
              weights,
              vocabulary,
              labelSmoothing);
      losses.add(new LossGraph(String.valueOf(key), terms, terms.mean(train.tf())));
      CallScope ev = context.call("eval" + suffix, false);
      Losses.Terms evalTerms =
          Losses.crossEntropy(
              ev.tf(),
              s2s.logits(ev, src, tgtIn),
              tgtOut,
              Masks.notPad(ev.tf(), tgtOut, Tokens.PAD),
              vocabulary,
              0.0);
      graphs.put(key, new Inputs(src, tgtIn, tgtOut, evalTerms));
    }
    generator = new SequenceGenerator(context, s2s, staticLengths ? keys : null, vocabulary);
    return losses;
  }

  private int keyFor(int needed) {
    if (!staticLengths) {
      return -1;
    }
    for (int b : source.buckets()) {
      if (needed <= b) {
        return b;
      }
    }
    return source.buckets().get(source.buckets().size() - 1);
  }

  /** Pads (and, beyond the largest static bucket, truncates) examples into batch arrays. */
  Padded pad(List<Seq2SeqExample> examples) {
    int need = examples.stream().mapToInt(Seq2SeqExample::length).max().orElse(1);
    int key = keyFor(need);
    int srcLen =
        key > 0 ? key : examples.stream().mapToInt(e -> e.source().length + 1).max().orElse(1);
    int tgtLen =
        key > 0 ? key : examples.stream().mapToInt(e -> e.target().length + 1).max().orElse(1);
    int n = examples.size();
    int[][] src = new int[n][srcLen];
    int[][] tin = new int[n][tgtLen];
    int[][] tout = new int[n][tgtLen];
    long tokens = 0;
    for (int i = 0; i < n; i++) {
      int[] s = withEos(examples.get(i).source(), srcLen);
      System.arraycopy(s, 0, src[i], 0, s.length);
      int[] t = examples.get(i).target();
      int tl = Math.min(t.length, tgtLen - 1);
      tin[i][0] = Tokens.BOS;
      System.arraycopy(t, 0, tin[i], 1, tl);
      System.arraycopy(t, 0, tout[i], 0, tl);
      tout[i][tl] = Tokens.EOS;
      tokens += tl + 1;
    }
    return new Padded(src, tin, tout, key, tokens);
  }

  /** {@code ids} cut to fit {@code length} with a final EOS. */
  private static int[] withEos(int[] ids, int length) {
    int n = Math.min(ids.length, length - 1);
    int[] out = Arrays.copyOf(ids, n + 1);
    out[n] = Tokens.EOS;
    return out;
  }

  @Override
  public Batch trainBatch(long microStep) {
    Padded p = pad(source.trainBatch(microStep));
    Inputs in = graphs.get(p.key());
    Map<Operand<?>, Tensor> feeds = new LinkedHashMap<>();
    feeds.put(in.source(), TInt32.tensorOf(StdArrays.ndCopyOf(p.source())));
    feeds.put(in.targetIn(), TInt32.tensorOf(StdArrays.ndCopyOf(p.targetIn())));
    feeds.put(in.targetOut(), TInt32.tensorOf(StdArrays.ndCopyOf(p.targetOut())));
    return new Batch(String.valueOf(p.key()), feeds, p.targetTokens());
  }

  @Override
  public Evaluation evaluate(Session session, Split split) {
    List<Seq2SeqExample> examples = source.examples(split);
    int decodeCount =
        split == Split.DEV && eval.devDecodeSize() > 0
            ? Math.min(eval.devDecodeSize(), examples.size())
            : examples.size();
    List<String> references = source.targetTokenizer() == null ? null : source.references(split);
    Evaluation e = evaluate(session, examples, split.prefix() + "_", decodeCount, references);
    if (references != null) {
      // the texts beside each output, for reports that show outputs side by side
      List<String> sources = source.sources(split);
      for (int i = 0; sources != null && i < Math.min(sources.size(), e.details().size()); i++) {
        e.details().get(i).put("source", sources.get(i));
        e.details().get(i).put("reference", references.get(i));
      }
    }
    return e;
  }

  @Override
  public Map<String, Object> dataFacts() {
    return source.dataFacts();
  }

  @Override
  public Map<String, Evaluation> evaluateExtraTests(Session session) {
    Map<String, Evaluation> out = new LinkedHashMap<>();
    source
        .extraTests()
        .forEach(
            (name, examples) ->
                out.put(
                    name,
                    evaluate(
                        session,
                        examples,
                        "test_" + name + "_",
                        examples.size(),
                        source.extraReferences().get(name))));
    return out;
  }

  /**
   * Teacher-forced loss, perplexity and token accuracy of {@code examples}, and the exact-match
   * accuracy of the first {@code decodeCount} decoded (with BLEU and chrF against {@code
   * references} for text; null otherwise), as metrics named {@code prefix + metric}.
   */
  private Evaluation evaluate(
      Session session,
      List<Seq2SeqExample> examples,
      String prefix,
      int decodeCount,
      List<String> references) {
    double loss = 0;
    double tokens = 0;
    double correct = 0;
    double[] exampleLoss = new double[examples.size()];
    double[] exampleTokens = new double[examples.size()];
    for (List<Integer> chunk : chunks(examples, examples.size(), e -> e.length())) {
      Padded p = pad(chunk.stream().map(examples::get).toList());
      Inputs in = graphs.get(p.key());
      try (TInt32 s = TInt32.tensorOf(StdArrays.ndCopyOf(p.source()));
          TInt32 ti = TInt32.tensorOf(StdArrays.ndCopyOf(p.targetIn()));
          TInt32 to = TInt32.tensorOf(StdArrays.ndCopyOf(p.targetOut()));
          Result r =
              session
                  .runner()
                  .feed(in.source(), s)
                  .feed(in.targetIn(), ti)
                  .feed(in.targetOut(), to)
                  .fetch(in.eval().lossSum())
                  .fetch(in.eval().weight())
                  .fetch(in.eval().correct())
                  .fetch(in.eval().exampleLoss())
                  .fetch(in.eval().exampleWeight())
                  .run()) {
        loss += ((TFloat32) r.get(0)).getFloat();
        tokens += ((TFloat32) r.get(1)).getFloat();
        correct += ((TFloat32) r.get(2)).getFloat();
        for (int k = 0; k < chunk.size(); k++) {
          exampleLoss[chunk.get(k)] = ((TFloat32) r.get(3)).getFloat(k);
          exampleTokens[chunk.get(k)] = ((TFloat32) r.get(4)).getFloat(k);
        }
      }
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put(prefix + "loss", loss / tokens);
    metrics.put(prefix + "ppl", Math.exp(loss / tokens));
    metrics.put(prefix + "token_accuracy", correct / tokens);
    List<int[]> hypotheses =
        decode(
            session,
            examples.subList(0, decodeCount).stream().map(Seq2SeqExample::source).toList(),
            eval.decode());
    Tokenizer detok = references == null ? null : source.targetTokenizer();
    int exact = 0;
    List<String> hypText = new ArrayList<>();
    List<Map<String, Object>> perExample = new ArrayList<>();
    for (int i = 0; i < decodeCount; i++) {
      Map<String, Object> d = new LinkedHashMap<>();
      boolean match;
      if (detok == null) {
        match = Arrays.equals(hypotheses.get(i), examples.get(i).target());
        hypText.add(Arrays.toString(hypotheses.get(i)));
      } else {
        String h = detok.decode(hypotheses.get(i));
        String ref = references.get(i);
        hypText.add(h);
        match = h.equals(ref);
        d.put("bleu", Bleu.sentenceStats(h, ref));
        d.put("chrf", Chrf.sentenceStats(h, ref));
      }
      exact += match ? 1 : 0;
      d.put("correct", match ? 1 : 0);
      perExample.add(d);
    }
    for (int i = 0; i < examples.size(); i++) {
      if (i >= perExample.size()) {
        perExample.add(new LinkedHashMap<>());
      }
      perExample.get(i).put("loss", exampleLoss[i]);
      perExample.get(i).put("tokens", exampleTokens[i]);
    }
    metrics.put(prefix + "sequence_accuracy", (double) exact / decodeCount);
    if (detok != null) {
      List<String> refs = references.subList(0, decodeCount);
      metrics.put(prefix + "bleu", Bleu.corpus(hypText, refs).score());
      metrics.put(prefix + "chrf", Chrf.corpus(hypText, refs));
    }
    return new Evaluation(metrics, perExample, hypText);
  }

  /**
   * The longest source in tokens, end token included, that decoding accepts: the model's limit, or
   * for models unrolled over static lengths, the largest length bucket.
   */
  public int maxSourceLength() {
    int largest = source.buckets().get(source.buckets().size() - 1);
    return staticLengths ? largest : Math.min(largest, seq2seqModel.maxSourceLength());
  }

  /** Decodes token-id sources (no EOS), in the given order; the best hypothesis of each. */
  public List<int[]> decode(Session session, List<int[]> sources, DecodeConfig config) {
    return decodeNBest(session, sources, config, 1).stream().map(h -> h.get(0).tokens()).toList();
  }

  /** Decodes token-id sources (no EOS) into up to {@code nBest} hypotheses each, in input order. */
  public List<List<Hypothesis>> decodeNBest(
      Session session, List<int[]> sources, DecodeConfig config, int nBest) {
    List<List<Hypothesis>> out =
        new ArrayList<>(java.util.Collections.nCopies(sources.size(), null));
    int largest = source.buckets().get(source.buckets().size() - 1);
    for (List<Integer> chunk : chunks(sources, sources.size(), s -> s.length + 1)) {
      int need = chunk.stream().mapToInt(i -> sources.get(i).length + 1).max().orElse(1);
      int key = staticLengths ? keyFor(need) : -1;
      int length = staticLengths ? key : Math.min(need, Integer.MAX_VALUE);
      List<int[]> batch =
          chunk.stream()
              .map(i -> withEos(sources.get(i), staticLengths ? length : sources.get(i).length + 1))
              .toList();
      List<List<Hypothesis>> hyps =
          generator.decode(session, batch, staticLengths ? length : largest, config, nBest);
      for (int j = 0; j < chunk.size(); j++) {
        out.set(chunk.get(j), hyps.get(j));
      }
    }
    return out;
  }

  /**
   * Index chunks of at most the eval batch size, sorted by length; for static models within one
   * bucket.
   */
  private <T> List<List<Integer>> chunks(
      List<T> items, int count, java.util.function.ToIntFunction<T> length) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingInt(i -> length.applyAsInt(items.get(i))));
    List<List<Integer>> out = new ArrayList<>();
    List<Integer> current = new ArrayList<>();
    int currentKey = Integer.MIN_VALUE;
    int perBatch = Math.max(1, eval.batchSize() / Math.max(1, eval.decode().beam()));
    for (int i : order) {
      int key = keyFor(length.applyAsInt(items.get(i)));
      if (!current.isEmpty() && (current.size() >= perBatch || key != currentKey)) {
        out.add(current);
        current = new ArrayList<>();
      }
      current.add(i);
      currentKey = key;
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }

  public Seq2SeqSource source() {
    return source;
  }
}
