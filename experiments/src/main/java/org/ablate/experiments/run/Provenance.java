package org.ablate.experiments.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ablate.core.plugin.Plugins;
import org.tensorflow.TensorFlow;

/** Where a run came from: code version, library versions, machine, data file hashes, seed. */
public final class Provenance {
  private Provenance() {}

  public static Map<String, Object> collect(long seed, List<Path> dataFiles, Plugins plugins) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("created", Instant.now().toString());
    p.put("git_commit", git("rev-parse", "HEAD"));
    p.put("git_dirty", !git("status", "--porcelain", "--untracked-files=no").isEmpty());
    p.put("ablate_version", version());
    p.put("tensorflow_version", TensorFlow.version());
    p.put("java_version", System.getProperty("java.version"));
    p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    p.put("cpus", Runtime.getRuntime().availableProcessors());
    p.put("seed", seed);
    p.put("working_directory", Path.of("").toAbsolutePath().toString());
    Map<String, String> hashes = new LinkedHashMap<>();
    for (Path f : dataFiles) {
      hashes.put(f.toString(), sha256(f));
    }
    p.put("data_files", hashes);
    Map<String, String> jars = new LinkedHashMap<>();
    for (Path jar : plugins.jars()) {
      jars.put(jar.toAbsolutePath().toString(), sha256(jar));
    }
    p.put("plugins", jars);
    return p;
  }

  /**
   * The folder a run was trained in (its relative data paths start there), or null when its
   * provenance does not say.
   */
  public static Path trainedIn(Path runDirectory) {
    Path file = runDirectory.resolve("provenance.json");
    try {
      Object dir =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readValue(file.toFile(), Map.class)
              .get("working_directory");
      return dir == null ? null : Path.of(dir.toString());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  public static String version() {
    String v = Provenance.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }

  static String git(String... args) {
    try {
      String[] cmd = new String[args.length + 1];
      cmd[0] = "git";
      System.arraycopy(args, 0, cmd, 1, args.length);
      Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(proc.getInputStream().readAllBytes()).trim();
      if (!proc.waitFor(5, TimeUnit.SECONDS) || proc.exitValue() != 0) {
        return "unknown";
      }
      return out;
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  public static String sha256(Path file) {
    if (!Files.isRegularFile(file)) {
      return "missing";
    }
    try (InputStream in =
        new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException | NoSuchAlgorithmException e) {
      return "unreadable";
    }
  }
}
