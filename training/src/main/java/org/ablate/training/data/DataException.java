package org.ablate.training.data;

import org.ablate.core.AblateException;

/** Missing, empty or malformed data: names the file (and line) and says how to fix it. */
public final class DataException extends AblateException {
  public DataException(String message) {
    super(message);
  }

  public DataException(String message, Throwable cause) {
    super(message, cause);
  }
}
