package org.ablate.core.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.ablate.core.registry.Wiring;

/**
 * Finds plugin modules ({@link AblateModule}) with {@link ServiceLoader}: on the class path, and in
 * each plugin location given by the user (a jar, or a folder whose jars are loaded together, so a
 * plugin can bring the libraries it needs). Each location gets a class loader of its own whose
 * parent is Ablate's, as Trino and Druid load extensions. Anything wrong with a location is a
 * {@link PluginException} naming the jar.
 *
 * <pre>{@code
 * Plugins plugins = Plugins.load(List.of(Path.of("plugins/talking-heads.jar")));
 * plugins.modules(); // one Wiring.Source per module, its origin the jar
 * }</pre>
 */
public final class Plugins {
  /** Where a plugin's module lists itself. */
  public static final String SERVICE = "META-INF/services/" + AblateModule.class.getName();

  /** A plugin location: the jars it loads and its class loader. */
  public record Location(Path path, List<Path> jars, ClassLoader loader) {}

  private final List<Wiring.Source> modules;
  private final List<Location> locations;

  private Plugins(List<Wiring.Source> modules, List<Location> locations) {
    this.modules = Collections.unmodifiableList(modules);
    this.locations = Collections.unmodifiableList(locations);
  }

  /** No plugins beyond those on the class path. */
  public static Plugins classPath() {
    return load(List.of());
  }

  /** The modules on the class path plus those in {@code paths} (jars or folders of jars). */
  public static Plugins load(List<Path> paths) {
    List<Wiring.Source> modules = new ArrayList<>();
    ClassLoader parent = Plugins.class.getClassLoader();
    for (AblateModule m : instantiate(ServiceLoader.load(AblateModule.class, parent), null)) {
      modules.add(new Wiring.Source(m, originOf(m.getClass())));
    }
    List<Location> locations = new ArrayList<>();
    for (Path path : paths) {
      Location location = open(path, parent);
      locations.add(location);
      List<AblateModule> found =
          instantiate(ServiceLoader.load(AblateModule.class, location.loader()), location);
      if (found.isEmpty()) {
        throw new PluginException(
            path
                + " holds no Ablate plugin: none of its jars lists a module in "
                + SERVICE
                + ". Add that file (one module class name per line) to the plugin jar.");
      }
      for (AblateModule m : found) {
        modules.add(new Wiring.Source(m, jarOf(m.getClass().getName(), location).toString()));
      }
    }
    return new Plugins(modules, locations);
  }

  /** Every plugin module with its origin (a jar path). */
  public List<Wiring.Source> modules() {
    return modules;
  }

  /** The user-given plugin locations, in order. */
  public List<Location> locations() {
    return locations;
  }

  /** Every jar of the user-given locations. */
  public List<Path> jars() {
    return locations.stream().flatMap(l -> l.jars().stream()).toList();
  }

  /**
   * The class loaders whose resources may hold plugin files such as presets: the class path's, then
   * each location's (a location's loader also sees the class path: deduplicate by URL).
   */
  public List<ClassLoader> loaders() {
    List<ClassLoader> out = new ArrayList<>();
    out.add(Plugins.class.getClassLoader());
    locations.forEach(l -> out.add(l.loader()));
    return out;
  }

  private static Location open(Path path, ClassLoader parent) {
    List<Path> jars;
    if (Files.isDirectory(path)) {
      try (Stream<Path> files = Files.list(path)) {
        jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
      } catch (IOException e) {
        throw new PluginException("plugin folder " + path + " cannot be read: " + e.getMessage());
      }
      if (jars.isEmpty()) {
        throw new PluginException(
            "plugin folder "
                + path
                + " holds no .jar files; give a plugin jar or a folder of them.");
      }
    } else if (Files.isRegularFile(path)) {
      jars = List.of(path);
    } else {
      throw new PluginException(
          "plugin path "
              + path
              + " does not exist (relative paths start at "
              + Path.of("").toAbsolutePath()
              + "); give a plugin jar or a folder of jars.");
    }
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < jars.size(); i++) {
      checkJar(jars.get(i));
      try {
        urls[i] = jars.get(i).toAbsolutePath().toUri().toURL();
      } catch (MalformedURLException e) {
        throw new PluginException("plugin path " + jars.get(i) + " is not a valid location", e);
      }
    }
    return new Location(path, jars, new URLClassLoader("plugins:" + path, urls, parent));
  }

  private static void checkJar(Path jar) {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      zip.size();
    } catch (ZipException e) {
      throw new PluginException(
          "plugin " + jar + " is not a jar (" + e.getMessage() + "); give the plugin's built jar.");
    } catch (IOException e) {
      throw new PluginException("plugin " + jar + " cannot be read: " + e.getMessage());
    }
  }

  /**
   * Instantiates every provider the loader lists; those of {@code location} only when it is given
   * (a location's loader also sees the class path's providers, already counted).
   */
  private static List<AblateModule> instantiate(
      ServiceLoader<AblateModule> loader, Location location) {
    List<AblateModule> out = new ArrayList<>();
    var it = loader.stream().iterator();
    while (true) {
      ServiceLoader.Provider<AblateModule> provider;
      try {
        if (!it.hasNext()) {
          break;
        }
        provider = it.next();
      } catch (ServiceConfigurationError e) {
        throw broken(e, location);
      }
      if (location != null && provider.type().getClassLoader() != location.loader()) {
        continue;
      }
      try {
        out.add(provider.get());
      } catch (ServiceConfigurationError | LinkageError e) {
        throw broken(e, location);
      }
    }
    return out;
  }

  private static PluginException broken(Throwable e, Location location) {
    String where = location == null ? "a jar on the class path" : location.path().toString();
    if (location != null) {
      for (Path jar : location.jars()) {
        for (String provider : providers(jar)) {
          if (e.getMessage() != null && e.getMessage().contains(provider)) {
            where = jar + " (module " + provider + ")";
          }
        }
      }
    }
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    return new PluginException(
        "plugin "
            + where
            + " cannot be loaded: "
            + e.getMessage()
            + (cause != e ? " (" + cause + ")" : "")
            + ". Each class listed in "
            + SERVICE
            + " must be in the jar (or another jar of its folder), public, with a public no-argument"
            + " constructor, and implement "
            + AblateModule.class.getName()
            + ".",
        e);
  }

  /** The module classes a jar's service file lists. */
  private static List<String> providers(Path jar) {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      ZipEntry entry = zip.getEntry(SERVICE);
      if (entry == null) {
        return List.of();
      }
      try (InputStream in = zip.getInputStream(entry)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8)
            .lines()
            .map(l -> l.replaceAll("#.*", "").trim())
            .filter(l -> !l.isEmpty())
            .toList();
      }
    } catch (IOException e) {
      return List.of();
    }
  }

  private static Path jarOf(String moduleClass, Location location) {
    for (Path jar : location.jars()) {
      if (providers(jar).contains(moduleClass)) {
        return jar;
      }
    }
    return location.path();
  }

  /** The jar or folder a class on the class path was loaded from. */
  private static String originOf(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return "the class path";
    }
    try {
      return Path.of(source.getLocation().toURI()).toString();
    } catch (Exception e) {
      return source.getLocation().toString();
    }
  }
}
