package org.ablate.core;

/**
 * An error meant for the person running Ablate: its message is one paragraph that names the file,
 * key or line at fault and says how to fix it. The command line prints the message (no stack trace
 * unless {@code --debug}) and exits with {@link #exitCode()}.
 *
 * <pre>{@code
 * throw new AblateException("data file corpus/train.tsv line 12 has 1 column; expected 2 ...");
 * }</pre>
 */
public class AblateException extends RuntimeException {
  private final int exitCode;

  public AblateException(String message) {
    this(message, null, 1);
  }

  public AblateException(String message, Throwable cause) {
    this(message, cause, 1);
  }

  protected AblateException(String message, Throwable cause, int exitCode) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** The process exit code for this error: 2 for usage and configuration errors, 1 otherwise. */
  public int exitCode() {
    return exitCode;
  }
}
