package org.ablate.training.data;

/** A source and target token sequence, without BOS or EOS. */
public record Seq2SeqExample(int[] source, int[] target) {
  /** Padded length this example needs: the longer side plus its EOS. */
  public int length() {
    return Math.max(source.length, target.length) + 1;
  }
}
