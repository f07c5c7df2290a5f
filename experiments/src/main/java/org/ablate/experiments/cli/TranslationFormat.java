package org.ablate.experiments.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ablate.training.data.Tokenizer;
import org.ablate.training.data.Tokens;
import org.ablate.training.decode.Hypothesis;

/**
 * How {@code translate} writes each input line's hypotheses: plain text (the best one), an n-best
 * TSV, or JSON lines with everything an outside tool needs to rescore a hypothesis.
 */
enum TranslationFormat {
  /** The best hypothesis's text, one line per input line (blank for a blank line). */
  TEXT,
  /** {@code LINE<tab>SCORE<tab>TEXT} per hypothesis, best first; SCORE rounded to 4 places. */
  NBEST,
  /**
   * One JSON object per hypothesis: the input line number and the hypothesis's rank; its text; the
   * source ids the encoder read (end token included); the output ids and token strings, the end
   * token included when the hypothesis produced it; each output token's log-probability; their sum,
   * unrounded; the length-normalised score; and whether the ids are the tokenizer's own split of
   * the text (beam search can reach another split of the same text).
   */
  JSONL;

  private static final ObjectMapper JSON = new ObjectMapper();

  static TranslationFormat parse(String value) {
    for (TranslationFormat f : values()) {
      if (f.name().toLowerCase(Locale.ROOT).equals(value)) {
        return f;
      }
    }
    throw new UsageException("--format takes text or jsonl, got '" + value + "'");
  }

  /** Writes the hypotheses of input line {@code index} (none for a blank line). */
  void write(
      PrintStream out, int index, int[] source, List<Hypothesis> hypotheses, Tokenizer target) {
    switch (this) {
      case TEXT ->
          out.println(hypotheses.isEmpty() ? "" : target.decode(hypotheses.get(0).tokens()));
      case NBEST -> {
        for (Hypothesis h : hypotheses) {
          out.printf(
              Locale.ROOT, "%d\t%.4f\t%s%n", index, h.normalizedScore(), target.decode(h.tokens()));
        }
      }
      case JSONL -> {
        if (hypotheses.isEmpty()) {
          Map<String, Object> blank = new LinkedHashMap<>();
          blank.put("line", index);
          blank.put("rank", 0);
          blank.put("text", "");
          blank.put("skipped", "blank input line");
          out.println(json(blank));
        }
        for (int rank = 0; rank < hypotheses.size(); rank++) {
          out.println(json(record(index, rank, source, hypotheses.get(rank), target)));
        }
      }
    }
  }

  private static Map<String, Object> record(
      int index, int rank, int[] source, Hypothesis h, Tokenizer target) {
    int[] ids = Arrays.copyOf(h.tokens(), h.tokenLogProbs().length);
    if (h.endsWithEos()) {
      ids[h.tokens().length] = Tokens.EOS;
    }
    List<String> tokens = new ArrayList<>();
    for (int id : ids) {
      tokens.add(target.token(id));
    }
    int[] sourceIds = Arrays.copyOf(source, source.length + 1);
    sourceIds[source.length] = Tokens.EOS;
    String text = target.decode(h.tokens());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("line", index);
    m.put("rank", rank);
    m.put("text", text);
    m.put("score", h.score());
    m.put("normalized_score", h.normalizedScore());
    m.put("source_ids", sourceIds);
    m.put("ids", ids);
    m.put("tokens", tokens);
    m.put("token_logprobs", h.tokenLogProbs());
    m.put("canonical_split", Arrays.equals(target.encode(text), h.tokens()));
    return m;
  }

  private static String json(Map<String, Object> m) {
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
