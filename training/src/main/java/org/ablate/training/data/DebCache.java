package org.ablate.training.data;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A folder of downloaded {@code .deb} files that survives interruptions: packages are downloaded in
 * batches into {@code incoming/} and moved into the folder only when their batch has finished, so
 * the folder holds only whole files, and a later build downloads only what is missing. A package
 * that cannot be downloaded on its own is reported, not fatal.
 */
public final class DebCache {
  private final Path dir;
  private final PackageArchive archive;
  private final PrintStream log;

  public DebCache(Path dir, PackageArchive archive, PrintStream log) {
    this.dir = dir;
    this.archive = archive;
    this.log = log;
  }

  /** What a fetch found: each package's file, and the packages that could not be downloaded. */
  public record Fetched(Map<String, Path> files, List<String> failed, int downloaded) {}

  /**
   * The cached {@code .deb} of every package in the folder ({@code name_version_arch.deb}, a {@code
   * +} in the name written {@code %2b}), by package name; of two versions, the later name in sort
   * order. One listing of the folder serves every package.
   */
  Map<String, Path> cached() {
    Map<String, Path> byPackage = new java.util.HashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.sorted().toList()) {
        String name = p.getFileName().toString();
        int first = name.indexOf('_');
        if (name.endsWith(".deb") && first > 0 && name.indexOf('_', first + 1) > first + 1) {
          byPackage.put(name.substring(0, first).replace("%2b", "+"), p);
        }
      }
      return byPackage;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The version in a cached file's name, whose {@code %xx} escapes (apt writes the epoch's colon as
   * {@code %3a}) are decoded; a {@code +} stays a {@code +}.
   */
  static String version(Path deb) {
    String[] parts = deb.getFileName().toString().split("_");
    return parts.length >= 3
        ? URLDecoder.decode(parts[1].replace("+", "%2b"), StandardCharsets.UTF_8)
        : "?";
  }

  /** Every package's {@code .deb}, downloading the missing ones in batches of {@code batch}. */
  public Fetched fetch(List<String> packages, int batch) {
    try {
      Files.createDirectories(dir);
      Map<String, Path> files = new LinkedHashMap<>();
      List<String> missing = new ArrayList<>();
      Map<String, Path> cached = cached();
      for (String pkg : packages) {
        if (cached.containsKey(pkg)) {
          files.put(pkg, cached.get(pkg));
        } else {
          missing.add(pkg);
        }
      }
      log.printf(
          Locale.ROOT,
          "%d of %d packages already in %s; downloading %d%n",
          files.size(),
          packages.size(),
          dir,
          missing.size());
      List<String> failed = new ArrayList<>();
      int downloaded = 0;
      for (int from = 0; from < missing.size(); from += batch) {
        List<String> part = missing.subList(from, Math.min(missing.size(), from + batch));
        downloaded += download(part, failed);
        log.printf(
            Locale.ROOT,
            "  downloaded %,d of %,d%n",
            Math.min(missing.size(), from + batch),
            missing.size());
      }
      Files.deleteIfExists(dir.resolve("incoming"));
      Map<String, Path> downloadedFiles = cached();
      for (String pkg : missing) {
        if (downloadedFiles.containsKey(pkg)) {
          files.put(pkg, downloadedFiles.get(pkg));
        }
      }
      Map<String, Path> ordered = new LinkedHashMap<>();
      packages.stream().filter(files::containsKey).forEach(p -> ordered.put(p, files.get(p)));
      return new Fetched(ordered, failed, downloaded);
    } catch (IOException e) {
      throw new DataException("cannot use the package cache " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Downloads a batch into {@code incoming/} and moves its files into the cache; if the batch
   * fails, tries its packages one by one and records those that still fail.
   */
  private int download(List<String> part, List<String> failed) throws IOException {
    Path incoming = dir.resolve("incoming");
    clear(incoming);
    try {
      archive.download(part, incoming);
    } catch (DataException batchFailed) {
      if (part.size() == 1) {
        failed.add(part.get(0));
        log.println("  cannot download " + part.get(0) + ": " + batchFailed.getMessage());
        clear(incoming);
        return 0;
      }
      clear(incoming);
      int n = 0;
      for (String pkg : part) {
        n += download(List.of(pkg), failed);
      }
      return n;
    }
    int n = 0;
    try (Stream<Path> files = Files.list(incoming)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".deb")).toList()) {
        Files.move(
            f,
            dir.resolve(f.getFileName()),
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
        n++;
      }
    }
    Files.deleteIfExists(incoming);
    return n;
  }

  private static void clear(Path folder) throws IOException {
    if (Files.isDirectory(folder)) {
      try (Stream<Path> files = Files.list(folder)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
    }
    Files.createDirectories(folder);
  }
}
