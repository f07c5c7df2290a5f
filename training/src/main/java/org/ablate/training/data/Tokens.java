package org.ablate.training.data;

/** Reserved token ids shared by every vocabulary. */
public final class Tokens {
  public static final int PAD = 0;
  public static final int BOS = 1;
  public static final int EOS = 2;
  public static final int UNK = 3;

  /** The first id of ordinary tokens. */
  public static final int FIRST = 4;

  static final String[] SPECIAL = {"<pad>", "<s>", "</s>", "<unk>"};

  private Tokens() {}

  /** {@code ids} up to (not including) the first EOS, without PAD and BOS. */
  public static int[] strip(int[] ids) {
    int n = 0;
    int[] out = new int[ids.length];
    for (int id : ids) {
      if (id == EOS) {
        break;
      }
      if (id != PAD && id != BOS) {
        out[n++] = id;
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }
}
