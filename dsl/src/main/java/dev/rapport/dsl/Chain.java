package dev.rapport.dsl;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one core builder behind every stage of a definition being written, and the turn of the
 * stage that may go on.
 *
 * <p>A named definition (a journey, a rule set, an action, a moment, a persona, a segment) is
 * written in one chain: its stages are handles on a single-use core builder, and each call
 * retires the stage it was made on. A stage kept and continued a second time (two journeys from
 * one intermediate, or a call whose result was dropped) would write on a builder that another
 * stage already moved on, giving the second definition what was meant for the first; it is
 * refused instead, and so is a call after {@code build()}, which ends the chain (the last stage
 * may build again, and gets the same definition). A call that the core builder refuses leaves the
 * stage as it was, so that the caller may correct it. Every check of a value or of a repeated
 * setting is the core builder's: the chain adds only the order of the calls.
 *
 * @param <B> the core builder, or what holds it
 */
final class Chain<B> {
  private final String owner;
  private final String kind;
  private final String start;
  private final B builder;
  private int turn; // the turn of the one stage that may go on; the first stage is at 0
  private boolean built;

  /**
   * Starts a chain of a named definition.
   *
   * @param kind what it is, e.g. {@code "journey"}
   * @param name its name, already checked by its builder
   * @param start how to start another, e.g. {@code "journey(name)"}
   * @param builder the core builder
   */
  Chain(String kind, String name, String start, B builder) {
    this.owner = kind + " '" + name + "'";
    this.kind = kind;
    this.start = start;
    this.builder = builder;
  }

  /**
   * Writes a call made on the stage of a turn, and returns the turn of the stage it makes.
   *
   * @param at the turn of the stage called
   * @param call the call, for the message
   * @param write what it writes on the builder
   * @return the next turn
   * @throws IllegalStateException if the stage was already continued
   */
  int go(int at, String call, Consumer<B> write) {
    if (built) {
      throw new IllegalStateException(owner + ": " + call + " comes after build(); write each "
          + kind + " in one chain ending with build(), and start another " + kind + " with "
          + start);
    }
    check(at, call);
    write.accept(builder);
    return ++turn;
  }

  /**
   * Builds from the stage of a turn; the last stage may build more than once.
   *
   * @param at the turn of the stage called
   * @param build how to build
   * @param <T> the definition
   * @return the definition
   * @throws IllegalStateException if the stage was already continued
   */
  <T> T build(int at, Function<B, T> build) {
    check(at, "build()");
    T definition = build.apply(builder);
    built = true;
    return definition;
  }

  private void check(int at, String call) {
    if (at != turn) {
      throw new IllegalStateException(owner + ": " + call + " continues a step that another call "
          + "already continued; write each " + kind + " in one chain, each call on the step the "
          + "call before returned, and start another " + kind + " with " + start);
    }
  }
}
