package org.ablate.examples.talkingheads;

import com.google.inject.AbstractModule;
import org.ablate.core.plugin.AblateModule;
import org.ablate.core.registry.Components;
import org.ablate.layers.attention.Attention;

/**
 * The plugin's one registration: {@code talking_heads} in the {@code attention} slot, with its
 * config record. Listed in {@code META-INF/services/org.ablate.core.plugin.AblateModule}.
 */
public final class TalkingHeadsModule extends AbstractModule implements AblateModule {
  @Override
  protected void configure() {
    Components.register(
        binder(),
        Attention.SLOT,
        "talking_heads",
        TalkingHeadsConfig.class,
        TalkingHeadsAttention::new);
  }
}
