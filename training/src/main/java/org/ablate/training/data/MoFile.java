package org.ablate.training.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GNU gettext {@code .mo} catalog: magic 0x950412de (either byte order), revision, count N, the
 * offsets of the original and translation tables, each holding N (length, offset) pairs of
 * NUL-terminated strings. The entry with an empty msgid is the header, whose {@code Content-Type}
 * names the charset. Plural entries keep their singular form; a message context ({@code
 * ctxt\u0004}) is dropped.
 */
public final class MoFile {
  private static final int MAGIC = 0x950412de;
  private static final Pattern CHARSET = Pattern.compile("charset=([A-Za-z0-9._-]+)");

  /** One translated message. */
  public record Message(String original, String translation) {}

  private MoFile() {}

  /** Parses a catalog; {@code name} is used in error messages. */
  public static List<Message> parse(byte[] data, String name) {
    if (data.length < 28) {
      throw new DataException(
          name + " is too short to be a .mo catalog (" + data.length + " bytes).");
    }
    ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    int magic = buf.getInt(0);
    if (magic != MAGIC) {
      buf.order(ByteOrder.BIG_ENDIAN);
      if (buf.getInt(0) != MAGIC) {
        throw new DataException(
            name + " is not a .mo catalog (magic " + Integer.toHexString(magic) + ").");
      }
    }
    int revision = buf.getInt(4) >>> 16;
    if (revision > 1) {
      throw new DataException(
          name + " has .mo major revision " + revision + ", which this reader does not know.");
    }
    int n = buf.getInt(8);
    int originals = buf.getInt(12);
    int translations = buf.getInt(16);
    if (n < 0
        || originals < 0
        || translations < 0
        || (long) originals + 8L * n > data.length
        || (long) translations + 8L * n > data.length) {
      throw new DataException(
          name
              + " has a corrupt .mo header ("
              + n
              + " messages, tables at "
              + originals
              + " and "
              + translations
              + ").");
    }
    List<byte[]> ids = new ArrayList<>();
    List<byte[]> strs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(string(buf, data, originals + 8 * i, name));
      strs.add(string(buf, data, translations + 8 * i, name));
    }
    Charset charset = StandardCharsets.UTF_8;
    for (int i = 0; i < n; i++) {
      if (ids.get(i).length == 0) {
        charset = charset(new String(strs.get(i), StandardCharsets.ISO_8859_1), charset);
      }
    }
    List<Message> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = new String(ids.get(i), charset);
      if (id.isEmpty()) {
        continue;
      }
      int context = id.indexOf('\u0004');
      if (context >= 0) {
        id = id.substring(context + 1);
      }
      String str = new String(strs.get(i), charset);
      out.add(new Message(firstForm(id), firstForm(str)));
    }
    return out;
  }

  private static String firstForm(String s) {
    int nul = s.indexOf('\0');
    return nul < 0 ? s : s.substring(0, nul);
  }

  private static byte[] string(ByteBuffer buf, byte[] data, int entry, String name) {
    int length = buf.getInt(entry);
    int offset = buf.getInt(entry + 4);
    if (length < 0 || offset < 0 || (long) offset + length > data.length) {
      throw new DataException(
          name + " has a string outside the file (offset " + offset + ", length " + length + ").");
    }
    byte[] out = new byte[length];
    System.arraycopy(data, offset, out, 0, length);
    return out;
  }

  private static Charset charset(String header, Charset fallback) {
    Matcher m = CHARSET.matcher(header);
    if (!m.find()) {
      return fallback;
    }
    try {
      return Charset.forName(m.group(1));
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return fallback;
    }
  }
}
