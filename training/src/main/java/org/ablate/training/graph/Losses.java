package org.ablate.training.graph;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.OneHot;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Cross-entropy losses built from ops whose gradients TF Java has (the sparse softmax cross-entropy
 * op has none): targets become smoothed one-hot rows and {@code SoftmaxCrossEntropyWithLogits} runs
 * on logits reshaped to 2-D (which also avoids LogSoftmax's wrong gradient for rank 3).
 */
public final class Losses {
  private Losses() {}

  /**
   * Sums over the weighted positions: loss, weight (token or example count) and correct argmaxes.
   */
  public record Terms(
      Operand<TFloat32> lossSum,
      Operand<TFloat32> weight,
      Operand<TFloat32> correct,
      Operand<TFloat32> exampleLoss,
      Operand<TFloat32> exampleWeight) {
    /** The mean loss per weighted position. */
    public Operand<TFloat32> mean(Ops tf) {
      return tf.math.div(lossSum, tf.math.maximum(weight, tf.constant(1f)));
    }
  }

  /**
   * Label-smoothed cross-entropy (Szegedy et al. 2016) with the PyTorch convention: the target
   * distribution is (1 - eps) one-hot + eps / V uniform. {@code logits [..., V]}, {@code targets
   * [...]}, {@code weights [...]} (0 for padding, or null for all ones).
   */
  public static Terms crossEntropy(
      Ops tf,
      Operand<TFloat32> logits,
      Operand<TInt32> targets,
      Operand<TFloat32> weights,
      int vocabulary,
      double epsilon) {
    Operand<TFloat32> flatLogits =
        tf.reshape(logits, tf.constant(new int[] {-1, vocabulary})); // [N, V]
    Operand<TInt32> flatTargets = tf.reshape(targets, tf.constant(new int[] {-1})); // [N]
    float off = (float) (epsilon / vocabulary);
    Operand<TFloat32> labels =
        tf.oneHot(
            flatTargets,
            tf.constant(vocabulary),
            tf.constant((float) (1 - epsilon) + off),
            tf.constant(off),
            OneHot.axis(-1L));
    Operand<TFloat32> perRow =
        tf.nn.softmaxCrossEntropyWithLogits(flatLogits, labels).loss(); // [N]
    Operand<TInt32> predicted =
        tf.dtypes.cast(tf.math.argMax(flatLogits, tf.constant(-1), TInt64.class), TInt32.class);
    Operand<TFloat32> hits = tf.dtypes.cast(tf.math.equal(predicted, flatTargets), TFloat32.class);
    Operand<TInt32> all = tf.constant(0);
    if (weights == null) {
      // No OnesLike here: it has no gradient in TF Java, and a float path through it breaks
      // training.
      Operand<TFloat32> count = tf.dtypes.cast(tf.size(perRow), TFloat32.class);
      Operand<TFloat32> one = tf.math.add(tf.math.mul(perRow, tf.constant(0f)), tf.constant(1f));
      return new Terms(
          tf.reduceSum(perRow, all),
          count,
          tf.reduceSum(hits, all),
          perExample(tf, perRow, targets),
          perExample(tf, one, targets));
    }
    Operand<TFloat32> w = tf.reshape(weights, tf.constant(new int[] {-1}));
    Operand<TFloat32> weighted = tf.math.mul(perRow, w);
    return new Terms(
        tf.reduceSum(weighted, all),
        tf.reduceSum(w, all),
        tf.reduceSum(tf.math.mul(hits, w), all),
        perExample(tf, weighted, targets),
        perExample(tf, w, targets));
  }

  /**
   * Flat per-position values {@code [N]} summed per example: {@code [B]} for targets {@code [B,
   * ...]} (the values themselves when targets are {@code [B]}).
   */
  private static Operand<TFloat32> perExample(
      Ops tf, Operand<TFloat32> flat, Operand<TInt32> targets) {
    int rank = targets.shape().numDimensions();
    if (rank <= 1) {
      return flat;
    }
    int[] axes = new int[rank - 1];
    for (int i = 0; i < axes.length; i++) {
      axes[i] = i + 1;
    }
    return tf.reduceSum(tf.reshape(flat, tf.shape(targets)), tf.constant(axes));
  }
}
