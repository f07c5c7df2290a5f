package org.ablate.models.vit;

import org.ablate.core.graph.CallScope;
import org.ablate.core.graph.Layer;
import org.ablate.layers.dense.Dense;
import org.ablate.layers.position.PositionalEncoding;
import org.ablate.layers.vision.ClassToken;
import org.ablate.layers.vision.ConvStem;
import org.ablate.layers.vision.PatchEmbedding;
import org.ablate.models.ClassifierModel;
import org.ablate.models.DataSpec;
import org.ablate.models.config.Pooling;
import org.ablate.models.config.VitConfig;
import org.ablate.models.transformer.Blocks;
import org.ablate.models.transformer.EncoderPooling;
import org.ablate.models.transformer.EncoderStack;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The Vision Transformer (Dosovitskiy et al. 2021): z_0 = [x_class; x_p^1 E; ...; x_p^N E] + E_pos,
 * then L encoder layers (pre-LN, GELU MLP by default), then LN(z_L^0) -> linear head. With {@code
 * stem_channels}, the patches x_p are cut from a convolutional stem's feature map instead of the
 * image (Xiao et al. 2021; see {@link ConvStem} for its departure). Legend: B batch, N patches, D
 * width.
 */
public final class VisionTransformer extends Layer implements ClassifierModel {
  private final VitConfig config;
  private final ConvStem stem;
  private final PatchEmbedding patches;
  private final ClassToken classToken;
  private final PositionalEncoding positions;
  private final EncoderStack encoder;
  private final Dense head;

  VisionTransformer(String name, VitConfig config, DataSpec data, Blocks blocks) {
    super(name);
    this.config = config;
    this.stem =
        config.stemChannels().isEmpty()
            ? null
            : add(
                new ConvStem(
                    "stem",
                    data.imageHeight(),
                    data.imageWidth(),
                    data.channels(),
                    config.stemChannels()));
    this.patches =
        add(
            new PatchEmbedding(
                "patch_embedding",
                stem == null ? data.imageHeight() : stem.outHeight(),
                stem == null ? data.imageWidth() : stem.outWidth(),
                stem == null ? data.channels() : stem.outChannels(),
                config.patchSize(),
                config.patchOverlap(),
                config.block().dModel()));
    boolean cls = config.pooling() == Pooling.CLS;
    this.classToken = cls ? add(new ClassToken("class_token", config.block().dModel())) : null;
    this.positions =
        add(blocks.positions("positions", config.block(), patches.patches() + (cls ? 1 : 0)));
    if (positions.relative() != null) {
      throw new IllegalArgumentException(
          "model.positional_encoding: "
              + positions.describe()
              + " acts inside self-attention along a 1-D sequence, which a ViT's 2-D grid of"
              + " patches does not have; choose learned or sinusoidal positions for the ViT");
    }
    this.encoder = add(blocks.encoder("encoder", config.block(), config.layers(), null));
    this.head = add(new Dense("head", config.block().dModel(), data.classes()));
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
    Operand<TFloat32> image = (Operand<TFloat32>) input; // [B, H, W, C]
    if (stem != null) {
      image = stem.call(cs, image); // [B, H', W', C']
    }
    Operand<TFloat32> x = patches.call(cs, image); // [B, N, D]
    if (classToken != null) {
      x = classToken.call(cs, x); // [B, N + 1, D]
    }
    x = cs.dropout(positions.call(cs, x), config.block().dropout());
    Operand<TFloat32> h = encoder.call(cs, x, null);
    return head.call(cs, EncoderPooling.pool(tf, config.pooling(), h, null)); // [B, classes]
  }

  @Override
  public String describe() {
    return "VisionTransformer("
        + (stem == null ? "" : "conv stem " + config.stemChannels() + ", ")
        + "patch "
        + config.patchSize()
        + (config.patchOverlap() > 0 ? " + " + config.patchOverlap() + " px overlap" : "")
        + ", "
        + patches.patches()
        + " patches, d_model="
        + config.block().dModel()
        + ", "
        + config.layers()
        + " layers)";
  }
}
