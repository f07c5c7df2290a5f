package org.ablate.core.plugin;

import com.google.inject.Module;

/**
 * The service interface of Ablate plugins: a Guice module that registers components (layers,
 * models, tasks, optimizers, schedules, tokenizers) with {@link
 * org.ablate.core.registry.Components#register}. A plugin jar lists its modules in {@code
 * META-INF/services/org.ablate.core.plugin.AblateModule}, one class name per line, and {@code
 * java.util.ServiceLoader} finds them on the class path or in the jars given with {@code --plugins}
 * (or {@code ABLATE_PLUGINS}). Like every Ablate module it holds bindings only.
 *
 * <pre>{@code
 * public final class TalkingHeadsModule extends AbstractModule implements AblateModule {
 *   protected void configure() {
 *     Components.register(binder(), Attention.SLOT, "talking_heads", TalkingHeadsConfig.class,
 *         TalkingHeadsAttention::new);
 *   }
 * }
 * }</pre>
 */
public interface AblateModule extends Module {}
