package org.ablate.core.config;

/**
 * A config record with rules across its keys; {@link ConfigBinder} calls {@link #validate} after
 * binding and reports every failed check with the key's path and origin.
 *
 * <pre>{@code
 * public void validate(Checks checks) {
 *   checks.require(dModel % heads == 0, "heads",
 *       "heads=" + heads + " must divide d_model=" + dModel + "; choose heads among " + divisors);
 * }
 * }</pre>
 */
public interface Validated {
  void validate(Checks checks);

  /** Collects failed checks; keys are relative to the record being validated. */
  interface Checks {
    /** Records {@code message} against {@code key} unless {@code condition} holds. */
    void require(boolean condition, String key, String message);

    /** The full dotted path of a key of this record, for messages ({@code model.d_model}). */
    String path(String key);
  }
}
