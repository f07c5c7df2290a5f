package org.ablate.experiments.bench;

import java.util.List;

/**
 * The reference configurations of the speed comparison (the same shapes and per-step work as the
 * PyTorch peer), as Ablate model configs, with their batch shapes and matmul FLOP counts.
 */
final class ReferenceModels {
  private ReferenceModels() {}

  /** A reference: model YAML, batch size, lengths, vocabulary, the work unit and FLOPs per step. */
  record Reference(
      String name,
      String modelYaml,
      int batch,
      int sourceLength,
      int targetLength,
      int vocabulary,
      String unit) {
    boolean images() {
      return name.equals("vit");
    }

    long work() {
      return images() ? batch : (long) batch * targetLength;
    }

    /**
     * Matmul FLOPs of one training step (forward, plus twice that for the backward pass), counted
     * from the shapes: 2 M N K per product.
     */
    double flopsPerStep() {
      double fwd;
      if (name.equals("transformer")) {
        double d = 256;
        double f = 1024;
        double s = sourceLength;
        double t = targetLength;
        double enc = s * (4 * 2 * d * d + 2 * 2 * d * f) + 2 * 2 * s * s * d;
        double dec =
            t * (4 * 2 * d * d + 2 * 2 * d * f)
                + 2 * 2 * t * t * d // self-attention and FFN
                + t * 2 * 2 * d * d
                + s * 2 * 2 * d * d
                + 2 * 2 * t * s * d; // cross-attention: Q, O on targets; K, V on sources
        fwd = batch * (3 * enc + 3 * dec + t * 2 * d * vocabulary);
      } else if (name.equals("gru_attn")) {
        double e = 256;
        double h = 256;
        double s = sourceLength;
        double t = targetLength;
        double encoder =
            2 * s * (2 * e * 3 * h + 2 * h * 3 * h); // two directions: input and recurrent products
        double keys = s * 2 * (2 * h) * h;
        double decoder =
            t
                * (2 * h * h // query projection
                    + s * 2 * h // v^T tanh(...)
                    + s * 2 * 2 * h // context
                    + 2 * (e + 2 * h) * 3 * h
                    + 2 * h * 3 * h // GRU cell
                    + 2 * 3 * h * vocabulary); // output layer on [s; ctx]
        fwd = batch * (encoder + keys + decoder + 2 * 2 * h * h);
      } else {
        double d = 128;
        double f = 256;
        double n = 50;
        double layer = n * (4 * 2 * d * d + 2 * 2 * d * f) + 2 * 2 * n * n * d;
        fwd = batch * (49 * 2 * 16 * d + 6 * layer + 2 * d * 10);
      }
      return 3 * fwd;
    }
  }

  static final Reference TRANSFORMER =
      new Reference(
          "transformer",
          "type: transformer\nd_model: 256\nheads: 4\nd_ff: 1024\nencoder_layers: 3\ndecoder_layers: 3\ndropout: 0.1\n"
              + "norm: post\nfeed_forward: relu\npositional_encoding: sinusoidal\nshare_embeddings: true\ntie_output: false\n",
          64,
          24,
          24,
          8000,
          "target_tokens/s");

  static final Reference GRU_ATTN =
      new Reference(
          "gru_attn",
          "type: rnn_seq2seq\ncell: gru\nembedding_dim: 256\nhidden_size: 256\nbidirectional: true\nattention: additive\n"
              + "decoder: bahdanau_shallow\ndropout: 0.1\n",
          64,
          24,
          24,
          8000,
          "target_tokens/s");

  static final Reference VIT =
      new Reference(
          "vit",
          "type: vit\npatch_size: 4\nd_model: 128\nheads: 4\nd_ff: 256\nlayers: 6\ndropout: 0.1\nnorm: pre\nfeed_forward: gelu\n"
              + "positional_encoding: learned\npooling: cls\n",
          128,
          0,
          0,
          10,
          "images/s");

  static List<Reference> all() {
    return List.of(TRANSFORMER, GRU_ATTN, VIT);
  }
}
