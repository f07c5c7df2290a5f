package org.ablate.training.loop;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ablate.core.AblateException;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.summary.SummaryWriter;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * Writes TensorBoard event files with TensorFlow's own summary ops ({@code
 * CreateSummaryFileWriter}, {@code WriteScalarSummary}), in a small graph and session of its own so
 * the model graph is untouched. {@code tensorboard --logdir runs/} shows every run.
 */
public final class TensorBoard implements AutoCloseable {
  private final Graph graph = new Graph();
  private final Session session;
  private final Placeholder<TInt64> step;
  private final Placeholder<TString> tag;
  private final Placeholder<TFloat32> value;
  private final Op write;
  private final Op flush;
  private final Op close;

  public TensorBoard(Path logdir) {
    try {
      Files.createDirectories(logdir);
    } catch (java.io.IOException e) {
      throw new AblateException(
          "cannot create TensorBoard folder " + logdir + ": " + e.getMessage(), e);
    }
    Ops tf = Ops.create(graph);
    SummaryWriter writer = tf.summary.summaryWriter();
    Op create =
        tf.summary.createSummaryFileWriter(
            writer,
            tf.constant(logdir.toAbsolutePath().toString()),
            tf.constant(100),
            tf.constant(5000),
            tf.constant(".v2"));
    step = tf.placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
    tag = tf.placeholder(TString.class, Placeholder.shape(Shape.scalar()));
    value = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    write = tf.summary.writeScalarSummary(writer, step, tag, value);
    flush = tf.summary.flushSummaryWriter(writer);
    close = tf.summary.closeSummaryWriter(writer);
    session = new Session(graph);
    session.run(create);
  }

  public synchronized void scalar(String name, long at, double v) {
    if (!Double.isFinite(v)) {
      return;
    }
    try (TInt64 s = TInt64.scalarOf(at);
        TString t = TString.scalarOf(name);
        TFloat32 x = TFloat32.scalarOf((float) v)) {
      session.runner().feed(step, s).feed(tag, t).feed(value, x).addTarget(write).run();
    }
  }

  public synchronized void flush() {
    session.run(flush);
  }

  @Override
  public synchronized void close() {
    session.run(close);
    session.close();
    graph.close();
  }
}
