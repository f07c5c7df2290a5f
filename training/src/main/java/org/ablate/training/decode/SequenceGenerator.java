package org.ablate.training.decode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.GraphContext;
import org.ablate.models.Seq2SeqModel;
import org.ablate.training.config.DecodeConfig;
import org.ablate.training.data.Tokens;
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
 * Decodes with any {@link Seq2SeqModel}: builds the model's encode graph (one per static source
 * length for unrolled models) and one step graph, then runs {@link Search} with a session. The
 * encoder runs once per batch; its memory tensors are fed back unchanged at every step, and the
 * decoder state is reordered in the graph by the beam origins.
 *
 * <p>Legend: B sources in the batch, R = B * beam rows, S source length, V target vocabulary.
 */
public final class SequenceGenerator {
  private final Map<Integer, Encoder> encoders = new LinkedHashMap<>();
  private final List<Placeholder<?>> memoryIn = new ArrayList<>();
  private final List<Placeholder<?>> stateIn = new ArrayList<>();
  private final Placeholder<TInt32> tokensIn;
  private final Placeholder<TInt32> originsIn;
  private final Operand<TFloat32> logProbs;
  private final List<Operand<?>> stateOut;
  private final int vocabulary;
  private final int maxOutput;

  private record Encoder(
      Placeholder<TInt32> source,
      Placeholder<TInt32> expand,
      List<Operand<?>> memory,
      List<Operand<?>> state) {}

  /**
   * @param lengths static source lengths to build encoders for, or null for one dynamic encoder
   */
  public SequenceGenerator(
      GraphContext context, Seq2SeqModel model, List<Integer> lengths, int vocabulary) {
    this.vocabulary = vocabulary;
    this.maxOutput = model.maxOutputLength();
    List<Integer> keys = lengths == null ? List.of(-1) : lengths;
    for (int length : keys) {
      CallScope cs = context.call("decode_encoder" + (length < 0 ? "" : "_" + length), false);
      Ops tf = cs.tf();
      Placeholder<TInt32> source =
          tf.withName("source").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, length)));
      Placeholder<TInt32> expand =
          tf.withName("expand").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      Seq2SeqModel.Encoded encoded = model.encode(cs, source);
      encoders.put(
          length,
          new Encoder(
              source,
              expand,
              gatherRows(tf, encoded.memory(), expand),
              gatherRows(tf, encoded.initialState(), expand)));
    }
    Encoder first = encoders.values().iterator().next();
    CallScope cs = context.call("decode_step", false);
    Ops tf = cs.tf();
    for (int i = 0; i < first.memory().size(); i++) {
      memoryIn.add(placeholderLike(tf, "memory_" + i, column(encoders, i, true)));
    }
    for (int i = 0; i < first.state().size(); i++) {
      stateIn.add(placeholderLike(tf, "state_" + i, column(encoders, i, false)));
    }
    tokensIn = tf.withName("tokens").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    originsIn = tf.withName("origins").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    List<Operand<?>> reordered = new ArrayList<>();
    for (Placeholder<?> s : stateIn) {
      reordered.add(tf.gather(s, originsIn, tf.constant(0)));
    }
    Seq2SeqModel.Step step = model.step(cs, new ArrayList<>(memoryIn), reordered, tokensIn);
    logProbs = tf.nn.logSoftmax(step.logits()); // [R, V]; rank 2, no gradient needed
    stateOut = step.state();
  }

  private static List<Operand<?>> gatherRows(
      Ops tf, List<Operand<?>> tensors, Operand<TInt32> rows) {
    List<Operand<?>> out = new ArrayList<>();
    for (Operand<?> t : tensors) {
      out.add(tf.gather(t, rows, tf.constant(0)));
    }
    return out;
  }

  /** The i-th memory (or state) tensor of every encoder, to derive one placeholder shape. */
  private static List<Operand<?>> column(Map<Integer, Encoder> encoders, int i, boolean memory) {
    List<Operand<?>> out = new ArrayList<>();
    for (Encoder e : encoders.values()) {
      out.add(memory ? e.memory().get(i) : e.state().get(i));
    }
    return out;
  }

  /**
   * A placeholder of the tensors' type; dimensions that differ, the batch, and empty dimensions (a
   * cache that grows at every step starts empty) are unknown.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Placeholder<?> placeholderLike(Ops tf, String name, List<Operand<?>> like) {
    Shape s = like.get(0).shape();
    long[] dims = new long[s.numDimensions()];
    for (int d = 0; d < dims.length; d++) {
      dims[d] = d == 0 ? -1 : s.size(d);
      for (Operand<?> o : like) {
        if (o.shape().size(d) != dims[d] || dims[d] == 0) {
          dims[d] = -1;
        }
      }
    }
    Class type = like.get(0).type();
    return tf.withName(name).placeholder(type, Placeholder.shape(Shape.of(dims)));
  }

  /**
   * Decodes one batch. {@code sources} are token ids ending with EOS, unpadded; {@code length} is
   * the padded source length the encoder takes (ignored by dynamic models). Returns up to {@code
   * nBest} hypotheses per source.
   */
  public List<List<Hypothesis>> decode(
      Session session, List<int[]> sources, int length, DecodeConfig config, int nBest) {
    Encoder encoder = encoders.containsKey(-1) ? encoders.get(-1) : encoders.get(length);
    if (encoder == null) {
      throw new IllegalArgumentException(
          "no encoder for source length " + length + "; built for " + encoders.keySet());
    }
    int batch = sources.size();
    int beam = config.beam();
    int padded =
        encoder == encoders.get(-1)
            ? sources.stream().mapToInt(a -> a.length).max().orElse(1)
            : length;
    int[][] src = new int[batch][padded];
    int[] maxLengths = new int[batch];
    for (int b = 0; b < batch; b++) {
      int[] s = sources.get(b);
      System.arraycopy(s, 0, src[b], 0, Math.min(s.length, padded));
      int realLength = s.length - (s.length > 0 && s[s.length - 1] == Tokens.EOS ? 1 : 0);
      maxLengths[b] =
          Math.min(
              maxOutput,
              (int) Math.ceil(config.maxLengthRatio() * realLength) + config.maxLengthExtra());
    }
    int[] expand = new int[batch * beam];
    for (int r = 0; r < expand.length; r++) {
      expand[r] = r / beam;
    }
    List<Tensor> memory = new ArrayList<>();
    List<Tensor> state = new ArrayList<>();
    try (TInt32 srcT = TInt32.tensorOf(StdArrays.ndCopyOf(src));
        TInt32 expandT = TInt32.vectorOf(expand)) {
      Session.Runner runner =
          session.runner().feed(encoder.source(), srcT).feed(encoder.expand(), expandT);
      encoder.memory().forEach(runner::fetch);
      encoder.state().forEach(runner::fetch);
      Result r = runner.run();
      int m = encoder.memory().size();
      for (int i = 0; i < r.size(); i++) {
        (i < m ? memory : state).add(r.get(i));
      }
      // The Result owns its tensors; keep them open by not closing it here and closing the list
      // later.
      Search.Stepper stepper =
          (origins, tokens) -> {
            Session.Runner step = session.runner();
            try (TInt32 o = TInt32.vectorOf(origins);
                TInt32 t = TInt32.vectorOf(tokens)) {
              for (int i = 0; i < memoryIn.size(); i++) {
                step.feed(memoryIn.get(i), memory.get(i));
              }
              for (int i = 0; i < stateIn.size(); i++) {
                step.feed(stateIn.get(i), state.get(i));
              }
              step.feed(originsIn, o).feed(tokensIn, t).fetch(logProbs);
              stateOut.forEach(step::fetch);
              Result out = step.run();
              TFloat32 lp = (TFloat32) out.get(0);
              float[] flat = new float[(int) lp.shape().size()];
              lp.asRawTensor().data().asFloats().read(flat);
              lp.close();
              state.forEach(Tensor::close);
              state.clear();
              for (int i = 1; i < out.size(); i++) {
                state.add(out.get(i));
              }
              return flat;
            }
          };
      if (beam == 1) {
        List<List<Hypothesis>> out = new ArrayList<>();
        for (Hypothesis h :
            Search.greedy(stepper, vocabulary, maxLengths, config.lengthPenalty())) {
          out.add(List.of(h));
        }
        return out;
      }
      return Search.beam(stepper, vocabulary, maxLengths, beam, config.lengthPenalty(), nBest);
    } finally {
      memory.forEach(Tensor::close);
      state.forEach(Tensor::close);
    }
  }

  /** Static source lengths this generator was built for (empty for dynamic models). */
  public List<Integer> lengths() {
    return encoders.containsKey(-1) ? List.of() : List.copyOf(encoders.keySet());
  }
}
