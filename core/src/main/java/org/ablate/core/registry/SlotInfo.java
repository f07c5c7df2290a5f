package org.ablate.core.registry;

/**
 * A named slot of interchangeable components (for example {@code attention} or {@code rnn_cell}):
 * the factory type its implementations are bound to, and a one-line description for {@code ablate
 * list}.
 */
public record SlotInfo(String name, Class<?> factoryType, String description) {}
