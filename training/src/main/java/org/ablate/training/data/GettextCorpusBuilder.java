package org.ablate.training.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ablate.core.AblateException;
import org.ablate.training.io.AtomicFiles;

/**
 * Builds the EN->FR corpus from the French gettext catalogs of Debian packages: {@code apt-get
 * download} (no install), {@code dpkg-deb -x}, parse every {@code
 * usr/share/locale/fr/LC_MESSAGES/*.mo} with {@link MoFile}, filter, de-duplicate and split with
 * {@link GettextCorpus}, then write {@code train.tsv}, {@code dev.tsv}, {@code test.tsv} and a
 * manifest.
 */
public final class GettextCorpusBuilder {
  /** The packages whose French catalogs make the corpus, in the order they are read. */
  public static final List<String> PACKAGES =
      List.of(
          "iso-codes",
          "binutils-common",
          "git",
          "coreutils",
          "bash",
          "libc-l10n",
          "gnupg-l10n",
          "libglib2.0-data",
          "libgtk2.0-common",
          "postgresql-15",
          "postgresql-client-15",
          "xkb-data",
          "shared-mime-info",
          "procps",
          "tar",
          "dpkg",
          "apt",
          "libapt-pkg6.0",
          "gsettings-desktop-schemas",
          "libgstreamer1.0-0",
          "packagekit",
          "appstream",
          "gettext",
          "gettext-base",
          "findutils",
          "diffutils",
          "grep",
          "sed",
          "make",
          "man-db",
          "libgnutls30",
          "psmisc",
          "login",
          "systemd",
          "xz-utils",
          "adduser",
          "libpam-runtime",
          "libidn2-0",
          "libgdk-pixbuf2.0-common",
          "libavahi-common-data",
          "libdpkg-perl",
          "at-spi2-common",
          "python-apt-common",
          "net-tools",
          "xdg-user-dirs",
          "libpq5",
          "wget");

  private final PrintStream log;

  public GettextCorpusBuilder(PrintStream log) {
    this.log = log;
  }

  /** Downloads, parses and writes the corpus into {@code out}; returns the manifest. */
  public Map<String, Object> build(List<String> packages, Path out)
      throws IOException, InterruptedException {
    Path work = Files.createTempDirectory("ablate-gettext-");
    try {
      download(packages, work);
      GettextCorpus corpus = new GettextCorpus();
      Map<String, String> versions = new LinkedHashMap<>();
      for (String pkg : packages) {
        Path deb = find(work, pkg);
        String version = run(work, "dpkg-deb", "-f", deb.toString(), "Version").trim();
        versions.put(pkg, version);
        Path root = work.resolve("x-" + pkg);
        run(work, "dpkg-deb", "-x", deb.toString(), root.toString());
        Path locale = root.resolve("usr/share/locale/fr/LC_MESSAGES");
        int kept = 0;
        if (Files.isDirectory(locale)) {
          try (Stream<Path> files = Files.list(locale)) {
            for (Path mo : files.filter(p -> p.toString().endsWith(".mo")).sorted().toList()) {
              kept +=
                  corpus.add(
                      pkg, MoFile.parse(Files.readAllBytes(mo), mo.getFileName().toString()));
            }
          }
        }
        log.printf("  %-28s %-28s %6d pairs kept%n", pkg, version, kept);
      }
      return write(corpus, versions, out);
    } finally {
      deleteTree(work);
    }
  }

  private void download(List<String> packages, Path work) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("apt-get", "download"));
    cmd.addAll(packages);
    try {
      run(work, cmd.toArray(String[]::new));
    } catch (DataException e) {
      throw new DataException(
          "apt-get download failed ("
              + e.getMessage()
              + "). On a fresh machine run 'sudo apt-get update' once, then retry;"
              + " this command needs a Debian or Ubuntu system with network access to its package mirror.");
    }
  }

  private static Path find(Path work, String pkg) throws IOException {
    try (Stream<Path> files = Files.list(work)) {
      return files
          .filter(
              p ->
                  p.getFileName().toString().startsWith(pkg.replace("+", "%2b") + "_")
                      && p.toString().endsWith(".deb"))
          .findFirst()
          .orElseThrow(
              () ->
                  new DataException(
                      "apt-get download did not produce a .deb for package " + pkg + "."));
    }
  }

  private Map<String, Object> write(GettextCorpus corpus, Map<String, String> versions, Path out)
      throws IOException {
    Files.createDirectories(out);
    Map<String, Integer> sizes = new LinkedHashMap<>();
    for (Map.Entry<String, List<String[]>> split : corpus.splits().entrySet()) {
      StringBuilder sb = new StringBuilder();
      for (String[] pair : split.getValue()) {
        sb.append(pair[0]).append('\t').append(pair[1]).append('\n');
      }
      AtomicFiles.writeString(out.resolve(split.getKey() + ".tsv"), sb.toString());
      sizes.put(split.getKey(), split.getValue().size());
    }
    Map<String, Object> packages = new LinkedHashMap<>();
    corpus
        .perPackage()
        .forEach(
            (pkg, counts) -> {
              Map<String, Object> p = new LinkedHashMap<>();
              p.put("version", versions.get(pkg));
              p.put("messages", counts[0]);
              p.put("pairs_kept", counts[1]);
              packages.put(pkg, p);
            });
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("name", "gettext-en-fr");
    manifest.put("built", LocalDate.now().toString());
    manifest.put(
        "source",
        "French gettext catalogs (usr/share/locale/fr/LC_MESSAGES/*.mo) of the Debian packages below, fetched with apt-get download");
    manifest.put("filters", GettextCorpus.FILTERS);
    manifest.put(
        "split", "by SHA-256 of the lower-cased source: 3.5% dev, 3.5% test, the rest train");
    manifest.put("pairs", sizes);
    manifest.put("packages", packages);
    manifest.put(
        "licence",
        "Each message and its translation belong to the package it comes from and are distributed under that package's"
            + " licence (mostly GPL-2+/GPL-3+/LGPL; see /usr/share/doc/PACKAGE/copyright). The corpus is provided for research"
            + " use with that attribution.");
    AtomicFiles.write(
        out.resolve("manifest.json"),
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
    return manifest;
  }

  private static String run(Path dir, String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
      String tail = output.lines().reduce((a, b) -> b).orElse("");
      throw new DataException(
          String.join(" ", cmd.length > 4 ? List.of(cmd[0], cmd[1], "...") : List.of(cmd))
              + " exited with "
              + p.exitValue()
              + ": "
              + tail);
    }
    return output;
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new AblateException("cannot delete " + root + ": " + e.getMessage(), e);
    }
  }
}
