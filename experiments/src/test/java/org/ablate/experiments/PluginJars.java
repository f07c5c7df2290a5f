package org.ablate.experiments;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds real plugin jars for tests: Java sources compiled against Ablate, plus resources. */
final class PluginJars {
  /** A module class {@code demo.NAME} whose {@code configure()} body is {@code body}. */
  static String module(String name, String body) {
    return "package demo;\n"
        + "public final class "
        + name
        + " extends com.google.inject.AbstractModule"
        + " implements org.ablate.core.plugin.AblateModule {\n"
        + "  @Override protected void configure() {\n"
        + body
        + "\n  }\n}\n";
  }

  /** The registration of a GELU feed-forward block under {@code name}. */
  static String feedForward(String name) {
    return "org.ablate.core.registry.Components.register(binder(),"
        + " org.ablate.layers.feedforward.FeedForward.SLOT, \""
        + name
        + "\", org.ablate.core.config.NoOptions.class, (n, s, c) -> new"
        + " org.ablate.layers.feedforward.PositionwiseFeedForward(n, s,"
        + " org.ablate.layers.dense.Activation.GELU));";
  }

  private PluginJars() {}

  /**
   * Compiles {@code sources} (class simple name in package {@code demo} -> code) and writes them
   * with {@code resources} (path -> text) into {@code jar}.
   */
  static Path jar(Path jar, Map<String, String> sources, Map<String, String> resources)
      throws IOException {
    Path work = Files.createTempDirectory(jar.getParent(), "src");
    Path classes = work.resolve("classes");
    Files.createDirectories(classes);
    List<String> files = new ArrayList<>();
    for (Map.Entry<String, String> s : sources.entrySet()) {
      Path file = work.resolve(s.getKey() + ".java");
      Files.writeString(file, s.getValue());
      files.add(file.toString());
    }
    if (!files.isEmpty()) {
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      List<String> args =
          new ArrayList<>(
              List.of(
                  "--release",
                  "17",
                  "-classpath",
                  System.getProperty("java.class.path"),
                  "-d",
                  classes.toString()));
      args.addAll(files);
      int code = javac.run(null, null, null, args.toArray(String[]::new));
      if (code != 0) {
        throw new IllegalStateException("test plugin sources do not compile");
      }
    }
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> walk = Files.walk(classes)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
        Files.copy(p, out);
        out.closeEntry();
      }
      for (Map.Entry<String, String> r : resources.entrySet()) {
        out.putNextEntry(new JarEntry(r.getKey()));
        OutputStream o = out;
        o.write(r.getValue().getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return jar;
  }

  /** The service file listing {@code modules}. */
  static Map<String, String> services(String... modules) {
    return Map.of(
        "META-INF/services/org.ablate.core.plugin.AblateModule", String.join("\n", modules) + "\n");
  }
}
