package org.ablate.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.util.Map;
import java.util.Set;
import org.ablate.core.config.ConfigException;
import org.junit.jupiter.api.Test;

class ComponentsTest {
  interface Greeter {
    String greet();
  }

  static final class Slots extends AbstractModule {
    @Override
    protected void configure() {
      var slot = Components.slot(binder(), "greeter", Greeter.class, "says hello");
      slot.addBinding("english").toInstance(() -> "hello");
      slot.addBinding("french").toInstance(() -> "bonjour");
    }
  }

  @Test
  void picksImplementationsByName() {
    Injector injector = Guice.createInjector(new Slots());
    Map<String, Greeter> greeters =
        injector.getInstance(Key.get(new TypeLiteral<Map<String, Greeter>>() {}));
    assertEquals("bonjour", Components.pick(greeters, "french", "model.greeter").greet());
    assertEquals(
        Map.of("greeter", Set.of("english", "french")), Components.registeredNames(injector));
  }

  @Test
  void unknownNameListsTheKnownOnes() {
    Injector injector = Guice.createInjector(new Slots());
    Map<String, Greeter> greeters =
        injector.getInstance(Key.get(new TypeLiteral<Map<String, Greeter>>() {}));
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> Components.pick(greeters, "frnech", "model.greeter"));
    assertTrue(e.getMessage().contains("model.greeter='frnech'"), e.getMessage());
    assertTrue(e.getMessage().contains("[english, french]"), e.getMessage());
    assertTrue(e.getMessage().contains("did you mean 'french'"), e.getMessage());
  }

  @Test
  void aDuplicateRegistrationFailsLoudly() {
    AbstractModule duplicate =
        new AbstractModule() {
          @Override
          protected void configure() {
            Components.slot(binder(), "greeter", Greeter.class, "again")
                .addBinding("english")
                .toInstance(() -> "hi");
          }
        };
    assertThrows(CreationException.class, () -> Guice.createInjector(new Slots(), duplicate));
  }
}
