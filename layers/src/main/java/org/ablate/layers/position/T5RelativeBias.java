package org.ablate.layers.position;

import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Initializer;
import org.ablate.core.graph.ParamScope;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * T5's relative position bias (Raffel et al. 2020, "Exploring the Limits of Transfer Learning with
 * a Unified Text-to-Text Transformer", section 2.1): nothing is added to the input; in every
 * self-attention, head h adds a learned scalar {@code bias[bucket(j - i), h]} to the score of query
 * i for key j. One table {@code [buckets, H]} serves every layer, as in T5. The buckets are those
 * of the T5 code (bidirectional): half for keys before the query and half for keys after; within a
 * half, distances below buckets/4 get a bucket each, larger ones share buckets that grow
 * logarithmically up to {@code max_distance}, beyond which all share the last. Computed in float as
 * the reference code does.
 *
 * <p>Departures: T5 gives its decoder a table of its own with one-sided buckets; here the encoder
 * and the decoder share one table with two-sided buckets (in the decoder the causal mask hides the
 * keys after the query, so their buckets are never used there). T5 also drops the 1 / sqrt(d_k) of
 * the scores, which is kept here. Legend: H heads, Tq queries, Tk keys.
 */
final class T5RelativeBias extends InAttentionPositions {
  private final T5BiasConfig config;
  private final int[] bucketOf; // bucket of relative position r at index r + max_distance
  private Variable<TFloat32> table;

  T5RelativeBias(String name, PositionSpec spec, T5BiasConfig config) {
    super(name, spec);
    this.config = config;
    if (config.buckets() % 2 != 0 || config.maxDistance() <= config.buckets() / 4) {
      throw new IllegalArgumentException(
          "t5_bias needs an even number of buckets and max_distance above buckets / 4, got"
              + " buckets="
              + config.buckets()
              + " and max_distance="
              + config.maxDistance()
              + "; T5 uses 32 and 128");
    }
    bucketOf = new int[2 * config.maxDistance() + 1];
    for (int r = -config.maxDistance(); r <= config.maxDistance(); r++) {
      bucketOf[r + config.maxDistance()] = bucket(r, config.buckets(), config.maxDistance());
    }
  }

  /**
   * The bucket of relative position {@code r} = key position - query position, as T5's {@code
   * _relative_position_bucket} with {@code bidirectional=True}.
   */
  static int bucket(int r, int buckets, int maxDistance) {
    int half = buckets / 2;
    int offset = r > 0 ? half : 0; // keys after the query use the second half
    int n = Math.abs(r);
    int maxExact = half / 2;
    if (n < maxExact) {
      return offset + n;
    }
    float log = (float) Math.log((float) n / maxExact);
    float range = (float) Math.log((double) maxDistance / maxExact);
    int large = maxExact + (int) (log / range * (half - maxExact));
    return offset + Math.min(large, half - 1);
  }

  @Override
  protected void createParams(ParamScope scope) {
    table =
        param(
            scope,
            "relative_bias",
            new long[] {config.buckets(), spec.heads()},
            Initializer.truncatedNormal(0.02));
  }

  @Override
  public Operand<TFloat32> scoreBias(
      CallScope cs, Operand<TInt32> queryOffset, Operand<TInt32> tq, Operand<TInt32> tk) {
    checkBuilt();
    Ops tf = cs.tf();
    Operand<TInt32> relative =
        RelativeDistances.keyMinusQuery(tf, queryOffset, tq, tk, config.maxDistance()); // [Tq, Tk]
    Operand<TInt32> buckets =
        tf.gather(
            tf.constant(bucketOf),
            tf.math.add(relative, tf.constant(config.maxDistance())),
            tf.constant(0)); // [Tq, Tk]
    Operand<TFloat32> bias = tf.gather(table, buckets, tf.constant(0)); // [Tq, Tk, H]
    return tf.linalg.transpose(bias, tf.constant(new int[] {2, 0, 1})); // [H, Tq, Tk]
  }

  Variable<TFloat32> table() {
    return table;
  }

  @Override
  public String describe() {
    return "T5RelativeBias(buckets="
        + config.buckets()
        + ", max_distance="
        + config.maxDistance()
        + ", heads="
        + spec.heads()
        + ")";
  }
}
