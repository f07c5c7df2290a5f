package org.ablate.core.graph;

import java.util.HashSet;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The name scope in which a layer creates its weights during {@link Layer#build}. Weight names are
 * the scope path plus a leaf name and double as checkpoint keys, so a rebuilt graph restores the
 * same checkpoint.
 */
public final class ParamScope {
  private final GraphContext context;
  private final Ops tf;
  private final String path;
  private final Set<String> used;
  private final InitGain gain;

  ParamScope(GraphContext context, Ops tf, String path) {
    this(context, tf, path, new HashSet<>(), null);
  }

  private ParamScope(GraphContext context, Ops tf, String path, Set<String> used, InitGain gain) {
    this.context = context;
    this.tf = tf;
    this.path = path;
    this.used = used;
    this.gain = gain;
  }

  /**
   * A factor on the initial values of weights, chosen by their full name (DeepNorm's beta on some
   * projections); 1 leaves a weight as its initializer made it.
   */
  @FunctionalInterface
  public interface InitGain {
    double of(String fullName);
  }

  /**
   * This scope, with the initial value of every weight created in it or below multiplied by {@code
   * gain.of(name)}.
   */
  public ParamScope withGain(InitGain gain) {
    return new ParamScope(context, tf, path, used, gain);
  }

  /**
   * A root scope that only counts: layers built in it record their weights' names and shapes but
   * create no graph ops, so a model's size is known before its graph is built.
   */
  public static ParamScope counting() {
    return new ParamScope(null, null, "");
  }

  /** The scope of a sublayer; two children with the same name are an error, never renamed. */
  public ParamScope child(String name) {
    claim(name);
    return new ParamScope(
        context, tf == null ? null : tf.withSubScope(name), qualify(name), new HashSet<>(), gain);
  }

  /** Creates a float32 weight initialized by {@code init}, seeded by its full name. */
  public Variable<TFloat32> variable(String name, long[] shape, Initializer init) {
    return create(name, shape, init).variable();
  }

  /** Like {@link #variable} but returns the registered {@link Param}. */
  public Param create(String name, long[] shape, Initializer init) {
    claim(name);
    String full = qualify(name);
    if (tf == null) {
      return new Param(full, shape.clone(), null); // counting only
    }
    org.tensorflow.DeviceSpec device = context.placeWeight(full, shape);
    Ops placed = device == null ? tf : tf.withDevice(device);
    Ops init0 = placed.withInitScope().withSubScope(name + "_init");
    Operand<TFloat32> value = init.create(init0, shape, context.seedFor(full));
    double factor = gain == null ? 1 : gain.of(full);
    if (factor != 1) {
      value = init0.math.mul(value, init0.constant((float) factor));
    }
    Variable<TFloat32> v = placed.withName(name).variable(value);
    if (!v.op().name().equals(full)) {
      throw new IllegalStateException("weight " + full + " was named " + v.op().name());
    }
    Param param = new Param(full, shape.clone(), v);
    context.register(param);
    return param;
  }

  public String path() {
    return path;
  }

  public GraphContext context() {
    return context;
  }

  private void claim(String name) {
    if (!used.add(name)) {
      throw new IllegalStateException(
          "two parts of the model are both named '" + qualify(name) + "'; names must be unique");
    }
  }

  private String qualify(String name) {
    return path.isEmpty() ? name : path + "/" + name;
  }
}
