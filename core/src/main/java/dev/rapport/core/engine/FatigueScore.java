package dev.rapport.core.engine;

import dev.rapport.core.Customer;
import dev.rapport.core.Score;
import dev.rapport.core.policy.Fatigue;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Whether a customer is fatigued now under the contact policy's {@link Fatigue} rule: 1 or 0, a
 * score the engine declares by itself (named {@code fatigued}) when the policy has the rule, so
 * that the dashboard counts fatigued customers the way it counts any score, in the store,
 * across restarts.
 *
 * <p>It reads the customer's contacts, which only the engine's own view of a record holds; on
 * any other view it has no value. It changes when a message's window passes unanswered and when
 * a pause ends, which {@link #nextReview} tells the engine, and on every call (a message sent, a
 * response), after which the engine reads every score.
 */
final class FatigueScore implements Score {
  /** The score's name. */
  static final String NAME = "fatigued";

  private final Fatigue rule;

  FatigueScore(Fatigue rule) {
    this.rule = rule;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Scale scale() {
    return Scale.NUMBER;
  }

  @Override
  public double of(Customer customer) {
    if (!(customer instanceof RecordView view)) {
      return Double.NaN;
    }
    return Gate.fatigueEnd(rule, customer, view.contacts(), customer.now()) == null ? 0 : 1;
  }

  @Override
  public Optional<Instant> nextReview(Customer customer) {
    if (!(customer instanceof RecordView view)) {
      return Optional.empty();
    }
    Instant now = customer.now();
    Instant end = Gate.fatigueEnd(rule, customer, view.contacts(), now);
    Instant next = end;
    List<Contact> contacts = view.contacts();
    for (int i = 0; i < contacts.size(); i++) {
      Instant unanswered = contacts.get(i).at().plus(rule.window());
      if (unanswered.isAfter(now) && (next == null || unanswered.isBefore(next))) {
        next = unanswered;
      }
    }
    return Optional.ofNullable(next);
  }

  @Override
  public boolean dependsOn(String eventType) {
    return rule.responses().contains(eventType);
  }

  @Override
  public String toString() {
    return "fatigued: " + rule;
  }
}
