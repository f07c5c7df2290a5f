package org.ablate.training.tasks;

import java.util.List;
import java.util.Map;

/**
 * What evaluating a split gives: metrics named {@code <split>_<metric>}; per-example results for
 * significance tests ({@code correct} 0/1, BLEU and chrF statistics; empty when the task has none);
 * and the decoded outputs of sequence tasks, one per example (empty otherwise).
 */
public record Evaluation(
    Map<String, Double> metrics, List<Map<String, Object>> details, List<String> outputs) {}
