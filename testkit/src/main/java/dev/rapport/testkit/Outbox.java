package dev.rapport.testkit;

import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Dispatcher;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.Explanation;
import dev.rapport.core.journey.StepOutcome;
import dev.rapport.core.journey.StepRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A {@link Dispatcher} that keeps every dispatch, for tests: give it to {@code
 * Engine.builder().dispatcher(outbox)} and assert on it with {@code
 * RapportAssertions.assertThat(outbox)}. Safe to share between threads.
 *
 * <p>The outbox of a {@link Scenario} also knows its engine and the customers the scenario met,
 * so that an assertion that finds nothing sent shows what the engine's gate refused instead.
 */
public final class Outbox implements Dispatcher {
  private static final Set<StepOutcome> REFUSALS = EnumSet.of(StepOutcome.REFUSED,
      StepOutcome.DEFERRED, StepOutcome.FALLBACK_REFUSED);

  private final List<Dispatch> dispatches = new CopyOnWriteArrayList<>();
  private final CopyOnWriteArrayList<String> customers = new CopyOnWriteArrayList<>();
  private volatile Instant mark;
  private volatile Engine engine;

  /** Makes an empty outbox, to give to {@code Engine.builder().dispatcher(...)}. */
  public Outbox() {}

  /**
   * Marks the time that {@code within(...)} assertions count from: a scenario marks the time of
   * every event it tracks, a test using the outbox alone marks it itself.
   *
   * @param at the time
   */
  public void mark(Instant at) {
    this.mark = at;
  }

  /**
   * Returns the marked time.
   *
   * @return the time, if marked
   */
  public Optional<Instant> marked() {
    return Optional.ofNullable(mark);
  }

  /** Links the engine that sends here, whose explanations show what its gate refused. */
  void linkTo(Engine sender) {
    this.engine = sender;
  }

  /** Remembers a customer the scenario met, in the order met. */
  void met(String customerId) {
    customers.addIfAbsent(customerId);
  }

  /** Returns the customers the scenario met, in the order met. */
  List<String> customersMet() {
    return List.copyOf(customers);
  }

  /**
   * Describes what the linked engine held back of an action for some customers, from their
   * journeys' histories, as the end of a failure message: what the gate refused or deferred,
   * and what the action's own holdout withheld ({@code REFUSED (ACTION_HOLDOUT)}).
   *
   * @return the text, starting on a new line; empty if no engine is linked or no customer given
   */
  String refusals(String action, List<String> of) {
    Engine sender = engine;
    if (sender == null || of.isEmpty()) {
      return "";
    }
    String step = "send(" + action + ")";
    StringBuilder lines = new StringBuilder();
    for (String customer : of) {
      for (Explanation.EnrollmentReport e : sender.explain(customer).enrollments()) {
        for (StepRecord r : e.history()) {
          if (REFUSALS.contains(r.outcome()) && r.step().endsWith(step)) {
            lines.append("\n  ").append(r.at()).append("  ").append(r.step()).append(" to ")
                .append(customer).append(" in journey ").append(e.journey()).append(": ")
                .append(r.outcome()).append(r.detail().isEmpty() ? "" : " (" + r.detail() + ")");
          }
        }
      }
    }
    if (lines.length() == 0) {
      return "\nand the journeys of " + String.join(", ", of) + " recorded no refusal of '"
          + action + "'";
    }
    return "\nand the engine held it back:" + lines;
  }

  @Override
  public void dispatch(Dispatch dispatch) {
    dispatches.add(dispatch);
  }

  /**
   * Returns every dispatch so far, in the order the engine made them.
   *
   * @return a copy of the dispatches
   */
  public List<Dispatch> all() {
    return List.copyOf(dispatches);
  }

  /**
   * Returns the dispatches to one customer.
   *
   * @param customerId the customer
   * @return the dispatches, in order
   */
  public List<Dispatch> to(String customerId) {
    return where(d -> d.customer().value().equals(customerId));
  }

  /**
   * Returns the dispatches of one action.
   *
   * @param action the action's name
   * @return the dispatches, in order
   */
  public List<Dispatch> of(String action) {
    return where(d -> d.action().name().equals(action));
  }

  private List<Dispatch> where(Predicate<Dispatch> condition) {
    List<Dispatch> out = new ArrayList<>();
    for (Dispatch d : dispatches) {
      if (condition.test(d)) {
        out.add(d);
      }
    }
    return out;
  }

  /**
   * Returns how many dispatches were made.
   *
   * @return the count
   */
  public int size() {
    return dispatches.size();
  }

  /** Forgets every dispatch. */
  public void clear() {
    dispatches.clear();
  }

  /** Lists the dispatches, one per line, as an assertion's failure message shows them. */
  @Override
  public String toString() {
    return describe(dispatches);
  }

  static String describe(List<Dispatch> dispatches) {
    if (dispatches.isEmpty()) {
      return "  (nothing was sent)";
    }
    StringBuilder out = new StringBuilder();
    for (Dispatch d : dispatches) {
      out.append("  ").append(d.at()).append("  ").append(d.action().name()).append(" to ")
          .append(d.customer()).append(" via ").append(d.channel())
          .append(d.attempt() > 1 ? " (attempt " + d.attempt() + ")" : "")
          .append(d.journey().map(j -> " from journey " + j).orElse("")).append('\n');
    }
    return out.toString().stripTrailing();
  }
}
