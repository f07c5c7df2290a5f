package org.ablate.core.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record-typed component whose keys sit directly in the enclosing mapping instead of in a
 * nested one, so that several config records can share one record of common keys without copying
 * its fields (as Jackson's {@code @JsonUnwrapped}). A {@link Default} on the component is a mapping
 * that overrides the shared record's own defaults, key by key.
 *
 * <pre>{@code
 * public record VitConfig(
 *     @Default("4") int patchSize,
 *     @Inline @Default("{d_model: 128, norm: pre}") BlockConfig block,
 *     @Default("6") int layers) implements ModelConfig {}
 * // YAML: model: {type: vit, patch_size: 7, d_model: 64, layers: 4}
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Inline {}
