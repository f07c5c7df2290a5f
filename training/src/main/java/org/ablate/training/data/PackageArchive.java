package org.ablate.training.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Where Debian packages come from: which ship French gettext catalogs, how large they are, and
 * their {@code .deb} files. {@link #apt()} asks the machine's package manager; tests give their
 * own.
 */
public interface PackageArchive {
  /** Where a package's French catalogs usually live inside its {@code .deb}. */
  String FRENCH_CATALOGS = "usr/share/locale/fr/LC_MESSAGES/";

  /**
   * The folder of a French catalog anywhere in a package (applications such as LibreOffice, R and
   * some games keep their catalogs outside {@code usr/share/locale}).
   */
  String FRENCH_CATALOG_FOLDER = "/fr/LC_MESSAGES/";

  /** The packages that ship at least one French {@code .mo} catalog, sorted by name. */
  List<String> packagesWithFrenchCatalogs();

  /** The download size in bytes of each package's candidate version; unknown ones are absent. */
  Map<String, Long> sizes(List<String> packages);

  /**
   * Downloads the {@code .deb} of each package into {@code dir}, named {@code
   * name_version_arch.deb}; throws a {@link DataException} if any fails.
   */
  void download(List<String> packages, Path dir);

  /**
   * The machine's APT: {@code apt-file} lists the packages with French catalogs (it needs {@code
   * apt-file update} once), {@code apt-cache show} their sizes, and {@code apt-get download}
   * fetches them without installing anything.
   */
  static PackageArchive apt() {
    return new PackageArchive() {
      @Override
      public List<String> packagesWithFrenchCatalogs() {
        String out;
        try {
          out =
              Processes.run(
                  Path.of("."),
                  "apt-file",
                  "search",
                  "--regexp",
                  FRENCH_CATALOG_FOLDER + "[^/]*\\.mo$");
        } catch (DataException e) {
          throw new DataException(
              "cannot list the packages with French catalogs: apt-file failed ("
                  + e.getMessage()
                  + "). Install it and fetch its index once: 'sudo apt-get install apt-file &&"
                  + " sudo apt-file update'; or name the packages in a file (--packages FILE).");
        }
        TreeSet<String> names = new TreeSet<>();
        out.lines()
            .filter(l -> l.contains(": "))
            .forEach(l -> names.add(l.substring(0, l.indexOf(": ")).trim()));
        return new ArrayList<>(names);
      }

      @Override
      public Map<String, Long> sizes(List<String> packages) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (int from = 0; from < packages.size(); from += 500) {
          List<String> cmd = new ArrayList<>(List.of("apt-cache", "show", "--no-all-versions"));
          cmd.addAll(packages.subList(from, Math.min(packages.size(), from + 500)));
          String name = null;
          for (String line : Processes.runLenient(cmd).lines().toList()) {
            if (line.startsWith("Package: ")) {
              name = line.substring(9).trim();
            } else if (line.startsWith("Size: ") && name != null) {
              sizes.putIfAbsent(name, Long.parseLong(line.substring(6).trim()));
            }
          }
        }
        return sizes;
      }

      @Override
      public void download(List<String> packages, Path dir) {
        List<String> cmd = new ArrayList<>(List.of("apt-get", "download"));
        cmd.addAll(packages);
        try {
          Processes.run(dir, cmd.toArray(String[]::new));
        } catch (DataException e) {
          throw new DataException(
              "apt-get download failed ("
                  + e.getMessage()
                  + "). On a fresh machine run 'sudo apt-get update' once, then retry; this"
                  + " command needs a Debian or Ubuntu system with network access to its package"
                  + " mirror.");
        }
      }
    };
  }
}
