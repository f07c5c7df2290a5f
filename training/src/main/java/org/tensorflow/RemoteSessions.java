package org.tensorflow;

import static org.tensorflow.internal.c_api.global.tensorflow.TF_SetConfig;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SetTarget;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_SessionOptions;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.proto.ConfigProto;

/**
 * Sessions connected to a TensorFlow server ({@code grpc://host:port}). TF Java 1.1 has no public
 * way to set a session's target, so this class lives in package {@code org.tensorflow} to reach
 * Session's constructor that wraps a native session (a split package: fine on the class path). Such
 * a session does not initialize variables by itself; the chief calls {@link Session#initialize()}.
 */
public final class RemoteSessions {
  private RemoteSessions() {}

  /**
   * Marks the graph's variable initializers as done in a non-chief worker's session: the variables
   * live on the ps task and the chief initializes them, so other workers must not (TF Java
   * otherwise refuses to run a session with un-run initializers).
   */
  public static void initializedElsewhere(Session session) {
    session.markAllInitializersAsRan();
  }

  public static Session connect(Graph graph, String target, ConfigProto config) {
    Graph.Reference ref = graph.ref();
    try (PointerScope scope = new PointerScope()) {
      TF_Status status = TF_Status.newStatus();
      TF_SessionOptions options = TF_SessionOptions.newSessionOptions();
      if (config != null) {
        BytePointer bytes = new BytePointer(config.toByteArray());
        TF_SetConfig(options, bytes, bytes.capacity(), status);
        status.throwExceptionIfNotOK();
      }
      TF_SetTarget(options, target);
      TF_Session session = TF_Session.newSession(ref.nativeHandle(), options, status);
      status.throwExceptionIfNotOK();
      return new Session(graph, session.retainReference());
    } finally {
      ref.close();
    }
  }
}
