package org.ablate.training.data;

import java.nio.file.Path;

/**
 * Ablate's folder in the user's cache: {@code $XDG_CACHE_HOME/ablate}, or {@code ~/.cache/ablate}.
 */
public final class UserCache {
  private UserCache() {}

  /** The sub-folder {@code name} of it (not created). */
  public static Path folder(String name) {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("ablate").resolve(name);
  }
}
