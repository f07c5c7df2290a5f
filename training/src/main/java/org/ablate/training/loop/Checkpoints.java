package org.ablate.training.loop;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.ablate.core.AblateException;
import org.ablate.training.io.AtomicFiles;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;

/**
 * TF checkpoints ({@code Session.save}: {@code ckpt.index} + {@code ckpt.data-*}) in {@code
 * checkpoints/step-NNNNNNNN/} folders, each with a {@code manifest.json} holding the files' SHA-256
 * and the trainer state. A checkpoint is written into a hidden temporary folder, flushed, and then
 * renamed into place, so a crash leaves either the whole checkpoint or none. On restore every file
 * is verified; a truncated or corrupt checkpoint is skipped in favour of the previous good one. The
 * best checkpoint is copied to {@code checkpoints/best/} the same way.
 */
public final class Checkpoints {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PREFIX = "ckpt";
  private final Path dir;
  private final int keepLast;

  /** A saved checkpoint: its step, folder and trainer state. */
  public record Entry(long step, Path dir, Map<String, Object> state) {
    public String prefix() {
      return dir.resolve(PREFIX).toString();
    }
  }

  public Checkpoints(Path dir, int keepLast) {
    this.dir = dir;
    this.keepLast = keepLast;
  }

  public Path dir() {
    return dir;
  }

  /** Saves the session's variables and {@code state} as the checkpoint of {@code step}. */
  public Entry save(Session session, long step, Map<String, Object> state) {
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempDirectory(dir, ".tmp-step-" + step + "-");
      AtomicFiles.readable(tmp);
      session.save(tmp.resolve(PREFIX).toString());
      writeManifest(tmp, step, state);
      Path target = dir.resolve(String.format(Locale.ROOT, "step-%08d", step));
      replaceDirectory(tmp, target);
      prune();
      return new Entry(step, target, state);
    } catch (IOException e) {
      throw new AblateException(
          "cannot write checkpoint of step " + step + " in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Copies a checkpoint to {@code best/}, atomically replacing the previous best. */
  public void markBest(Entry entry) {
    try {
      Path tmp = Files.createTempDirectory(dir, ".tmp-best-");
      AtomicFiles.readable(tmp);
      try (Stream<Path> files = Files.list(entry.dir())) {
        for (Path f : files.toList()) {
          Files.copy(f, tmp.resolve(f.getFileName()));
          force(tmp.resolve(f.getFileName()));
        }
      }
      replaceDirectory(tmp, dir.resolve("best"));
    } catch (IOException e) {
      throw new AblateException(
          "cannot copy the best checkpoint into " + dir.resolve("best") + ": " + e.getMessage(), e);
    }
  }

  private static void replaceDirectory(Path source, Path target) throws IOException {
    Path old = null;
    if (Files.exists(target)) {
      old = target.resolveSibling("." + target.getFileName() + ".old-" + System.nanoTime());
      AtomicFiles.move(target, old);
    }
    AtomicFiles.move(source, target);
    if (old != null) {
      AtomicFiles.deleteTree(old);
    }
  }

  private void writeManifest(Path folder, long step, Map<String, Object> state) throws IOException {
    Map<String, String> hashes = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.sorted().toList()) {
        force(f);
        hashes.put(f.getFileName().toString(), sha256(f));
      }
    }
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("step", step);
    manifest.put("files", hashes);
    manifest.put("state", state);
    AtomicFiles.write(
        folder.resolve("manifest.json"),
        JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
  }

  private static void force(Path f) throws IOException {
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  /** Deletes step folders beyond the newest {@code keepLast}. */
  private void prune() throws IOException {
    List<Path> steps = stepFolders();
    for (int i = keepLast; i < steps.size(); i++) {
      AtomicFiles.deleteTree(steps.get(i));
    }
    try (Stream<Path> stale = Files.list(dir)) {
      for (Path p : stale.filter(p -> p.getFileName().toString().startsWith(".")).toList()) {
        AtomicFiles.deleteTree(p);
      }
    }
  }

  /** Step folders, newest first. */
  private List<Path> stepFolders() throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().matches("step-\\d+"))
          .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
          .toList();
    }
  }

  /** The verified checkpoints, newest first. */
  public List<Entry> valid() {
    List<Entry> out = new ArrayList<>();
    try {
      for (Path p : stepFolders()) {
        verify(p).ifPresent(out::add);
      }
    } catch (IOException e) {
      throw new AblateException("cannot list checkpoints in " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** The newest checkpoint that verifies; only the folders up to it are hashed. */
  public Optional<Entry> newest() {
    try {
      for (Path p : stepFolders()) {
        Optional<Entry> e = verify(p);
        if (e.isPresent()) {
          return e;
        }
      }
    } catch (IOException e) {
      throw new AblateException("cannot list checkpoints in " + dir + ": " + e.getMessage(), e);
    }
    return Optional.empty();
  }

  /** True when the folder holds any checkpoint folder, usable or not. */
  public boolean any() {
    try {
      return !stepFolders().isEmpty() || Files.isDirectory(dir.resolve("best"));
    } catch (IOException e) {
      return false;
    }
  }

  public Optional<Entry> best() {
    return Files.isDirectory(dir.resolve("best")) ? verify(dir.resolve("best")) : Optional.empty();
  }

  /** The manifest's entry if every file is present and matches its hash. */
  @SuppressWarnings("unchecked")
  public static Optional<Entry> verify(Path folder) {
    try {
      Map<String, Object> manifest =
          JSON.readValue(folder.resolve("manifest.json").toFile(), Map.class);
      Map<String, String> files = (Map<String, String>) manifest.get("files");
      if (files == null || files.isEmpty() || !files.containsKey(PREFIX + ".index")) {
        return Optional.empty();
      }
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path p = folder.resolve(f.getKey());
        if (!Files.isRegularFile(p) || !sha256(p).equals(f.getValue())) {
          return Optional.empty();
        }
      }
      return Optional.of(
          new Entry(
              ((Number) manifest.get("step")).longValue(),
              folder,
              (Map<String, Object>) manifest.get("state")));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Restores the newest checkpoint that verifies and loads; returns it, or empty when there is
   * none. {@code skipped} receives a line per checkpoint that was unusable.
   */
  public Optional<Entry> restoreLatest(Session session, List<String> skipped) {
    try {
      for (Path p : stepFolders()) {
        Optional<Entry> e = verify(p);
        if (e.isEmpty()) {
          skipped.add(p + " is incomplete or corrupt (missing file or hash mismatch)");
          continue;
        }
        try {
          session.restore(e.get().prefix());
          return e;
        } catch (TensorFlowException | IllegalArgumentException ex) {
          skipped.add(p + " cannot be loaded: " + ex.getMessage().lines().findFirst().orElse(""));
        }
      }
    } catch (IOException ex) {
      throw new AblateException("cannot list checkpoints in " + dir + ": " + ex.getMessage(), ex);
    }
    return Optional.empty();
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in =
        new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      byte[] buf = new byte[1 << 16];
      while (in.read(buf) >= 0) {
        // digesting
      }
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
