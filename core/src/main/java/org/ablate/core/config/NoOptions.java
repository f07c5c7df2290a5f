package org.ablate.core.config;

/** The config record of a component that has no options: its YAML choice is its bare name. */
public record NoOptions() {}
