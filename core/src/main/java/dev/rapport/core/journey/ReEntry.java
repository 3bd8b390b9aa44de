package dev.rapport.core.journey;

import dev.rapport.core.internal.Checks;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether a customer who was in a journey before may enter it again: never (the default), as
 * soon as their earlier enrollment ended, or once a cooldown has passed since it ended. A customer
 * is never in the same journey twice at once.
 */
public final class ReEntry {
  private static final ReEntry NEVER = new ReEntry(null, false);
  private static final ReEntry AFTER_EXIT = new ReEntry(null, true);

  private final Duration cooldown;
  private final boolean allowed;

  private ReEntry(Duration cooldown, boolean allowed) {
    this.cooldown = cooldown;
    this.allowed = allowed;
  }

  /**
   * Returns the rule that a customer enters a journey at most once.
   *
   * @return never
   */
  public static ReEntry never() {
    return NEVER;
  }

  /**
   * Returns the rule that a customer may enter again once their enrollment ended.
   *
   * @return after exit
   */
  public static ReEntry afterExit() {
    return AFTER_EXIT;
  }

  /**
   * Returns the rule that a customer may enter again a cooldown after their enrollment ended.
   *
   * @param cooldown the cooldown, positive
   * @return after the cooldown
   * @throws IllegalArgumentException if not positive
   */
  public static ReEntry after(Duration cooldown) {
    Checks.positive("reEnterAfter", "cooldown", cooldown);
    return new ReEntry(cooldown, true);
  }

  /**
   * Tells whether re-entry is allowed at all.
   *
   * @return whether allowed
   */
  public boolean allowed() {
    return allowed;
  }

  /**
   * Returns the cooldown after an enrollment ended, if any.
   *
   * @return the cooldown
   */
  public Optional<Duration> cooldown() {
    return Optional.ofNullable(cooldown);
  }

  @Override
  public String toString() {
    return !allowed ? "never" : cooldown == null ? "after exit" : "after " + cooldown;
  }
}
