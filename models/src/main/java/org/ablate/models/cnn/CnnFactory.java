package org.ablate.models.cnn;

import org.ablate.core.config.ConfigException;
import org.ablate.core.registry.ComponentFactory;
import org.ablate.models.DataSpec;
import org.ablate.models.Model;
import org.ablate.models.config.CnnConfig;

final class CnnFactory implements ComponentFactory<CnnConfig, DataSpec, Model> {
  @Override
  public Model create(String name, DataSpec data, CnnConfig c) {
    if (data.imageHeight() <= 0) {
      throw new ConfigException("model.type=cnn needs image data (data.type: fashion_mnist).");
    }
    int side = Math.min(data.imageHeight(), data.imageWidth());
    if (c.channels().isEmpty() || side >> c.channels().size() < 1) {
      throw new ConfigException(
          "model.channels="
              + c.channels()
              + " gives "
              + c.channels().size()
              + " 2x2 poolings, too many (or none) for "
              + data.imageHeight()
              + "x"
              + data.imageWidth()
              + " images; use 1 to "
              + (31 - Integer.numberOfLeadingZeros(side))
              + " entries.");
    }
    for (int ch : c.channels()) {
      if (ch <= 0) {
        throw new ConfigException(
            "model.channels=" + c.channels() + " must hold positive channel counts.");
      }
    }
    return new SmallCnn(name, c, data);
  }
}
