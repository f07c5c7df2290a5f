package org.ablate.experiments.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ablate.api.Ablate;
import org.ablate.core.AblateException;
import org.ablate.experiments.run.TrainedRun;
import org.ablate.training.config.DecodeConfig;
import org.ablate.training.data.Tokenizer;
import org.ablate.training.decode.Hypothesis;
import org.ablate.training.io.AtomicFiles;
import org.ablate.training.tasks.Seq2SeqTask;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code ablate translate RUN [--beam N] [--nbest K] [--format text|jsonl] [--input FILE] [--output
 * FILE]}: source lines from standard input or a file, each line's translation (or n-best list) to
 * standard output or a new file. An output file is written only when every line was translated.
 */
final class TranslateCommand implements Command {
  private final InputStream stdin;

  TranslateCommand(InputStream stdin) {
    this.stdin = stdin;
  }

  /** The decoding and output choices of one invocation. */
  private record Job(
      Seq2SeqTask task,
      TrainedRun run,
      DecodeConfig decode,
      Tokenizer source,
      Tokenizer target,
      int nBest,
      TranslationFormat format) {}

  @Override
  public String name() {
    return "translate";
  }

  @Override
  public String synopsis() {
    return "RUN [--beam N] [--nbest K] [--format text|jsonl] [--input FILE] [--output FILE]";
  }

  @Override
  public String summary() {
    return "translate lines (standard input or --input) with a trained sequence-to-sequence run";
  }

  @Override
  public Options options() {
    return CommonOptions.withOutput(
        "FILE",
        "write the translations to this new file (default: standard output); it must not exist,"
            + " and is written only when every line was translated",
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
                "write the K best hypotheses per input line, best first; as text, each as"
                    + " 'LINE<tab>SCORE<tab>TEXT' (LINE counts from 0; SCORE is the sum of the"
                    + " token log-probabilities, EOS included, divided by the GNMT length penalty"
                    + " ((5 + length) / 6)^alpha of eval.decode.length_penalty, also at beam 1;"
                    + " rounded to 4 places); needs K <= beam")
            .build(),
        Option.builder()
            .longOpt("format")
            .hasArg()
            .argName("FORMAT")
            .desc(
                "text (default), or jsonl: one JSON object per hypothesis with its line and rank,"
                    + " text, source_ids and ids (end token included), tokens, token_logprobs,"
                    + " score (their unrounded sum), normalized_score and canonical_split (whether"
                    + " the ids are the tokenizer's own split of the text)")
            .build(),
        Option.builder()
            .longOpt("input")
            .hasArg()
            .argName("FILE")
            .desc("read the source lines from this UTF-8 file (default: standard input)")
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
    TranslationFormat format =
        line.hasOption("format")
            ? TranslationFormat.parse(line.getOptionValue("format"))
            : TranslationFormat.TEXT;
    if (format == TranslationFormat.TEXT && nBest > 0) {
      format = TranslationFormat.NBEST;
    }
    Path input = input(line);
    Path output = output(line);
    Path runDir = CommonOptions.runFolder(line);
    Ablate ablate = CommonOptions.ablate(line);
    try (TrainedRun run = new TrainedRun(runDir, ablate.injection(), ablate.loader())) {
      if (!(run.assembly.task instanceof Seq2SeqTask task)
          || task.source().sourceTokenizer() == null) {
        throw new AblateException(
            runDir + " is not a translation run (data.type must be translation).");
      }
      DecodeConfig base = run.config.eval().decode();
      DecodeConfig decode =
          new DecodeConfig(
              beam == null ? base.beam() : beam,
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
      Job job =
          new Job(
              task,
              run,
              decode,
              task.source().sourceTokenizer(),
              task.source().targetTokenizer(),
              Math.max(1, nBest),
              format);
      InputStream in = input == null ? stdin : Files.newInputStream(input);
      try (in) {
        if (output == null) {
          translate(job, in, out);
        } else {
          toFile(job, in, output);
        }
      }
    }
    return 0;
  }

  /** The --input file, checked to be a readable file. */
  private static Path input(CommandLine line) {
    if (!line.hasOption("input")) {
      return null;
    }
    Path p = Path.of(line.getOptionValue("input"));
    if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
      throw new UsageException(
          "--input "
              + p
              + (Files.exists(p) ? " is not a readable file" : " does not exist")
              + "; give a UTF-8 text file with one source sentence per line.");
    }
    return p;
  }

  /** The --output file, which must be new and in an existing folder. */
  private static Path output(CommandLine line) {
    Path p = CommonOptions.output(line);
    if (p == null) {
      return null;
    }
    if (Files.exists(p)) {
      throw new UsageException(
          "--output "
              + p
              + " already exists; translate never overwrites a file: remove it or name a new one.");
    }
    Path parent = p.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new UsageException(
          "--output " + p + ": the folder " + parent + " does not exist; create it first.");
    }
    return p;
  }

  /** Translates into a hidden file beside {@code output}, moved into place only on success. */
  private static void toFile(Job job, InputStream in, Path output) throws IOException {
    Path partial = output.resolveSibling("." + output.getFileName() + ".partial");
    boolean done = false;
    try (PrintStream file =
        new PrintStream(Files.newOutputStream(partial), false, StandardCharsets.UTF_8)) {
      translate(job, in, file);
      if (file.checkError()) {
        throw new AblateException("cannot write " + output + " (is the disk full?)");
      }
      done = true;
    } finally {
      if (done) {
        AtomicFiles.move(partial, output);
      } else {
        Files.deleteIfExists(partial);
      }
    }
  }

  private static void translate(Job job, InputStream stream, PrintStream out) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
    List<String> pending = new ArrayList<>();
    String text;
    int[] counter = {0};
    while ((text = in.readLine()) != null) {
      pending.add(text);
      if (pending.size() >= 64 || !in.ready()) {
        flush(job, pending, out, counter);
      }
    }
    flush(job, pending, out, counter);
  }

  private static void flush(Job job, List<String> lines, PrintStream out, int[] counter) {
    if (lines.isEmpty()) {
      return;
    }
    List<int[]> ids = lines.stream().map(l -> job.source().encode(l.strip())).toList();
    int limit = job.task().maxSourceLength();
    for (int i = 0; i < ids.size(); i++) {
      if (ids.get(i).length + 1 > limit) {
        int lineNumber = counter[0] + i + 1;
        flush(job, lines.subList(0, i), out, counter);
        out.flush();
        throw new AblateException(
            "input line "
                + lineNumber
                + " has "
                + (ids.get(i).length + 1)
                + " tokens with the end token; this model reads at most "
                + limit
                + " (model.max_length, data.buckets). Split the line into shorter sentences; the"
                + " lines before it were translated (to standard output; an --output file is not"
                + " written).");
      }
    }
    List<List<Hypothesis>> lists =
        job.task().decodeNBest(job.run().session, ids, job.decode(), job.nBest());
    for (int i = 0; i < lines.size(); i++) {
      List<Hypothesis> hyps = lines.get(i).isBlank() ? List.of() : lists.get(i);
      job.format().write(out, counter[0]++, ids.get(i), hyps, job.target());
    }
    out.flush();
    lines.clear();
  }
}
