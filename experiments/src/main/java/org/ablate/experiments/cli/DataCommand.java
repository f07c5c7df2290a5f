package org.ablate.experiments.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ablate.training.data.GettextCorpusBuilder;
import org.ablate.training.data.UserCache;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code ablate data gettext [--packages default|all|FILE] [--output DIR]}: builds an EN->FR corpus
 * from the French gettext catalogs of Debian packages.
 */
final class DataCommand implements Command {
  /** Where downloaded packages are kept between builds, unless --cache says otherwise. */
  static Path defaultCache() {
    return UserCache.folder("debs");
  }

  @Override
  public String name() {
    return "data";
  }

  @Override
  public String synopsis() {
    return "gettext [--packages default|all|FILE] [--max-packages N] [--max-deb-mb MB] [--cache DIR]"
        + " [--output DIR] [--overwrite]";
  }

  @Override
  public String summary() {
    return "build a dataset (gettext: an EN->FR corpus from Debian packages' French catalogs)";
  }

  @Override
  public Options options() {
    return CommonOptions.withOutput(
        "DIR",
        "output folder (default data/gettext-en-fr, or data/gettext-en-fr-large with --packages all)",
        Option.builder()
            .longOpt("packages")
            .hasArg()
            .argName("WHICH")
            .desc(
                "default: the 47 packages of the bundled corpus; all: every package with French"
                    + " catalogs (needs apt-file); or a file naming one package per line")
            .build(),
        Option.builder()
            .longOpt("max-packages")
            .hasArg()
            .argName("N")
            .desc("use at most N packages, in name order (default: no cap)")
            .build(),
        Option.builder()
            .longOpt("max-deb-mb")
            .hasArg()
            .argName("MB")
            .desc("skip packages whose .deb is larger than MB megabytes (default: none)")
            .build(),
        Option.builder()
            .longOpt("cache")
            .hasArg()
            .argName("DIR")
            .desc(
                "downloaded .deb files, kept so a later build resumes (default "
                    + defaultCache()
                    + ")")
            .build(),
        Option.builder()
            .longOpt("overwrite")
            .desc("replace a corpus already in the output folder")
            .build());
  }

  @Override
  public int execute(CommandLine line, PrintStream out, PrintStream err) throws Exception {
    List<String> rest = line.getArgList();
    if (rest.size() != 1 || !rest.get(0).equals("gettext")) {
      throw new UsageException("name the dataset to build: 'gettext'");
    }
    String which = line.getOptionValue("packages", "default");
    List<String> packages = packages(which);
    boolean all = packages == null;
    int maxPackages = CommonOptions.intValue(line, "max-packages", 0);
    int maxDebMb = CommonOptions.intValue(line, "max-deb-mb", 0);
    if (maxPackages < 0 || maxDebMb < 0) {
      throw new UsageException(
          "--max-packages and --max-deb-mb take a whole number >= 0 (0: no cap)");
    }
    Path output = CommonOptions.output(line);
    Path dir =
        output != null ? output : Path.of(all ? "data/gettext-en-fr-large" : "data/gettext-en-fr");
    if (Files.exists(dir.resolve("train.tsv")) && !line.hasOption("overwrite")) {
      throw new UsageException(
          dir
              + " already holds a corpus (train.tsv); pass --overwrite to replace it, or choose another --output");
    }
    Path cache = line.hasOption("cache") ? Path.of(line.getOptionValue("cache")) : defaultCache();
    Map<String, Object> manifest =
        new GettextCorpusBuilder(err)
            .build(
                new GettextCorpusBuilder.Request(
                    dir.getFileName().toString(),
                    packages,
                    maxPackages,
                    maxDebMb * 1_000_000L,
                    cache,
                    dir));
    out.println(
        "wrote "
            + dir
            + ": "
            + manifest.get("package_count")
            + " packages, pairs "
            + manifest.get("pairs"));
    return 0;
  }

  /** The packages named by --packages: the default list, null for all, or a file's lines. */
  private static List<String> packages(String which) throws IOException {
    if (which.equals("default")) {
      return GettextCorpusBuilder.PACKAGES;
    }
    if (which.equals("all")) {
      return null;
    }
    Path file = Path.of(which);
    if (!Files.isRegularFile(file)) {
      throw new UsageException(
          "--packages takes default, all, or a file naming one package per line; "
              + which
              + " is none of these");
    }
    List<String> names =
        Files.readAllLines(file).stream()
            .map(l -> l.replaceAll("#.*", "").strip())
            .filter(l -> !l.isEmpty())
            .toList();
    for (int i = 0; i < names.size(); i++) {
      if (!names.get(i).matches("[a-z0-9][a-z0-9+.-]+")) {
        throw new UsageException(
            file
                + ": '"
                + names.get(i)
                + "' is not a Debian package name; give one package per line ('#' starts a comment)");
      }
    }
    if (names.isEmpty()) {
      throw new UsageException(file + " names no package; give one package per line");
    }
    return names;
  }
}
