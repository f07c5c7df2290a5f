package org.ablate.experiments.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ablate.training.data.GettextCorpusBuilder;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code ablate data gettext [--out DIR]}: builds the EN->FR corpus from Debian's gettext catalogs.
 */
final class DataCommand implements Command {
  record Args(String dataset, Path out) {}

  @Override
  public String name() {
    return "data";
  }

  @Override
  public String synopsis() {
    return "gettext [--output DIR]";
  }

  @Override
  public String summary() {
    return "build a dataset (gettext: the EN->FR corpus from Debian packages' French catalogs)";
  }

  @Override
  public Options options() {
    return CommonOptions.withOutput("DIR", "output folder (default data/gettext-en-fr)");
  }

  @Override
  public int execute(CommandLine line, PrintStream out, PrintStream err) throws Exception {
    List<String> rest = line.getArgList();
    if (rest.size() != 1 || !rest.get(0).equals("gettext")) {
      throw new UsageException("name the dataset to build: 'gettext'");
    }
    Path output = CommonOptions.output(line);
    Args args = new Args(rest.get(0), output == null ? Path.of("data/gettext-en-fr") : output);
    err.println(
        "downloading "
            + GettextCorpusBuilder.PACKAGES.size()
            + " packages (apt-get download, nothing is installed)...");
    Map<String, Object> manifest =
        new GettextCorpusBuilder(err).build(GettextCorpusBuilder.PACKAGES, args.out());
    out.println("wrote " + args.out() + ": " + manifest.get("pairs"));
    return 0;
  }
}
