package org.ablate.core.config;

/**
 * Where a configuration value came from: a file and line, a {@code --set} argument, a preset or a
 * default. Error messages quote it so the user knows what to edit.
 *
 * @param source file path, {@code --set}, {@code preset NAME} or {@code default}
 * @param line 1-based line, or 0 when the source has no lines
 */
public record Origin(String source, int line) {
  public static final Origin DEFAULT = new Origin("default", 0);

  public static Origin commandLine(String argument) {
    return new Origin("--set " + argument, 0);
  }

  @Override
  public String toString() {
    return line > 0 ? source + ":" + line : source;
  }
}
