package org.ablate.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ablate.core.config.Choice;
import org.ablate.core.config.ConfigException;
import org.ablate.core.config.Default;
import org.ablate.core.config.NoOptions;
import org.ablate.core.plugin.PluginException;
import org.junit.jupiter.api.Test;

class ComponentsTest {
  record Shout(@Default("1") int times) {}

  interface Meal {}

  record Soup(@Default("true") boolean hot) implements Meal {}

  static final SlotDef<Record, String, String> GREETER =
      SlotDef.of("greeter", Record.class, "says hello");
  static final SlotDef<Meal, Integer, String> MEAL = SlotDef.of("meal", Meal.class, "dinner");

  static final class Punctuation {
    String mark() {
      return "!";
    }
  }

  /** A factory registered by class, with an injected dependency. */
  static final class SoupFactory implements ComponentFactory<Soup, Integer, String> {
    private final Punctuation punctuation;

    @Inject
    SoupFactory(Punctuation punctuation) {
      this.punctuation = punctuation;
    }

    @Override
    public String create(String name, Integer bowls, Soup soup) {
      return bowls + " " + (soup.hot() ? "hot " : "") + name + punctuation.mark();
    }
  }

  static final class Builtins extends AbstractModule {
    @Override
    protected void configure() {
      Components.declare(binder(), GREETER);
      Components.declare(binder(), MEAL);
      Components.register(
          binder(), GREETER, "english", NoOptions.class, (name, who, none) -> "hello " + who);
      Components.register(
          binder(),
          GREETER,
          "shout",
          Shout.class,
          (name, who, shout) -> "HEY " + who + "!".repeat(shout.times()));
      Components.register(binder(), MEAL, "soup", Soup.class, SoupFactory.class);
    }
  }

  private static Registry registry(AbstractModule... plugins) {
    List<Wiring.Source> sources =
        new java.util.ArrayList<>(
            List.of(new Wiring.Source(new Builtins(), ComponentSources.BUILT_IN)));
    for (AbstractModule p : plugins) {
      sources.add(new Wiring.Source(p, "/plugins/" + p.getClass().getSimpleName() + ".jar"));
    }
    return Wiring.injector(sources).getInstance(Registry.class);
  }

  @Test
  void makesComponentsWithTheirOwnTypedConfig() {
    Registry r = registry();
    assertEquals("hello Ada", r.make(GREETER, Choice.of("english"), "model.greeter", "g", "Ada"));
    assertEquals(
        "HEY Ada!!!",
        r.make(GREETER, new Choice("shout", new Shout(3)), "model.greeter", "g", "Ada"));
    assertEquals("2 hot soup!", r.make(MEAL, new Soup(true), 2));
    assertEquals(Map.of("greeter", Set.of("english", "shout"), "meal", Set.of("soup")), r.names());
    assertEquals(Map.of("soup", Soup.class), r.configs("meal"));
    assertEquals("meal", r.slotSelecting(Meal.class).orElseThrow());
    assertEquals("soup", r.nameOf("meal", Soup.class));
  }

  @Test
  void unknownNameListsTheKnownOnes() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> registry().make(GREETER, Choice.of("englsh"), "model.greeter", "g", "x"));
    assertTrue(e.getMessage().contains("model.greeter='englsh'"), e.getMessage());
    assertTrue(e.getMessage().contains("[english, shout]"), e.getMessage());
    assertTrue(e.getMessage().contains("did you mean 'english'"), e.getMessage());
  }

  static final class French extends AbstractModule {
    @Override
    protected void configure() {
      Components.register(
          binder(), GREETER, "french", NoOptions.class, (name, who, none) -> "bonjour " + who);
    }
  }

  @Test
  void aPluginAddsComponentsAndListsItsOrigin() {
    Registry r = registry(new French());
    assertEquals("bonjour Ada", r.make(GREETER, Choice.of("french"), "k", "g", "Ada"));
    Map<String, String> origins = new java.util.TreeMap<>();
    r.entries("greeter").forEach(e -> origins.put(e.name(), e.origin()));
    assertEquals(
        Map.of("english", "built in", "shout", "built in", "french", "/plugins/French.jar"),
        origins);
  }

  static final class Impostor extends AbstractModule {
    @Override
    protected void configure() {
      Components.register(binder(), GREETER, "english", NoOptions.class, (n, w, o) -> "hi");
    }
  }

  static final class OtherFrench extends AbstractModule {
    @Override
    protected void configure() {
      Components.register(binder(), GREETER, "french", NoOptions.class, (n, w, o) -> "salut");
    }
  }

  static final class Broken extends AbstractModule {
    @Override
    protected void configure() {
      throw new IllegalStateException("no greeting configured");
    }
  }

  static final class Misplaced extends AbstractModule {
    @Override
    protected void configure() {
      Components.register(
          binder(),
          SlotDef.<Record, String, String>of("greeters", Record.class, "typo"),
          "german",
          NoOptions.class,
          (n, w, o) -> "hallo");
    }
  }

  @Test
  void brokenPluginsAreRefusedWithTheJarAndTheName() {
    PluginException builtIn = assertThrows(PluginException.class, () -> registry(new Impostor()));
    assertTrue(
        builtIn.getMessage().contains("/plugins/Impostor.jar registers greeter 'english'")
            && builtIn.getMessage().contains("already has built in"),
        builtIn.getMessage());
    PluginException twice =
        assertThrows(PluginException.class, () -> registry(new French(), new OtherFrench()));
    assertTrue(
        twice
            .getMessage()
            .contains(
                "'french' is registered by both /plugins/French.jar and"
                    + " /plugins/OtherFrench.jar"),
        twice.getMessage());
    PluginException thrown = assertThrows(PluginException.class, () -> registry(new Broken()));
    assertTrue(
        thrown.getMessage().contains("/plugins/Broken.jar: module")
            && thrown.getMessage().contains("no greeting configured"),
        thrown.getMessage());
    PluginException slot = assertThrows(PluginException.class, () -> registry(new Misplaced()));
    assertTrue(
        slot.getMessage().contains("no module declares the slot 'greeters'")
            && slot.getMessage().contains("did you mean 'greeter'"),
        slot.getMessage());
  }

  @Test
  void namesMustBeSnakeCaseAndConfigsRecords() {
    AbstractModule badName =
        new AbstractModule() {
          @Override
          protected void configure() {
            Components.register(
                binder(), GREETER, "Loud-Greeter", NoOptions.class, (n, w, o) -> "x");
          }
        };
    PluginException e = assertThrows(PluginException.class, () -> registry(badName));
    assertTrue(e.getMessage().contains("'Loud-Greeter'"), e.getMessage());
  }
}
