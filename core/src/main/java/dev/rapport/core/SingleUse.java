package dev.rapport.core;

import dev.rapport.core.internal.Checks;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What a single-use builder of the models here keeps to stay single-use: the settings it was
 * given, each once, and what it built, after which every setting is refused and {@code build()}
 * returns the same value again.
 *
 * @param <T> what the builder builds
 */
final class SingleUse<T> {
  private final String owner;
  private final String start;
  private final Set<String> given = new HashSet<>();
  private T built;

  /**
   * Starts the bookkeeping of one builder.
   *
   * @param owner what the builder builds, for the messages
   * @param start how to start another builder, for the message after {@code build()}
   */
  SingleUse(String owner, String start) {
    this.owner = owner;
    this.start = start;
  }

  /** Records a setting: refused after {@code build()}, or when it was given before. */
  void once(String field) {
    Checks.notBuilt(owner, field, built != null, start);
    Checks.once(owner, field, !given.add(field));
  }

  /** Checks that a setting's window is positive, records the setting, and returns the window. */
  Duration window(String field, Duration within) {
    Checks.positive(owner, field, within);
    once(field);
    return within;
  }

  /** Builds on the first call that does not refuse, and returns what it built ever after. */
  T build(Supplier<T> make) {
    if (built == null) {
      built = make.get();
    }
    return built;
  }
}
