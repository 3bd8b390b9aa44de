package dev.rapport.dsl;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A stage of a named definition being written: a handle on its {@link Chain} at one turn, which
 * the chain retires when the stage is continued.
 *
 * @param <B> what the chain holds: the core builder, or what holds it
 * @param <S> the stage each call of this stage returns
 */
abstract class Stage<B, S> {
  final Chain<B> chain;
  final int turn;

  /** The first stage of a chain. */
  Stage(Chain<B> chain) {
    this(chain, 0);
  }

  Stage(Chain<B> chain, int turn) {
    this.chain = chain;
    this.turn = turn;
  }

  /** Returns the stage of this kind at a later turn of the same chain. */
  abstract S at(int later);

  /** Writes a call on the chain's builder and returns the stage it makes. */
  final S go(String call, Consumer<B> write) {
    return at(chain.go(turn, call, write));
  }

  /** Builds the definition from this stage. */
  final <T> T build(Function<B, T> build) {
    return chain.build(turn, build);
  }
}
