package org.ablate.models.vit;

import com.google.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.ablate.core.config.ConfigException;
import org.ablate.core.registry.ComponentFactory;
import org.ablate.layers.vision.ConvStem;
import org.ablate.models.DataSpec;
import org.ablate.models.Model;
import org.ablate.models.config.VitConfig;
import org.ablate.models.transformer.Blocks;

final class VitFactory implements ComponentFactory<VitConfig, DataSpec, Model> {
  private final Blocks blocks;

  @Inject
  VitFactory(Blocks blocks) {
    this.blocks = blocks;
  }

  @Override
  public Model create(String name, DataSpec data, VitConfig c) {
    int h = data.imageHeight();
    int w = data.imageWidth();
    if (h <= 0 || w <= 0) {
      throw new ConfigException(
          "model.type=vit needs image data (data.type: fashion_mnist); the configured data has no images.");
    }
    h = ConvStem.outputSide(h, c.stemChannels().size());
    w = ConvStem.outputSide(w, c.stemChannels().size());
    if (h % c.patchSize() != 0 || w % c.patchSize() != 0) {
      List<Integer> options = new ArrayList<>();
      for (int p = 1; p <= Math.min(h, w); p++) {
        if (h % p == 0 && w % p == 0) {
          options.add(p);
        }
      }
      throw new ConfigException(
          "model.patch_size="
              + c.patchSize()
              + " does not divide "
              + (c.stemChannels().isEmpty()
                  ? "the image size " + h + "x" + w
                  : "the "
                      + h
                      + "x"
                      + w
                      + " feature map of model.stem_channels="
                      + c.stemChannels())
              + " (patches must tile it without overlap); choose model.patch_size among "
              + options
              + ".");
    }
    return new VisionTransformer(name, c, data, blocks);
  }
}
