package org.ablate.core.config;

import org.ablate.core.AblateException;

/**
 * A configuration that cannot be used: malformed YAML, an unknown key, a wrong type or an
 * impossible combination. Exits with code 2, before any training starts.
 */
public final class ConfigException extends AblateException {
  public ConfigException(String message) {
    super(message, null, 2);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause, 2);
  }
}
