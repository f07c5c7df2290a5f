package org.ablate.experiments.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ablate.training.data.GettextCorpusBuilder;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
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
    return "gettext [--out DIR]";
  }

  @Override
  public String summary() {
    return "build a dataset (gettext: the EN->FR corpus from Debian packages' French catalogs)";
  }

  @Override
  public Options options() {
    return CommonOptions.with(
        Option.builder()
            .longOpt("out")
            .hasArg()
            .argName("DIR")
            .desc("output folder (default data/gettext-en-fr)")
            .build());
  }

  @Override
  public int execute(CommandLine line, PrintStream out, PrintStream err) throws Exception {
    List<String> rest = line.getArgList();
    if (rest.size() != 1 || !rest.get(0).equals("gettext")) {
      throw new UsageException("name the dataset to build: 'gettext'");
    }
    Args args = new Args(rest.get(0), Path.of(line.getOptionValue("out", "data/gettext-en-fr")));
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
