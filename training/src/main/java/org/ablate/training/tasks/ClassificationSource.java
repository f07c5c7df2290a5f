package org.ablate.training.tasks;

import java.nio.file.Path;
import java.util.List;
import org.ablate.models.ClassifierModel;
import org.ablate.models.DataSpec;
import org.tensorflow.Tensor;

/** Labelled examples (images or token sequences) in train, dev and test parts. */
interface ClassificationSource {
  /** The parts of the data. */
  enum Part {
    TRAIN,
    DEV,
    TEST
  }

  ClassifierModel.Input input();

  DataSpec dataSpec();

  int size(Part part);

  /**
   * The input tensor for examples {@code indices} of a part: images {@code [n, H, W, C]} or padded
   * ids {@code [n, T]}.
   */
  Tensor inputs(Part part, int[] indices);

  /**
   * Like {@link #inputs(Part, int[])}, with training-time augmentation (if the data has any) drawn
   * from {@code seed}, so a batch is a pure function of its micro-step.
   */
  default Tensor inputs(Part part, int[] indices, long seed) {
    return inputs(part, indices);
  }

  int label(Part part, int index);

  /** Padded length of an example, for bucketing (1 for images). */
  int length(Part part, int index);

  String describe();

  /** The name of each class, by label (empty: the labels are their own names). */
  default List<String> classNames() {
    return List.of();
  }

  default List<Path> files() {
    return List.of();
  }

  default void save(Path runDirectory) {}
}
