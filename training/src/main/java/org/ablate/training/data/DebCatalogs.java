package org.ablate.training.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ablate.training.io.AtomicFiles;

/**
 * The French gettext catalogs inside a {@code .deb}, read without installing it: {@code dpkg-deb
 * --fsys-tarfile} piped to {@code tar}, which extracts only the {@code .mo} files of {@code
 * fr/LC_MESSAGES} folders into a scratch folder (those under {@code usr/share/doc}, examples, are
 * left out).
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
                  "dpkg-deb --fsys-tarfile \"$0\" | tar -x -C \"$1\" --wildcards '*"
                      + PackageArchive.FRENCH_CATALOG_FOLDER
                      + "*.mo'",
                  deb.toAbsolutePath().toString(),
                  root.toAbsolutePath().toString()));
      if (r.code() != 0 && !r.output().contains("Not found in archive")) {
        throw new DataException(
            "cannot read " + deb + " with dpkg-deb and tar: " + r.output().strip());
      }
      List<MoFile.Message> messages = new ArrayList<>();
      List<String> unreadable = new ArrayList<>();
      List<Path> catalogs;
      try (Stream<Path> files = Files.walk(root)) {
        catalogs =
            files
                .filter(Files::isRegularFile)
                .filter(p -> p.toString().endsWith(".mo"))
                .filter(p -> p.getParent().endsWith(Path.of("fr", "LC_MESSAGES")))
                .filter(p -> !root.relativize(p).startsWith(Path.of("usr", "share", "doc")))
                .sorted()
                .toList();
      }
      for (Path mo : catalogs) {
        try {
          messages.addAll(MoFile.parse(Files.readAllBytes(mo), mo.getFileName().toString()));
        } catch (DataException | IOException e) {
          unreadable.add(root.relativize(mo) + " (" + e.getMessage() + ")");
        }
      }
      return new Catalogs(messages, unreadable);
    } finally {
      AtomicFiles.deleteTree(root);
    }
  }
}
