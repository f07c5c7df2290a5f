package org.ablate.experiments;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ablate.training.testing.FashionMnistFixture;

/** Locates the repository root (the folder holding configs/) from a module's working directory. */
public final class Repo {
  private Repo() {}

  public static Path root() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("configs"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("no configs/ folder above " + Path.of("").toAbsolutePath());
    }
    return p;
  }

  /**
   * The {@code --set} overrides that let a shipped experiment run without system datasets: a
   * Fashion-MNIST experiment reads the small IDX files the tests write instead of the Debian
   * package's.
   */
  public static List<String> testData(Path experiment) throws java.io.IOException {
    boolean fashion = Files.readString(experiment).matches("(?s).*type:\\s*fashion_mnist\\b.*");
    return fashion ? List.of("data.dir=" + FashionMnistFixture.dir()) : List.of();
  }
}
