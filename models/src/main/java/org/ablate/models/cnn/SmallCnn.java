package org.ablate.models.cnn;

import java.util.ArrayList;
import java.util.List;
import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Layer;
import org.ablate.layers.dense.Activation;
import org.ablate.layers.dense.Dense;
import org.ablate.layers.vision.Conv2d;
import org.ablate.models.ClassifierModel;
import org.ablate.models.DataSpec;
import org.ablate.models.config.CnnConfig;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A small CNN image baseline: per entry of {@code channels}, a 3x3 convolution with ReLU and a 2x2
 * max-pool; then flatten, a ReLU dense layer, dropout and a linear head.
 */
public final class SmallCnn extends Layer implements ClassifierModel {
  private final CnnConfig config;
  private final List<Conv2d> convs = new ArrayList<>();
  private final Dense hidden;
  private final Dense head;
  private final int flat;

  SmallCnn(String name, CnnConfig config, DataSpec data) {
    super(name);
    this.config = config;
    int in = data.channels();
    int h = data.imageHeight();
    int w = data.imageWidth();
    for (int i = 0; i < config.channels().size(); i++) {
      int out = config.channels().get(i);
      convs.add(add(new Conv2d("conv_" + i, 3, in, out, Activation.RELU)));
      in = out;
      h /= 2;
      w /= 2;
    }
    this.flat = h * w * in;
    this.hidden = add(new Dense("hidden", flat, config.hidden(), true, Activation.RELU));
    this.head = add(new Dense("head", config.hidden(), data.classes()));
  }

  @Override
  public Layer network() {
    return this;
  }

  @Override
  public Input input() {
    return Input.IMAGES;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Operand<TFloat32> logits(CallScope cs, Operand<?> input) {
    checkBuilt();
    Ops tf = cs.tf();
    Operand<TFloat32> x = (Operand<TFloat32>) input; // [B, H, W, C]
    for (Conv2d conv : convs) {
      x = Conv2d.maxPool2x2(tf, conv.call(cs, x));
    }
    x = tf.reshape(x, tf.constant(new int[] {-1, flat}));
    return head.call(cs, cs.dropout(hidden.call(cs, x), config.dropout()));
  }

  @Override
  public String describe() {
    return "SmallCnn(channels=" + config.channels() + ", hidden=" + config.hidden() + ")";
  }
}
