package org.ablate.models.transformer;

import java.util.regex.Pattern;
import org.ablate.core.graph.ParamScope;

/**
 * DeepNorm's residual scale alpha and initial scale beta (Wang, Ma, Dong, Huang, Zhang and Wei
 * 2022, "DeepNet: Scaling Transformers to 1,000 Layers", Figure 2), from the numbers of encoder
 * layers N and decoder layers M. Blocks of {@code norm: deep} compute Norm(alpha x + F(x)), and the
 * initial weights of their feed-forward blocks and of the value and output projections of their
 * attention are multiplied by beta, as the paper's code scales {@code fc1}, {@code fc2}, {@code
 * v_proj} and {@code out_proj}; query and key projections keep theirs.
 *
 * <p>Departure: the paper draws those weights from Xavier normal with gain beta; here Ablate's
 * Glorot uniform values are multiplied by beta, which gives the same variance.
 *
 * @param alpha the residual scale, 1 when DeepNorm is off
 * @param beta the factor on the initial weights named above, 1 when DeepNorm is off
 */
public record DeepNormScales(double alpha, double beta) {
  /** DeepNorm off. */
  public static final DeepNormScales NONE = new DeepNormScales(1, 1);

  private static final Pattern SCALED =
      Pattern.compile(".*/(feed_forward/.*|(self|cross)_attention/(value|output)/[^/]+)");

  /** An encoder-only or decoder-only stack of {@code n} layers: (2n)^(1/4) and (8n)^(-1/4). */
  public static DeepNormScales singleStack(int n) {
    return n == 0 ? NONE : new DeepNormScales(Math.pow(2.0 * n, 0.25), Math.pow(8.0 * n, -0.25));
  }

  /** The encoder of an encoder-decoder model: 0.81 (N^4 M)^(1/16) and 0.87 (N^4 M)^(-1/16). */
  public static DeepNormScales encoder(int n, int m) {
    if (n == 0) {
      return NONE;
    }
    double nm = Math.pow(n, 4) * Math.max(m, 1);
    return new DeepNormScales(0.81 * Math.pow(nm, 1.0 / 16), 0.87 * Math.pow(nm, -1.0 / 16));
  }

  /** The decoder of an encoder-decoder model: (3M)^(1/4) and (12M)^(-1/4). */
  public static DeepNormScales decoder(int m) {
    return m == 0 ? NONE : new DeepNormScales(Math.pow(3.0 * m, 0.25), Math.pow(12.0 * m, -0.25));
  }

  /** The initial-value rule: beta on the weights named above, 1 on every other. */
  public ParamScope.InitGain gain() {
    return name -> SCALED.matcher(name).matches() ? beta : 1.0;
  }
}
