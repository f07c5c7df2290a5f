package org.ablate.experiments.cli;

/** A command line that cannot be run: wrong arguments or option values. Exit code 2. */
final class UsageException extends RuntimeException {
  UsageException(String message) {
    super(message);
  }
}
