package org.ablate.core.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The layer contract, after Keras: an immutable configuration given to the constructor, {@link
 * #build} which creates the weights once under the layer's own name scope, and calls (declared by
 * each subclass, since their inputs differ) that add ops and may run many times. Sublayers are
 * passed into the constructor and registered with {@link #add}; {@link #build} builds them first.
 *
 * <pre>{@code
 * final class Scale extends Layer {
 *   private Variable<TFloat32> gain;
 *   Scale(String name) { super(name); }
 *   protected void createParams(ParamScope scope) {
 *     gain = param(scope, "gain", new long[] {1}, Initializer.ones());
 *   }
 *   Operand<TFloat32> call(CallScope cs, Operand<TFloat32> x) {
 *     checkBuilt();
 *     return cs.tf().math.mul(x, gain);
 *   }
 * }
 * }</pre>
 */
public abstract class Layer {
  private final String name;
  private final List<Layer> children = new ArrayList<>();
  private final List<Param> params = new ArrayList<>();
  private ParamScope scope;

  protected Layer(String name) {
    this.name = name;
  }

  /** Registers a sublayer (call from the constructor); returns it for assignment. */
  protected final <L extends Layer> L add(L child) {
    if (scope != null) {
      throw new IllegalStateException("sublayers must be added before build: " + child.name());
    }
    children.add(child);
    return child;
  }

  /** Creates this layer's weights (and its sublayers') under {@code parent/name}. Once only. */
  public final void build(ParamScope parent) {
    if (scope != null) {
      throw new IllegalStateException("layer " + scope.path() + " is already built");
    }
    scope = parent.child(name);
    ParamScope inner = childScope(scope);
    for (Layer child : children) {
      child.build(inner);
    }
    createParams(scope);
  }

  /**
   * The scope this layer's sublayers are built in: its own, unless a layer overrides this to give
   * them, for example, a different initial scale ({@link ParamScope#withGain}).
   */
  protected ParamScope childScope(ParamScope own) {
    return own;
  }

  /** Override to create weights with {@link #param}. */
  protected void createParams(ParamScope scope) {}

  /** Creates one weight of this layer. */
  protected final Variable<TFloat32> param(
      ParamScope scope, String paramName, long[] shape, Initializer init) {
    Param p = scope.create(paramName, shape, init);
    params.add(p);
    return p.variable();
  }

  /** Fails unless {@link #build} has run: calls need the weights. */
  protected final void checkBuilt() {
    if (scope == null) {
      throw new IllegalStateException("layer " + name + " must be built before it is called");
    }
  }

  public final String name() {
    return name;
  }

  public final boolean isBuilt() {
    return scope != null;
  }

  /** The full scope path, for example {@code encoder/layer_0/self_attention}. */
  public final String path() {
    checkBuilt();
    return scope.path();
  }

  public final List<Layer> children() {
    return Collections.unmodifiableList(children);
  }

  /** This layer's own weights. */
  public final List<Param> ownParams() {
    return Collections.unmodifiableList(params);
  }

  /** This layer's weights and those of all its sublayers, in build order. */
  public final List<Param> allParams() {
    List<Param> all = new ArrayList<>();
    for (Layer child : children) {
      all.addAll(child.allParams());
    }
    all.addAll(params);
    return all;
  }

  /** The number of weights ({@link Long#MAX_VALUE} when it does not fit in a long). */
  public final long parameterCount() {
    long n = 0;
    for (Param p : allParams()) {
      n = p.size() > Long.MAX_VALUE - n ? Long.MAX_VALUE : n + p.size();
    }
    return n;
  }

  /** A short description of the implementation and its settings, for {@code ablate explain}. */
  public String describe() {
    return getClass().getSimpleName();
  }

  /** The indented module tree with parameter counts. */
  public final String tree() {
    StringBuilder sb = new StringBuilder();
    appendTree(sb, "");
    return sb.toString();
  }

  private void appendTree(StringBuilder sb, String indent) {
    sb.append(indent)
        .append(name)
        .append(": ")
        .append(describe())
        .append("  [")
        .append(String.format(Locale.ROOT, "%,d", parameterCount()))
        .append(" params]\n");
    for (Layer child : children) {
      child.appendTree(sb, indent + "  ");
    }
  }
}
