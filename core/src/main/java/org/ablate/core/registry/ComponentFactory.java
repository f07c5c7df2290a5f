package org.ablate.core.registry;

/**
 * Makes a component from its config record {@code C} and what its slot gives it ({@code S}).
 * Registered together with its name and its config class (see {@link Components#register}), so the
 * factory receives its own config type and never casts.
 *
 * <pre>{@code
 * ComponentFactory<TalkingHeadsConfig, AttentionSpec, Attention> f =
 *     (name, spec, config) -> new TalkingHeadsAttention(name, spec, config);
 * }</pre>
 *
 * @param <C> the component's config record
 * @param <S> what the slot passes in (a layer's widths, a model's data shape, a task's context)
 * @param <P> what the slot makes (a layer, a model, a task)
 */
@FunctionalInterface
public interface ComponentFactory<C, S, P> {
  /**
   * Makes the component. {@code name} names what is made: a layer's scope name, or the registered
   * name for models and tasks.
   */
  P create(String name, S spec, C config);
}
