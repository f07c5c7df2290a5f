package org.ablate.core.plugin;

import org.ablate.core.AblateException;

/**
 * A plugin that cannot be used: a missing class, a module that fails, a name that is already taken.
 * The message names the jar and the component. Exits with code 2, before anything runs.
 */
public final class PluginException extends AblateException {
  public PluginException(String message) {
    super(message, null, 2);
  }

  public PluginException(String message, Throwable cause) {
    super(message, cause, 2);
  }
}
