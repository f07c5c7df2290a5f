package org.ablate.layers.norm;

/**
 * Where the normalization sits around a sublayer F with input x.
 *
 * <ul>
 *   <li>{@link #POST} (the original Transformer, Vaswani et al. 2017): y = Norm(x + Dropout(F(x))).
 *   <li>{@link #PRE} (Xiong et al. 2020; ViT): y = x + Dropout(F(Norm(x))); the stack then ends
 *       with one final Norm.
 * </ul>
 */
public enum NormPlacement {
  PRE,
  POST
}
