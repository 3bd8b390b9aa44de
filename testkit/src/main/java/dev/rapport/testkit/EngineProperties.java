package dev.rapport.testkit;

import dev.rapport.core.ConsentStatus;
import dev.rapport.core.Purpose;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.RefusalQuery;
import dev.rapport.core.policy.Cap;
import dev.rapport.core.policy.ContactPolicy;
import dev.rapport.core.policy.Reason;
import dev.rapport.core.policy.Refusal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * Ready-made properties that a host applies to its own engine configuration in a few lines:
 * what must hold for every customer and every history.
 *
 * <pre>{@code
 * @Property
 * void my_engine_keeps_its_promises(@ForAll("histories") History history) {
 *   EngineProperties.all(engine -> engine.journeys(onboarding).contactPolicy(policy), policy,
 *       history);
 * }
 *
 * @Provide
 * Arbitrary<History> histories() {
 *   return RapportArbitraries.histories(List.of("signed_up", "api_key_created"),
 *       Duration.ofDays(5));
 * }
 * }</pre>
 *
 * <p>Each check throws an {@link AssertionError} that says what was expected and what happened.
 */
public final class EngineProperties {
  private EngineProperties() {}

  /**
   * Checks every property below.
   *
   * @param configure adds the host's definitions to a builder whose clock and dispatcher are
   *     set
   * @param policy the contact policy the configuration uses
   * @param history the history
   */
  public static void all(UnaryOperator<Engine.Builder> configure, ContactPolicy policy,
      History history) {
    noMarketingWithoutConsent(configure, policy, history);
    capsHeld(configure, policy, history);
    replayIsDeterministic(configure, history);
    duplicatedEventsChangeNothing(configure, history);
    heldOutCustomersAreNeverSentTheAction(configure, history);
  }

  /**
   * No marketing message goes out on a channel that needs an opt-in without the customer's
   * granted marketing consent on it at the time it is sent.
   *
   * @param configure adds the host's definitions
   * @param policy the contact policy (for which channels need an opt-in)
   * @param history the history
   */
  public static void noMarketingWithoutConsent(UnaryOperator<Engine.Builder> configure,
      ContactPolicy policy, History history) {
    AtomicReference<Engine> engine = new AtomicReference<>();
    List<String> violations = new ArrayList<>();
    history.replay(configure, d -> {
      if (d.action().purpose() != Purpose.MARKETING
          || !policy.channelSettings(d.channel()).requiresOptIn()) {
        return;
      }
      ConsentStatus status = engine.get().customer(d.customer().value()).orElseThrow()
          .consent(d.channel(), Purpose.MARKETING).status();
      if (status != ConsentStatus.GRANTED) {
        violations.add(d + " while marketing consent on " + d.channel() + " was " + status);
      }
    }, engine::set);
    if (!violations.isEmpty()) {
      throw new AssertionError("expected no marketing message without consent, but:\n  "
          + String.join("\n  ", violations) + "\n" + history);
    }
  }

  /**
   * No cap of the policy is exceeded in any window: counting each customer's first attempts of
   * marketing messages (a fallback is the same message), per cap scope.
   *
   * @param configure adds the host's definitions
   * @param policy the contact policy the configuration uses
   * @param history the history
   */
  public static void capsHeld(UnaryOperator<Engine.Builder> configure, ContactPolicy policy,
      History history) {
    List<Dispatch> sent = history.replay(configure);
    for (Cap cap : policy.caps()) {
      for (Dispatch d : sent) {
        if (!counts(cap, d)) {
          continue;
        }
        Instant from = d.at().minus(cap.window());
        List<Dispatch> inWindow = new ArrayList<>();
        for (Dispatch other : sent) {
          if (counts(cap, other) && other.customer().equals(d.customer())
              && other.at().isAfter(from) && !other.at().isAfter(d.at())) {
            inWindow.add(other);
          }
        }
        if (inWindow.size() > cap.limit()) {
          throw new AssertionError("expected at most " + cap.limit() + " messages per "
              + cap.window() + " (" + cap + "), but " + d.customer() + " got " + inWindow.size()
              + ":\n" + Outbox.describe(inWindow) + "\n" + history);
        }
      }
    }
  }

  private static boolean counts(Cap cap, Dispatch d) {
    if (d.attempt() != 1) {
      return false;
    }
    if (cap.purpose().isPresent()) {
      return d.action().purpose() == cap.purpose().get();
    }
    if (d.action().purpose() != Purpose.MARKETING) {
      return false;
    }
    if (cap.channel().isPresent()) {
      return d.channel().equals(cap.channel().get());
    }
    if (cap.topic().isPresent()) {
      return d.action().topic().equals(cap.topic());
    }
    return true;
  }

  /**
   * A customer held out of an action ({@code Action.Builder.holdout}: refused it with {@link
   * Reason#ACTION_HOLDOUT}) is never sent it, before or after, on any channel: their arm is
   * theirs for good.
   *
   * @param configure adds the host's definitions
   * @param history the history
   */
  public static void heldOutCustomersAreNeverSentTheAction(
      UnaryOperator<Engine.Builder> configure, History history) {
    AtomicReference<Engine> engine = new AtomicReference<>();
    List<Dispatch> sent = history.replay(configure, d -> { }, engine::set);
    List<String> violations = new ArrayList<>();
    for (History.CustomerSpec c : history.customers()) {
      Set<String> heldOutOf = new TreeSet<>();
      for (Refusal r : engine.get().refusals(RefusalQuery.of(c.id())).refusals()) {
        if (r.reason() == Reason.ACTION_HOLDOUT) {
          heldOutOf.add(r.action());
        }
      }
      for (Dispatch d : sent) {
        if (d.customer().value().equals(c.id()) && heldOutOf.contains(d.action().name())) {
          violations.add(d + ", though " + c.id() + " is held out of '" + d.action().name()
              + "'");
        }
      }
    }
    if (!violations.isEmpty()) {
      throw new AssertionError("expected no held-out customer to be sent the action, but:\n  "
          + String.join("\n  ", violations) + "\n" + history);
    }
  }

  /**
   * Replaying the same history twice on fresh engines sends the same messages: same ids,
   * customers, actions, channels, attempts and times.
   *
   * @param configure adds the host's definitions
   * @param history the history
   */
  public static void replayIsDeterministic(UnaryOperator<Engine.Builder> configure,
      History history) {
    List<String> first = describe(history.replay(configure));
    List<String> second = describe(history.replay(configure));
    if (!first.equals(second)) {
      throw new AssertionError("expected the same dispatches on replay, but the first run "
          + "sent:\n  " + String.join("\n  ", first) + "\nand the second:\n  "
          + String.join("\n  ", second) + "\n" + history);
    }
  }

  /**
   * Tracking every event twice (the second time a duplicate, by its id) sends the same
   * messages as tracking it once.
   *
   * @param configure adds the host's definitions
   * @param history the history
   */
  public static void duplicatedEventsChangeNothing(UnaryOperator<Engine.Builder> configure,
      History history) {
    List<String> once = describe(history.replay(configure));
    List<String> twice = describe(history.withEveryEventTwice().replay(configure));
    if (!once.equals(twice)) {
      throw new AssertionError("expected duplicated events to change nothing, but once sent:\n  "
          + String.join("\n  ", once) + "\nand twice:\n  " + String.join("\n  ", twice) + "\n"
          + history);
    }
  }

  private static List<String> describe(List<Dispatch> dispatches) {
    List<String> out = new ArrayList<>();
    for (Dispatch d : dispatches) {
      out.add(d.id() + " " + d.customer() + " " + d.action().name() + " via " + d.channel()
          + " #" + d.attempt() + " at " + d.at());
    }
    return out;
  }
}
