package org.scaleinvariant.sip.app.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;

/**
 * Writes files so that a reader (or a process killed at any moment) sees either the old complete
 * file or the new complete file, never a part: the content goes to a temporary sibling {@code
 * <name>.tmp}, is forced to the disk, and the temporary file is renamed over the target (an atomic
 * rename on the same file system); then the folder entry is forced too, where the platform allows.
 */
public final class AtomicFiles {
  /** The suffix of the temporary sibling, {@value}. */
  public static final String TEMP_SUFFIX = ".tmp";

  /** Writes a file's content to a stream. */
  @FunctionalInterface
  public interface Content {
    /**
     * Writes the content.
     *
     * @param out the stream (buffered; closed by the caller)
     * @throws IOException if writing fails
     */
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFiles() {}

  /**
   * Writes bytes atomically.
   *
   * @param file the target
   * @param bytes the content
   * @throws SipException {@link ErrorCode#IO} if writing or renaming fails (the target is unchanged)
   */
  public static void write(Path file, byte[] bytes) {
    write(file, out -> out.write(bytes));
  }

  /**
   * Writes streamed content atomically. If {@code content} throws, the temporary file is deleted,
   * the target is unchanged and the exception propagates.
   *
   * @param file the target
   * @param content writes the content
   * @throws SipException {@link ErrorCode#IO} if writing or renaming fails
   */
  public static void write(Path file, Content content) {
    Path temp = file.resolveSibling(file.getFileName() + TEMP_SUFFIX);
    boolean done = false;
    try {
      try (FileChannel channel =
              FileChannel.open(
                  temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
          OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
        content.writeTo(out);
        out.flush();
        channel.force(true);
      }
      move(temp, file);
      done = true;
    } catch (IOException e) {
      throw new SipException(ErrorCode.IO, "cannot write " + file + ": " + reason(e), e);
    } finally {
      if (!done) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // the temporary file is left; the target is unchanged either way
        }
      }
    }
  }

  /**
   * Renames a file atomically, replacing the target, and forces the folder entry.
   *
   * @param from the file
   * @param to the new name, in the same folder
   * @throws IOException if the rename fails
   */
  public static void move(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    forceFolder(to.toAbsolutePath().getParent());
  }

  /** Forces a folder's entries to the disk (Linux, macOS); a no-op where folders cannot be opened. */
  private static void forceFolder(Path dir) {
    if (dir == null) {
      return;
    }
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Windows cannot open a folder as a channel; the rename itself is still atomic
    }
  }

  /**
   * The reason of an I/O failure in words: the file system's reason where it gives one (a
   * {@link java.nio.file.NoSuchFileException}'s message is only the path).
   *
   * @param e the failure
   * @return e.g. "no such file or folder: /x/y.tmp", "permission denied: /proc/y.tmp"
   */
  public static String reason(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file or folder: " + ((java.nio.file.FileSystemException) e).getFile();
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied: " + ((java.nio.file.FileSystemException) e).getFile();
    }
    return e.getMessage();
  }
}
