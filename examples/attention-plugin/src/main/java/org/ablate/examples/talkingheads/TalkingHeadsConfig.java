package org.ablate.examples.talkingheads;

import org.ablate.core.config.Default;
import org.ablate.core.config.Doc;

/**
 * The options of talking-heads attention, chosen in YAML with {@code attention: {type:
 * talking_heads, mix_weights: false}} (or the bare name for both mixes).
 */
@Doc("Talking-heads attention (Shazeer et al. 2020): heads exchange information through learned H x H mixes.")
public record TalkingHeadsConfig(
    @Doc("mix the attention logits across heads before the softmax (the paper's P_l)")
        @Default("true")
        boolean mixLogits,
    @Doc("mix the attention weights across heads after the softmax (the paper's P_w)")
        @Default("true")
        boolean mixWeights) {}
