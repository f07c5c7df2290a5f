package org.ablate.core.registry;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Where each registration came from: {@value #BUILT_IN}, or the plugin jar whose module made it.
 */
public final class ComponentSources {
  public static final String BUILT_IN = "built in";
  private final Map<Registration, String> origins = new IdentityHashMap<>();

  void put(Registration registration, String origin) {
    origins.put(registration, origin);
  }

  /** The origin of {@code registration}, {@value #BUILT_IN} unless a plugin made it. */
  public String of(Registration registration) {
    return origins.getOrDefault(registration, BUILT_IN);
  }
}
