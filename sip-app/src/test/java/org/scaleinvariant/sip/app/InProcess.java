package org.scaleinvariant.sip.app;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the command line in this JVM, as {@code ./sip} would, capturing its streams. */
final class InProcess {
  private static Injector injector;

  private InProcess() {}

  /**
   * What a command did.
   *
   * @param code the exit code
   * @param out standard output, stripped
   * @param err standard error, stripped
   */
  record Outcome(int code, String out, String err) {
    /** The last line of standard output (the {@code --json} object, if asked for). */
    String lastLine() {
      String[] lines = out.split("\n");
      return lines[lines.length - 1];
    }
  }

  /**
   * Runs one command line.
   *
   * @param args the arguments, as after {@code ./sip}
   * @return what it did
   */
  static synchronized Outcome run(String... args) {
    if (injector == null) {
      injector = Guice.createInjector(new SipModule());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.commandLine(injector, o, e).execute(args);
    }
    return new Outcome(code, out.toString(StandardCharsets.UTF_8).strip(), err.toString(StandardCharsets.UTF_8).strip());
  }
}
