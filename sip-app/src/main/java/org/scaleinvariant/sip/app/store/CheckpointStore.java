package org.scaleinvariant.sip.app.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.scaleinvariant.sip.api.ErrorCode;
import org.scaleinvariant.sip.api.SipException;
import org.scaleinvariant.sip.nn.TrainingState;

/**
 * The checkpoints of one run in its output folder: {@value #CURRENT} (the newest) and {@value
 * #PREVIOUS} (the one before), both in {@link CheckpointFile}'s format.
 *
 * <p>Saving writes the new checkpoint atomically ({@link AtomicFiles}: temporary file, forced to
 * disk, renamed), after renaming the current one to the previous one. A process killed at any
 * moment leaves at least one complete checkpoint: the current one, or (between the two renames)
 * the previous one. Loading takes the current checkpoint and falls back to the previous one when the
 * current one is missing or damaged (truncated, checksum mismatch, bad values), saying so in one
 * line; a damaged current checkpoint is then never rotated into the previous slot, so the good
 * previous one stays until a new good one is written.
 *
 * <p>Not thread-safe; one instance per run.
 */
public final class CheckpointStore {
  /** The newest checkpoint's file name, {@value}. */
  public static final String CURRENT = "checkpoint.bin";
  /** The previous checkpoint's file name, {@value}. */
  public static final String PREVIOUS = "checkpoint.prev.bin";

  private final Path dir;
  /** Whether {@link #CURRENT} holds a checkpoint known to be good (saved or loaded by this instance). */
  private boolean currentGood;
  private Saved lastGood;

  /** A checkpoint that was saved or loaded. */
  public record Saved(Path file, int step) {}

  /** A loaded checkpoint. */
  public record Loaded(Path file, RunDefinition definition, TrainingState state) {}

  /**
   * Creates the store of a folder.
   *
   * @param dir the run's output folder
   */
  public CheckpointStore(Path dir) {
    this.dir = dir;
  }

  /**
   * The folder.
   *
   * @return the folder
   */
  public Path dir() {
    return dir;
  }

  /**
   * Deletes the checkpoints of an earlier run in the folder (a fresh {@code train --out DIR}), so
   * that {@code resume DIR} never continues another run.
   *
   * @throws SipException {@link ErrorCode#IO} if a file cannot be deleted
   */
  public void clear() {
    for (String name : List.of(CURRENT, PREVIOUS, CURRENT + AtomicFiles.TEMP_SUFFIX)) {
      try {
        Files.deleteIfExists(dir.resolve(name));
      } catch (IOException e) {
        throw new SipException(ErrorCode.IO, "cannot remove the earlier checkpoint " + dir.resolve(name) + ": "
            + e.getMessage(), e);
      }
    }
    currentGood = false;
    lastGood = null;
  }

  /**
   * Saves a checkpoint: the current one becomes the previous one (if it is known to be good), the
   * new one becomes the current one.
   *
   * @param definition the run's definition
   * @param state the state
   * @throws SipException {@link ErrorCode#IO} if writing fails (the checkpoints already on disk
   *     stay usable)
   */
  public void save(RunDefinition definition, TrainingState state) {
    byte[] bytes = CheckpointFile.encode(definition, state);
    Path current = dir.resolve(CURRENT);
    if (currentGood && Files.exists(current)) {
      try {
        AtomicFiles.move(current, dir.resolve(PREVIOUS));
      } catch (IOException e) {
        throw new SipException(ErrorCode.IO, "cannot rename " + current + " to " + PREVIOUS + ": " + e.getMessage(), e);
      }
    }
    AtomicFiles.write(current, bytes);
    currentGood = true;
    lastGood = new Saved(current, state.step());
  }

  /**
   * The newest good checkpoint this instance saved or loaded.
   *
   * @return the checkpoint, or empty
   */
  public Optional<Saved> lastGood() {
    return Optional.ofNullable(lastGood);
  }

  /**
   * Loads the newest usable checkpoint: the current one, else the previous one.
   *
   * @param warnings receives one line per checkpoint that was passed over and why
   * @return the checkpoint
   * @throws SipException {@link ErrorCode#INVALID_ARGUMENT} if the folder holds neither file, {@link
   *     ErrorCode#INVALID_FILE} if neither is usable (the message gives both reasons)
   */
  public Loaded load(Consumer<String> warnings) {
    List<String> reasons = new ArrayList<>();
    boolean any = false;
    for (String name : List.of(CURRENT, PREVIOUS)) {
      Path file = dir.resolve(name);
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (NoSuchFileException e) {
        if (name.equals(CURRENT) && Files.exists(dir.resolve(PREVIOUS))) {
          warnings.accept(file + " is missing; using the previous checkpoint " + dir.resolve(PREVIOUS));
        }
        continue;
      } catch (IOException | OutOfMemoryError e) {
        any = true;
        reasons.add(file + " cannot be read (" + e.getMessage() + ")");
        continue;
      }
      any = true;
      try {
        CheckpointFile.Content content = CheckpointFile.decode(bytes, file.toString());
        if (!reasons.isEmpty()) {
          warnings.accept(reasons.get(0) + "; using the previous checkpoint " + file + " (step "
              + content.state().step() + ")");
        }
        currentGood = name.equals(CURRENT);
        lastGood = new Saved(file, content.state().step());
        return new Loaded(file, content.definition(), content.state());
      } catch (SipException e) {
        reasons.add(e.getMessage());
      }
    }
    if (!any) {
      throw new SipException(
          ErrorCode.INVALID_ARGUMENT,
          "'" + dir + "' holds no checkpoint (" + CURRENT + " or " + PREVIOUS + "); allowed: the --out folder of"
              + " a 'sip train' run that wrote one (with --out every run does at its end, and with"
              + " --checkpoint-every or --checkpoint-interval during training)");
    }
    throw new SipException(ErrorCode.INVALID_FILE, "no usable checkpoint in " + dir + ": " + String.join("; ", reasons));
  }
}
