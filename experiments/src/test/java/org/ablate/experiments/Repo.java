package org.ablate.experiments;

import java.nio.file.Files;
import java.nio.file.Path;

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
}
