package org.ablate.training.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The French gettext catalogs inside a {@code .deb}, read without installing it: {@code dpkg-deb
 * --fsys-tarfile} piped to {@code tar}, which extracts only {@code
 * ./usr/share/locale/fr/LC_MESSAGES/*.mo} into a scratch folder.
 */
final class DebCatalogs {
  private DebCatalogs() {}

  /** A package's French messages, and the names of its catalogs that could not be parsed. */
  record Catalogs(List<MoFile.Message> messages, List<String> unreadable) {}

  /** The messages of every French catalog of {@code deb}, catalogs in name order. */
  static Catalogs read(Path deb, Path scratch) throws IOException {
    Path root = Files.createTempDirectory(scratch, "x-");
    try {
      Processes.Result r =
          Processes.start(
              scratch,
              List.of(
                  "sh",
                  "-c",
                  "dpkg-deb --fsys-tarfile \"$0\" | tar -x -C \"$1\" --wildcards './"
                      + PackageArchive.FRENCH_CATALOGS
                      + "*.mo'",
                  deb.toAbsolutePath().toString(),
                  root.toAbsolutePath().toString()));
      if (r.code() != 0 && !r.output().contains("Not found in archive")) {
        throw new DataException(
            "cannot read " + deb + " with dpkg-deb and tar: " + r.output().strip());
      }
      Path locale = root.resolve(PackageArchive.FRENCH_CATALOGS);
      List<MoFile.Message> messages = new ArrayList<>();
      List<String> unreadable = new ArrayList<>();
      if (Files.isDirectory(locale)) {
        try (Stream<Path> files = Files.list(locale)) {
          for (Path mo : files.filter(p -> p.toString().endsWith(".mo")).sorted().toList()) {
            try {
              messages.addAll(MoFile.parse(Files.readAllBytes(mo), mo.getFileName().toString()));
            } catch (DataException | IOException e) {
              unreadable.add(mo.getFileName() + " (" + e.getMessage() + ")");
            }
          }
        }
      }
      return new Catalogs(messages, unreadable);
    } finally {
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
