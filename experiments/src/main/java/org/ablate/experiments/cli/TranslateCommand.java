package org.ablate.experiments.cli;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ablate.api.Ablate;
import org.ablate.core.AblateException;
import org.ablate.experiments.run.TrainedRun;
import org.ablate.training.config.DecodeConfig;
import org.ablate.training.data.Tokenizer;
import org.ablate.training.decode.Hypothesis;
import org.ablate.training.tasks.Seq2SeqTask;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code ablate translate --run DIR [--beam N]}: source lines on stdin, one output line each on
 * stdout.
 */
final class TranslateCommand implements Command {
  private final InputStream stdin;

  TranslateCommand(InputStream stdin) {
    this.stdin = stdin;
  }

  record Args(Path run, Integer beam) {}

  @Override
  public String name() {
    return "translate";
  }

  @Override
  public String synopsis() {
    return "RUN [--beam N] [--nbest K] < input.txt > output.txt";
  }

  @Override
  public String summary() {
    return "translate lines from standard input with a trained sequence-to-sequence run";
  }

  @Override
  public Options options() {
    return CommonOptions.with(
        CommonOptions.runOption(),
        Option.builder()
            .longOpt("beam")
            .hasArg()
            .argName("N")
            .desc("beam width (default: the run's eval.decode.beam)")
            .build(),
        Option.builder()
            .longOpt("nbest")
            .hasArg()
            .argName("K")
            .desc(
                "write the K best hypotheses per input line as 'LINE<tab>SCORE<tab>TEXT' (LINE counts"
                    + " from 0; SCORE is the length-normalised log-probability); needs K <= beam")
            .build());
  }

  @Override
  public int execute(CommandLine line, PrintStream out, PrintStream err) throws Exception {
    Integer beam = line.hasOption("beam") ? CommonOptions.intValue(line, "beam", 1) : null;
    if (beam != null && (beam < 1 || beam > 64)) {
      throw new UsageException("--beam must be between 1 and 64, got " + beam);
    }
    int nBest = line.hasOption("nbest") ? CommonOptions.intValue(line, "nbest", 1) : 0;
    if (line.hasOption("nbest") && nBest < 1) {
      throw new UsageException("--nbest must be at least 1, got " + nBest);
    }
    Args args = new Args(CommonOptions.runFolder(line), beam);
    Ablate ablate = CommonOptions.ablate(line);
    try (TrainedRun run = new TrainedRun(args.run(), ablate.injection(), ablate.loader())) {
      if (!(run.assembly.task instanceof Seq2SeqTask task)
          || task.source().sourceTokenizer() == null) {
        throw new AblateException(
            args.run() + " is not a translation run (data.type must be translation).");
      }
      DecodeConfig base = run.config.eval().decode();
      DecodeConfig decode =
          new DecodeConfig(
              args.beam() == null ? base.beam() : args.beam(),
              base.lengthPenalty(),
              base.maxLengthRatio(),
              base.maxLengthExtra());
      if (nBest > decode.beam()) {
        throw new UsageException(
            "--nbest "
                + nBest
                + " exceeds the beam width "
                + decode.beam()
                + "; pass --beam "
                + nBest
                + " or more.");
      }
      Tokenizer source = task.source().sourceTokenizer();
      Tokenizer target = task.source().targetTokenizer();
      BufferedReader in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
      List<String> pending = new ArrayList<>();
      String text;
      int[] counter = {0};
      while ((text = in.readLine()) != null) {
        pending.add(text);
        if (pending.size() >= 64 || !in.ready()) {
          flush(task, run, decode, source, target, pending, out, nBest, counter);
        }
      }
      flush(task, run, decode, source, target, pending, out, nBest, counter);
    }
    return 0;
  }

  private static void flush(
      Seq2SeqTask task,
      TrainedRun run,
      DecodeConfig decode,
      Tokenizer source,
      Tokenizer target,
      List<String> lines,
      PrintStream out,
      int nBest,
      int[] counter) {
    if (lines.isEmpty()) {
      return;
    }
    List<int[]> ids = lines.stream().map(l -> source.encode(l.strip())).toList();
    int limit = task.maxSourceLength();
    for (int i = 0; i < ids.size(); i++) {
      if (ids.get(i).length + 1 > limit) {
        int lineNumber = counter[0] + i + 1;
        flush(task, run, decode, source, target, lines.subList(0, i), out, nBest, counter);
        out.flush();
        throw new AblateException(
            "input line "
                + lineNumber
                + " has "
                + (ids.get(i).length + 1)
                + " tokens with the end token; this model reads at most "
                + limit
                + " (model.max_length, data.buckets). Split the line into shorter sentences; the"
                + " lines before it were translated.");
      }
    }
    if (nBest > 0) {
      List<List<Hypothesis>> lists = task.decodeNBest(run.session, ids, decode, nBest);
      for (int i = 0; i < lines.size(); i++) {
        int index = counter[0]++;
        for (Hypothesis h : lines.get(i).isBlank() ? List.<Hypothesis>of() : lists.get(i)) {
          out.printf(
              java.util.Locale.ROOT,
              "%d\t%.4f\t%s%n",
              index,
              h.normalizedScore(),
              target.decode(h.tokens()));
        }
      }
      out.flush();
      lines.clear();
      return;
    }
    List<int[]> hyps = task.decode(run.session, ids, decode);
    for (int i = 0; i < lines.size(); i++) {
      out.println(lines.get(i).isBlank() ? "" : target.decode(hyps.get(i)));
    }
    out.flush();
    lines.clear();
  }
}
