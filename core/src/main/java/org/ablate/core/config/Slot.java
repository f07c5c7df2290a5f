package org.ablate.core.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link Choice} key that names a registered component of a slot (for example {@code
 * attention} or {@code positional_encoding}); the binder checks the name against the registry and
 * binds the component's options to its config record.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Slot {
  /** The slot's name. */
  String value();

  /**
   * Names accepted besides the registered components, each meaning "no component" to the model that
   * reads the key (the RNN's {@code attention: none}).
   */
  String[] also() default {};
}
