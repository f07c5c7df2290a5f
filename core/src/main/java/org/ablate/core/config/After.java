package org.ablate.core.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Places a key, in the written YAML and the generated reference, right after another key of the
 * same mapping, usually one of an {@link Inline} record; keys placed after the same key keep their
 * declaration order. Binding ignores order; this only keeps files readable (the layer counts next
 * to the widths) and identical to what earlier versions wrote.
 *
 * <pre>{@code
 * public record VitConfig(
 *     @Inline BlockConfig block,              // d_model, heads, d_ff, dropout, ...
 *     @After("d_ff") @Default("6") int layers) // written as d_model, heads, d_ff, layers, dropout
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface After {
  /** The key this one follows. */
  String value();
}
