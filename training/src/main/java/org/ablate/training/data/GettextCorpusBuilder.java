package org.ablate.training.data;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ablate.training.io.AtomicFiles;

/**
 * Builds an EN->FR corpus from the French gettext catalogs of Debian packages: fetch their {@code
 * .deb} files through a resumable {@link DebCache} (no install), read every {@code
 * usr/share/locale/fr/LC_MESSAGES/*.mo} with {@link DebCatalogs}, filter, de-duplicate and split
 * with {@link GettextCorpus}, then write {@code train.tsv}, {@code dev.tsv}, {@code test.tsv},
 * {@code heldout.tsv} (the {@link #RESERVED} packages' pairs) and a manifest.
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

  /**
   * Applications reserved for out-of-domain evaluation, by package: never used for training, dev or
   * test. Their pairs that the corpus does not already hold go to {@code heldout.tsv}. Two of them
   * ship their French catalog in a sibling package, which is reserved with them: {@code
   * gparted-common} and {@code transmission-gtk}.
   */
  public static final List<String> RESERVED =
      List.of(
          "evince-common",
          "gedit-common",
          "nautilus-data",
          "gnome-control-center-data",
          "aptitude-common",
          "synaptic",
          "gparted",
          "gparted-common",
          "transmission-common",
          "transmission-gtk",
          "rhythmbox-data",
          "totem-common",
          "file-roller",
          "eog",
          "gnome-shell-common",
          "inkscape",
          "gnumeric-common",
          "gawk");

  /**
   * Whether {@code pkg} belongs to a reserved application: a {@link #RESERVED} package, or one
   * named after the same application ({@code gedit-plugins}, {@code eog-plugins}, {@code
   * gnome-shell-extension-prefs}...), whose messages overlap with it. Such packages are left out of
   * training, dev and test too.
   */
  public static boolean reserved(String pkg) {
    for (String r : RESERVED) {
      String app = r.replaceAll("-(common|data)$", "");
      if (pkg.equals(r) || pkg.equals(app) || pkg.startsWith(app + "-")) {
        return true;
      }
    }
    return false;
  }

  /** Packages fetched per {@code apt-get download} call. */
  static final int BATCH = 50;

  private final int batch;

  /**
   * What to build: the packages (null: every package of the archive with French catalogs), at most
   * {@code maxPackages} of them (0: no cap), skipping packages whose {@code .deb} is larger than
   * {@code maxDebBytes} (0: no cap); {@code .deb} files are kept in {@code cache}.
   */
  public record Request(
      String name,
      List<String> packages,
      int maxPackages,
      long maxDebBytes,
      Path cache,
      Path out) {}

  private final PrintStream log;
  private final PackageArchive archive;

  public GettextCorpusBuilder(PrintStream log) {
    this(log, PackageArchive.apt());
  }

  public GettextCorpusBuilder(PrintStream log, PackageArchive archive) {
    this(log, archive, BATCH);
  }

  GettextCorpusBuilder(PrintStream log, PackageArchive archive, int batch) {
    this.log = log;
    this.archive = archive;
    this.batch = batch;
  }

  /** Fetches, reads and writes the corpus of {@code request}; returns the manifest. */
  public Map<String, Object> build(Request request) throws IOException {
    List<String> candidates =
        request.packages() == null ? archive.packagesWithFrenchCatalogs() : request.packages();
    List<String> reservedFound =
        candidates.stream().filter(GettextCorpusBuilder::reserved).toList();
    List<String> training =
        new ArrayList<>(candidates.stream().filter(p -> !reserved(p)).distinct().toList());
    Map<String, Object> selection = new LinkedHashMap<>();
    selection.put("candidates", candidates.size());
    selection.put("reserved_excluded", reservedFound);
    if (request.maxDebBytes() > 0) {
      Map<String, Long> sizes = archive.sizes(training);
      List<String> tooLarge =
          training.stream()
              .filter(p -> sizes.getOrDefault(p, Long.MAX_VALUE) > request.maxDebBytes())
              .toList();
      training.removeAll(tooLarge);
      selection.put("max_deb_bytes", request.maxDebBytes());
      selection.put("skipped_too_large_or_unknown", tooLarge.size());
    }
    if (request.maxPackages() > 0 && training.size() > request.maxPackages()) {
      selection.put("skipped_over_max_packages", training.size() - request.maxPackages());
      training = new ArrayList<>(training.subList(0, request.maxPackages()));
      selection.put("max_packages", request.maxPackages());
    }
    // the reserved packages with French catalogs, when the archive says which have them
    List<String> heldOutPackages =
        request.packages() == null
            ? RESERVED.stream().filter(candidates::contains).toList()
            : RESERVED;
    List<String> all = new ArrayList<>(training);
    all.addAll(heldOutPackages);
    DebCache.Fetched fetched = new DebCache(request.cache(), archive, log).fetch(all, batch);
    GettextCorpus corpus = new GettextCorpus();
    Map<String, String> versions = new LinkedHashMap<>();
    List<String> unreadable = new ArrayList<>();
    Path scratch = Files.createTempDirectory("ablate-gettext-");
    try {
      int done = 0;
      for (String pkg : training) {
        Path deb = fetched.files().get(pkg);
        if (deb != null) {
          versions.put(pkg, DebCache.version(deb));
          DebCatalogs.Catalogs c = DebCatalogs.read(deb, scratch);
          c.unreadable().forEach(u -> unreadable.add(pkg + ": " + u));
          corpus.add(pkg, c.messages());
        }
        if (++done % 100 == 0 || done == training.size()) {
          log.printf(
              Locale.ROOT,
              "  read %,d of %,d packages: %,d pairs%n",
              done,
              training.size(),
              corpus.splits().values().stream().mapToInt(List::size).sum());
        }
      }
      for (String pkg : heldOutPackages) {
        Path deb = fetched.files().get(pkg);
        if (deb != null) {
          versions.put(pkg, DebCache.version(deb));
          int kept = corpus.addHeldOut(pkg, DebCatalogs.read(deb, scratch).messages());
          log.printf(Locale.ROOT, "  held out %-26s %6d pairs%n", pkg, kept);
        }
      }
    } finally {
      AtomicFiles.deleteTree(scratch);
    }
    selection.put("download_failed", fetched.failed());
    selection.put("unreadable_catalogs", unreadable);
    return GettextCorpusFiles.write(request, corpus, versions, selection);
  }
}
