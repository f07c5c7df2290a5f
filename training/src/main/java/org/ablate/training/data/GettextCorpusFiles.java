package org.ablate.training.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ablate.training.io.AtomicFiles;

/**
 * Writes a built gettext corpus: {@code train.tsv}, {@code dev.tsv}, {@code test.tsv}, {@code
 * heldout.tsv} and {@code manifest.json} (package versions and counts, the reserved packages, how
 * the packages were chosen, the filters, the split and the licence note).
 */
final class GettextCorpusFiles {
  private GettextCorpusFiles() {}

  /** Writes the corpus into {@code request.out()}; returns the manifest. */
  static Map<String, Object> write(
      GettextCorpusBuilder.Request request,
      GettextCorpus corpus,
      Map<String, String> versions,
      Map<String, Object> selection)
      throws IOException {
    Path out = request.out();
    Files.createDirectories(out);
    Map<String, Integer> sizes = new LinkedHashMap<>();
    Map<String, List<String[]>> files = new LinkedHashMap<>(corpus.splits());
    files.put("heldout", corpus.heldOut());
    for (Map.Entry<String, List<String[]>> split : files.entrySet()) {
      StringBuilder sb = new StringBuilder();
      for (String[] pair : split.getValue()) {
        sb.append(pair[0]).append('\t').append(pair[1]).append('\n');
      }
      AtomicFiles.writeString(out.resolve(split.getKey() + ".tsv"), sb.toString());
      sizes.put(split.getKey(), split.getValue().size());
    }
    Map<String, Object> packages = new LinkedHashMap<>();
    Map<String, Object> heldOut = new LinkedHashMap<>();
    corpus
        .perPackage()
        .forEach(
            (pkg, counts) -> {
              Map<String, Object> p = new LinkedHashMap<>();
              p.put("version", versions.get(pkg));
              p.put("messages", counts[0]);
              p.put("pairs_kept", counts[1]);
              (GettextCorpusBuilder.RESERVED.contains(pkg) ? heldOut : packages).put(pkg, p);
            });
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("name", request.name());
    manifest.put("built", LocalDate.now().toString());
    manifest.put(
        "source",
        "French gettext catalogs (usr/share/locale/fr/LC_MESSAGES/*.mo) of the Debian packages below, fetched with apt-get download");
    manifest.put("filters", GettextCorpus.FILTERS);
    manifest.put(
        "split", "by SHA-256 of the lower-cased source: 3.5% dev, 3.5% test, the rest train");
    manifest.put("pairs", sizes);
    manifest.put("package_count", packages.size());
    manifest.put(
        "reserved",
        Map.of(
            "rule",
            "these packages are never used for training, dev or test; heldout.tsv holds their pairs whose"
                + " lower-cased source is not in train, dev or test",
            "packages",
            GettextCorpusBuilder.RESERVED,
            "held_out",
            heldOut));
    manifest.put("selection", selection);
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
}
