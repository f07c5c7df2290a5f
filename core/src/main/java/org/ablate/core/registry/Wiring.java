package org.ablate.core.registry;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Singleton;
import com.google.inject.spi.Element;
import com.google.inject.spi.Elements;
import com.google.inject.spi.InstanceBinding;
import com.google.inject.spi.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ablate.core.config.Suggestions;
import org.ablate.core.plugin.PluginException;

/**
 * Creates the injector of a run from Ablate's own modules and the plugins' modules, checking the
 * plugins first so that a broken one gets a message naming its jar: each module is recorded on its
 * own (a module that throws, or refers to a missing class, is named), then every registration is
 * checked against the declared slots and against the names already taken. A plugin may add names
 * and slots, never replace a built-in one.
 *
 * <pre>{@code
 * Injector injector = Wiring.injector(List.of(
 *     new Wiring.Source(new ModelsModule(), ComponentSources.BUILT_IN),
 *     new Wiring.Source(pluginModule, "/plugins/talking-heads.jar")));
 * Registry registry = injector.getInstance(Registry.class);
 * }</pre>
 */
public final class Wiring {
  /** A module and where it came from: {@link ComponentSources#BUILT_IN} or a plugin jar. */
  public record Source(Module module, String origin) {}

  private Wiring() {}

  public static Injector injector(List<Source> modules) {
    List<Element> elements = new ArrayList<>();
    Map<String, String> slotOrigins = new LinkedHashMap<>();
    List<Registration> registrations = new ArrayList<>();
    ComponentSources sources = new ComponentSources();
    for (Source source : modules) {
      for (Element e : record(source)) {
        elements.add(e);
        if (e instanceof InstanceBinding<?> b) {
          if (b.getInstance() instanceof SlotDef<?, ?, ?> slot) {
            String before = slotOrigins.putIfAbsent(slot.name(), source.origin());
            if (before != null) {
              throw new PluginException(
                  source.origin()
                      + " declares the slot '"
                      + slot.name()
                      + "', which "
                      + describe(before)
                      + " already declares; choose another slot name.");
            }
          } else if (b.getInstance() instanceof Registration r) {
            registrations.add(r);
            sources.put(r, source.origin());
          }
        }
      }
    }
    check(registrations, slotOrigins, sources);
    elements.addAll(Elements.getElements(new RegistryModule(sources)));
    try {
      return Guice.createInjector(Elements.getModule(elements));
    } catch (CreationException e) {
      Message first = e.getErrorMessages().iterator().next();
      throw new PluginException(
          "the components' modules cannot be wired together: "
              + first.getMessage().lines().findFirst().orElse("")
              + " (source: "
              + first.getSource()
              + "). If a plugin is involved, rebuild it against this Ablate version or remove it"
              + " from --plugins.",
          e);
    }
  }

  private static List<Element> record(Source source) {
    List<Element> elements;
    try {
      elements = Elements.getElements(source.module());
    } catch (LinkageError e) {
      throw new PluginException(
          source.origin()
              + ": module "
              + source.module().getClass().getName()
              + " needs a class that is missing ("
              + e
              + "); the plugin was built against another Ablate version or lacks a dependency jar"
              + " (put it in the same --plugins folder).",
          e);
    } catch (RuntimeException e) {
      throw new PluginException(
          source.origin()
              + ": module "
              + source.module().getClass().getName()
              + " failed while registering its components: "
              + rootMessage(e)
              + ". Fix the plugin, or leave it out of --plugins.",
          e);
    }
    for (Element e : elements) {
      if (e instanceof Message m) {
        Throwable cause = m.getCause();
        boolean missing = cause instanceof LinkageError;
        throw new PluginException(
            source.origin()
                + ": module "
                + source.module().getClass().getName()
                + (missing
                    ? " needs a class that is missing ("
                        + cause
                        + "); the plugin was built"
                        + " against another Ablate version or lacks a dependency jar (put it in"
                        + " the same --plugins folder)."
                    : " failed while registering its components: "
                        + (cause == null ? m.getMessage() : rootMessage(cause))
                        + ". Fix the plugin, or leave it out of --plugins."),
            cause);
      }
    }
    return elements;
  }

  private static void check(
      List<Registration> registrations, Map<String, String> slots, ComponentSources sources) {
    Map<String, Registration> taken = new LinkedHashMap<>();
    for (Registration r : registrations) {
      String origin = sources.of(r);
      if (!slots.containsKey(r.slot().name())) {
        throw new PluginException(
            origin
                + " registers "
                + r.slot().name()
                + " '"
                + r.name()
                + "', but no module declares the slot '"
                + r.slot().name()
                + "'"
                + Suggestions.didYouMean(r.slot().name(), slots.keySet())
                + "; known slots: "
                + slots.keySet()
                + ".");
      }
      String key = r.slot().name() + "/" + r.name();
      Registration before = taken.putIfAbsent(key, r);
      if (before != null) {
        String first = sources.of(before);
        throw new PluginException(
            first.equals(ComponentSources.BUILT_IN)
                ? origin
                    + " registers "
                    + r.slot().name()
                    + " '"
                    + r.name()
                    + "', which Ablate already has built in; a plugin adds components and never"
                    + " replaces one, so give it another name (for example '"
                    + r.name()
                    + "_v2')."
                : r.slot().name()
                    + " '"
                    + r.name()
                    + "' is registered by both "
                    + describe(first)
                    + " and "
                    + describe(origin)
                    + "; rename it in one of them, or leave one plugin out of --plugins.");
      }
    }
    checkSectionConfigs(registrations, sources);
  }

  /** A type slot's config classes name its sections, so each may be registered only once. */
  private static void checkSectionConfigs(
      List<Registration> registrations, ComponentSources sources) {
    Map<Class<?>, Registration> seen = new LinkedHashMap<>();
    for (Registration r : registrations) {
      if (!r.slot().selectsSections()) {
        continue;
      }
      if (!r.slot().configType().isAssignableFrom(r.config())) {
        throw new PluginException(
            sources.of(r)
                + " registers "
                + r
                + ", whose config does not implement "
                + r.slot().configType().getName()
                + ".");
      }
      Registration before = seen.putIfAbsent(r.config(), r);
      if (before != null) {
        throw new PluginException(
            sources.of(r)
                + " registers "
                + r
                + " with the config record of "
                + before.slot().name()
                + " '"
                + before.name()
                + "'; each "
                + r.slot().name()
                + " needs a config record of its own, since the record names the type.");
      }
    }
  }

  private static String describe(String origin) {
    return origin.equals(ComponentSources.BUILT_IN) ? "Ablate itself" : origin;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  /** Binds the registry with the origins found while recording the modules. */
  private static final class RegistryModule extends AbstractModule {
    private final ComponentSources sources;

    RegistryModule(ComponentSources sources) {
      this.sources = sources;
    }

    @Override
    protected void configure() {
      com.google.inject.multibindings.Multibinder.newSetBinder(binder(), Components.SLOTS);
      com.google.inject.multibindings.Multibinder.newSetBinder(binder(), Registration.class);
      bind(ComponentSources.class).toInstance(sources);
      bind(Registry.class).in(Singleton.class);
    }
  }
}
