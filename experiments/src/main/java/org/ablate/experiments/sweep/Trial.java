package org.ablate.experiments.sweep;

import java.util.Map;
import org.ablate.experiments.config.ExperimentConfig;

/**
 * One run of a sweep: its arm, the values of the varied keys, the seed, the resolved config and the
 * key (a hash of that config) that names its folder.
 */
public record Trial(
    String arm,
    Map<String, Object> dimensions,
    long seed,
    ExperimentConfig config,
    String resolvedYaml,
    String key) {
  /** The group this trial belongs to in reports: arm plus varied values, without the seed. */
  public String label() {
    StringBuilder sb = new StringBuilder(arm);
    dimensions.forEach(
        (k, v) ->
            sb.append(sb.length() == 0 ? "" : " ")
                .append(k.substring(k.lastIndexOf('.') + 1))
                .append('=')
                .append(v));
    return sb.length() == 0 ? config.name() : sb.toString();
  }
}
