package org.ablate.experiments.cli;

import java.io.PrintStream;
import org.ablate.experiments.config.ConfigDocs;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code ablate schema [--reference]}: the JSON Schema of experiment files, or the annotated key
 * reference, for Ablate's components and those of the plugins given.
 */
final class SchemaCommand implements Command {
  @Override
  public String name() {
    return "schema";
  }

  @Override
  public String synopsis() {
    return "[--reference] [--plugins PATH]";
  }

  @Override
  public String summary() {
    return "print the JSON Schema of experiment files (or, with --reference, every key annotated as YAML)";
  }

  @Override
  public Options options() {
    return CommonOptions.with(
        Option.builder().longOpt("reference").desc("print configs/reference.yaml instead").build());
  }

  @Override
  public int execute(CommandLine line, PrintStream out, PrintStream err) {
    ConfigDocs docs = new ConfigDocs(CommonOptions.ablate(line).registry());
    out.print(line.hasOption("reference") ? docs.referenceYaml() : docs.jsonSchema());
    return 0;
  }
}
