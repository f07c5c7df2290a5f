package org.ablate.training.tasks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ablate.models.ClassifierModel;
import org.ablate.models.DataSpec;
import org.ablate.training.config.LanguageIdData;
import org.ablate.training.data.ParallelCorpus;
import org.ablate.training.data.Tokenizer;
import org.ablate.training.data.Tokenizers;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TInt32;

/**
 * Language identification from a parallel corpus: both sides of every pair become examples,
 * labelled 0 (source language) and 1 (target language).
 */
final class LanguageIdSource implements ClassificationSource {
  static final String TOKENIZER = "tokenizer.json";
  private final LanguageIdData config;
  private final CorpusText text;
  private final Tokenizer tokenizer;
  private final List<List<int[]>> examples = new ArrayList<>();

  LanguageIdSource(LanguageIdData config, TaskContext context) {
    this.config = config;
    this.text = new CorpusText(context.dataPath(config.corpus()));
    this.tokenizer =
        CorpusText.tokenizer(
            context,
            TOKENIZER,
            config.tokenizer(),
            () -> CorpusText.concat(text.train().sources(), text.train().targets()));
    for (ParallelCorpus c : List.of(text.train(), text.split(Split.DEV), text.split(Split.TEST))) {
      List<int[]> part = new ArrayList<>();
      for (int i = 0; i < c.size(); i++) {
        part.add(truncate(tokenizer.encode(c.sources().get(i))));
        part.add(truncate(tokenizer.encode(c.targets().get(i))));
      }
      examples.add(part);
    }
  }

  private int[] truncate(int[] ids) {
    int[] out = Arrays.copyOf(ids, Math.max(1, Math.min(ids.length, config.maxLength())));
    return out;
  }

  @Override
  public ClassifierModel.Input input() {
    return ClassifierModel.Input.TOKENS;
  }

  @Override
  public DataSpec dataSpec() {
    return DataSpec.tokenClasses(tokenizer.vocabularySize(), 2, config.maxLength() + 1);
  }

  @Override
  public int size(Part part) {
    return examples.get(part.ordinal()).size();
  }

  @Override
  public Tensor inputs(Part part, int[] indices) {
    int width = 1;
    for (int i : indices) {
      width = Math.max(width, examples.get(part.ordinal()).get(i).length);
    }
    int[] flat = new int[indices.length * width];
    for (int r = 0; r < indices.length; r++) {
      int[] ids = examples.get(part.ordinal()).get(indices[r]);
      System.arraycopy(ids, 0, flat, r * width, ids.length);
    }
    return TInt32.tensorOf(Shape.of(indices.length, width), DataBuffers.of(flat, true, false));
  }

  @Override
  public int label(Part part, int index) {
    return index % 2;
  }

  @Override
  public int length(Part part, int index) {
    return examples.get(part.ordinal()).get(index).length;
  }

  @Override
  public List<String> classNames() {
    return List.of("source language", "target language");
  }

  @Override
  public String describe() {
    return "language identification on "
        + text.folder
        + ": "
        + size(Part.TRAIN)
        + " training, "
        + size(Part.DEV)
        + " dev, "
        + size(Part.TEST)
        + " test lines; vocabulary "
        + tokenizer.vocabularySize();
  }

  @Override
  public List<Path> files() {
    return text.files();
  }

  @Override
  public void save(Path runDirectory) {
    Tokenizers.save(tokenizer, runDirectory.resolve(TOKENIZER));
  }
}
