package org.ablate.layers.vision;

import java.util.List;
import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Initializer;
import org.ablate.core.graph.Layer;
import org.ablate.core.graph.ParamScope;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Prepends a learned classification token (BERT's [CLS], ViT's x_class): {@code [B, N, D] -> [B, N
 * + 1, D]}. Weight {@code token [1, 1, D]}, initialized to zeros as in ViT.
 */
public final class ClassToken extends Layer {
  private final int dModel;
  private Variable<TFloat32> token;

  public ClassToken(String name, int dModel) {
    super(name);
    this.dModel = dModel;
  }

  @Override
  protected void createParams(ParamScope scope) {
    token = param(scope, "token", new long[] {1, 1, dModel}, Initializer.zeros());
  }

  public Operand<TFloat32> call(CallScope cs, Operand<TFloat32> x) {
    checkBuilt();
    Ops tf = cs.tf();
    Operand<TInt32> batch = tf.gather(tf.shape(x), tf.constant(0), tf.constant(0));
    Operand<TInt32> multiples = tf.stack(List.of(batch, tf.constant(1), tf.constant(1)));
    Operand<TFloat32> tiled = tf.tile(token, multiples);
    return tf.concat(List.of(tiled, x), tf.constant(1));
  }

  @Override
  public String describe() {
    return "ClassToken(" + dModel + ")";
  }
}
