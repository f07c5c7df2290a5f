package org.ablate.core.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value of a config key when no preset, file or {@code --set} gives one, written in YAML
 * ({@code "0.1"}, {@code "[8, 16]"}, {@code "{type: adam}"}, {@code "null"}). A key without a
 * default is required.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Default {
  String value();
}
