package org.ablate.experiments.run;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The console of a run, also kept in the run folder's {@code run.log}: every complete line is
 * appended there, without the redraws of a live progress bar (what precedes a carriage return) and
 * without terminal colour codes.
 */
final class RunLog extends OutputStream {
  private final PrintStream console;
  private final OutputStream file;
  private final StringBuilder line = new StringBuilder();

  private RunLog(PrintStream console, OutputStream file) {
    this.console = console;
    this.file = file;
  }

  /** A console that also appends its lines to {@code log}; closing it leaves the console open. */
  static PrintStream tee(PrintStream console, Path log) {
    try {
      OutputStream file =
          Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      return new PrintStream(new RunLog(console, file), true, StandardCharsets.UTF_8);
    } catch (IOException e) {
      console.println("note: cannot keep a log in " + log + " (" + e.getMessage() + ")");
      return new PrintStream(console, true, StandardCharsets.UTF_8) {
        @Override
        public void close() {
          flush(); // the console stays open
        }
      };
    }
  }

  @Override
  public synchronized void write(int b) throws IOException {
    console.write(b);
    if (b == '\n') {
      flushLine();
    } else if (b == '\r') {
      line.setLength(0);
    } else {
      line.append((char) b);
    }
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    console.write(b, off, len);
    String text = new String(b, off, len, StandardCharsets.UTF_8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        flushLine();
      } else if (c == '\r') {
        line.setLength(0);
      } else {
        line.append(c);
      }
    }
  }

  private void flushLine() throws IOException {
    String clean = line.toString().replaceAll("\u001B\\[[0-9;?]*[A-Za-z]", "");
    file.write((clean + "\n").getBytes(StandardCharsets.UTF_8));
    file.flush();
    line.setLength(0);
  }

  @Override
  public synchronized void flush() {
    console.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    if (line.length() > 0) {
      flushLine();
    }
    file.close();
  }
}
