package org.ablate.training.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corpus builder on a few small packages, built here as real {@code .deb} files with {@code
 * dpkg-deb}: reserved applications stay out of training, dev and test (their unseen pairs go to
 * {@code heldout.tsv}), a package that cannot be downloaded is reported, and an interrupted build
 * resumes from its cache, downloading only what is missing.
 */
class GettextCorpusBuilderTest {
  /** Each fake package's French catalog: English message -> French. */
  static final Map<String, String[][]> CATALOGS = new LinkedHashMap<>();

  static {
    CATALOGS.put(
        "alpha",
        new String[][] {
          {"Open file", "Ouvrir le fichier"}, {"Save all", "Tout enregistrer"},
          {"Close window", "Fermer la fenêtre"}, {"Print page", "Imprimer la page"}
        });
    CATALOGS.put(
        "beta", new String[][] {{"Red house", "Maison rouge"}, {"Blue car", "Voiture bleue"}});
    CATALOGS.put("gamma", new String[][] {{"Green tree", "Arbre vert"}});
    CATALOGS.put("gedit-plugins", new String[][] {{"Sort lines", "Trier les lignes"}});
    CATALOGS.put("gawk", new String[][] {{"Awk script", "Script awk"}});
    CATALOGS.put(
        "evince-common",
        new String[][] {{"Open file", "Ouvrir un fichier"}, {"Zoom in", "Zoom avant"}});
  }

  /** An archive of the fake packages that counts what it is asked to download. */
  static final class FakeArchive implements PackageArchive {
    final Path staging;
    final List<String> requested = new ArrayList<>();
    int failAfterCalls = Integer.MAX_VALUE;
    int calls;

    FakeArchive(Path staging) {
      this.staging = staging;
    }

    @Override
    public List<String> packagesWithFrenchCatalogs() {
      List<String> all = new ArrayList<>(CATALOGS.keySet());
      all.add("missing-package");
      return all;
    }

    @Override
    public Map<String, Long> sizes(List<String> packages) {
      Map<String, Long> sizes = new LinkedHashMap<>();
      packages.forEach(p -> sizes.put(p, 1000L));
      return sizes;
    }

    @Override
    public void download(List<String> packages, Path dir) {
      if (++calls > failAfterCalls) {
        throw new IllegalStateException("the connection dropped");
      }
      for (String pkg : packages) {
        if (!CATALOGS.containsKey(pkg)) {
          throw new DataException("E: Unable to locate package " + pkg);
        }
      }
      for (String pkg : packages) {
        requested.add(pkg);
        deb(pkg, dir);
      }
    }

    /** {@code dpkg-deb --build} of a package holding one French catalog. */
    private void deb(String pkg, Path dir) {
      try {
        Path root = Files.createDirectories(staging.resolve(pkg));
        Path locale = Files.createDirectories(root.resolve(FRENCH_CATALOGS));
        List<String[]> entries = new ArrayList<>();
        entries.add(new String[] {"", "Content-Type: text/plain; charset=UTF-8\n"});
        entries.addAll(List.of(CATALOGS.get(pkg)));
        Files.write(
            locale.resolve(pkg + ".mo"),
            MoFileTest.catalog(
                ByteOrder.LITTLE_ENDIAN, StandardCharsets.UTF_8, entries.toArray(String[][]::new)));
        Path control = Files.createDirectories(root.resolve("DEBIAN"));
        Files.writeString(
            control.resolve("control"),
            "Package: "
                + pkg
                + "\nVersion: 1:1.0+b1\nArchitecture: all\nMaintainer: test <t@example.org>\n"
                + "Description: test package\n");
        Processes.run(
            staging,
            "dpkg-deb",
            "--root-owner-group",
            "--build",
            root.toString(),
            dir.resolve(pkg + "_1%3a1.0+b1_all.deb").toString());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  private static Map<String, Object> build(FakeArchive archive, Path cache, Path out)
      throws Exception {
    PrintStream log = new PrintStream(new ByteArrayOutputStream());
    return new GettextCorpusBuilder(log, archive, 2)
        .build(new GettextCorpusBuilder.Request("tiny", null, 0, 0, cache, out));
  }

  @Test
  @SuppressWarnings("unchecked")
  void reservedApplicationsAreHeldOutAndAnInterruptedBuildResumesFromItsCache(@TempDir Path dir)
      throws Exception {
    Path cache = dir.resolve("cache");
    FakeArchive first = new FakeArchive(Files.createDirectories(dir.resolve("staging1")));
    first.failAfterCalls = 1; // the first batch of 2 arrives, then the connection drops
    assertThrows(IllegalStateException.class, () -> build(first, cache, dir.resolve("c0")));
    assertEquals(List.of("alpha", "beta"), first.requested);
    assertFalse(Files.exists(dir.resolve("c0/train.tsv")), "a failed build writes no corpus");

    FakeArchive second = new FakeArchive(Files.createDirectories(dir.resolve("staging2")));
    Path out = dir.resolve("corpus");
    Map<String, Object> manifest = build(second, cache, out);
    assertFalse(
        second.requested.contains("alpha") || second.requested.contains("beta"),
        "cached packages are not downloaded again: " + second.requested);
    assertTrue(
        second.requested.containsAll(List.of("gamma", "evince-common", "gawk")),
        second.requested.toString());

    assertEquals(3, manifest.get("package_count"), "alpha, beta, gamma");
    Map<String, Object> selection = (Map<String, Object>) manifest.get("selection");
    assertEquals(
        List.of("gedit-plugins", "gawk", "evince-common"), selection.get("reserved_excluded"));
    assertEquals(List.of("missing-package"), selection.get("download_failed"));
    Map<String, Object> reserved = (Map<String, Object>) manifest.get("reserved");
    assertEquals(GettextCorpusBuilder.RESERVED, reserved.get("packages"));
    Map<String, Object> packages = (Map<String, Object>) manifest.get("packages");
    assertEquals(List.of("alpha", "beta", "gamma"), List.copyOf(packages.keySet()));
    assertEquals("1:1.0+b1", ((Map<String, Object>) packages.get("alpha")).get("version"));

    StringBuilder corpus = new StringBuilder();
    for (String split : List.of("train", "dev", "test")) {
      corpus.append(Files.readString(out.resolve(split + ".tsv")));
    }
    assertEquals(7, corpus.toString().lines().count(), corpus.toString());
    for (String notThere : List.of("Sort lines", "Awk script", "Zoom in", "Ouvrir un fichier")) {
      assertFalse(corpus.toString().contains(notThere), notThere + " is reserved");
    }
    assertEquals(
        List.of("Zoom in\tZoom avant", "Awk script\tScript awk"),
        Files.readAllLines(out.resolve("heldout.tsv")),
        "held-out pairs of reserved packages, without the source the corpus already has");
    Map<String, Object> pairs = (Map<String, Object>) manifest.get("pairs");
    assertEquals(2, pairs.get("heldout"));
    assertEquals(
        manifest, new ObjectMapper().readValue(out.resolve("manifest.json").toFile(), Map.class));
  }

  @Test
  void reservedMeansTheApplicationAndPackagesNamedAfterIt() {
    for (String r : GettextCorpusBuilder.RESERVED) {
      assertTrue(GettextCorpusBuilder.reserved(r), r);
    }
    for (String p :
        List.of(
            "gedit",
            "gedit-plugins",
            "eog-plugins",
            "gnome-shell-extension-prefs",
            "inkscape-tutorials",
            "evince")) {
      assertTrue(GettextCorpusBuilder.reserved(p), p);
    }
    for (String p : List.of("coreutils", "gnome-shells", "eogx", "gnome-control", "gedits")) {
      assertFalse(GettextCorpusBuilder.reserved(p), p);
    }
  }
}
