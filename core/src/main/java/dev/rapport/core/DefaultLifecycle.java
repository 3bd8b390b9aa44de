package dev.rapport.core;

import dev.rapport.core.Customer;
import dev.rapport.core.EngagementLevel;
import dev.rapport.core.EventTypes;
import dev.rapport.core.LifecycleModel;
import dev.rapport.core.LifecycleStage;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The default lifecycle model; see {@link LifecycleModel#ofDefaults(Optional)}. */
final class DefaultLifecycle implements LifecycleModel {
  private final Optional<String> activation;
  private final Duration newFor;
  private final Duration loyalAfter;

  /**
   * Makes the model.
   *
   * @param activation the activation moment's name, if any
   * @param newFor how long a customer is new
   * @param loyalAfter the tenure after which a highly engaged customer is loyal
   */
  public DefaultLifecycle(Optional<String> activation, Duration newFor, Duration loyalAfter) {
    this.activation = activation;
    this.newFor = newFor;
    this.loyalAfter = loyalAfter;
  }

  @Override
  public LifecycleStage stageOf(Customer c, EngagementLevel engagement) {
    if (engagement == EngagementLevel.LOST) {
      return LifecycleStage.WIN_BACK;
    }
    if (engagement == EngagementLevel.LOW_DISAFFECTED
        || engagement == EngagementLevel.DISENGAGED) {
      return LifecycleStage.AT_RISK;
    }
    Duration tenure = tenure(c);
    if (activation.isPresent() && !c.reached(activation.get())) {
      return tenure.compareTo(newFor) < 0 ? LifecycleStage.NEW : LifecycleStage.ONBOARDING;
    }
    if (activation.isEmpty() && tenure.compareTo(newFor) < 0) {
      return LifecycleStage.NEW;
    }
    if (engagement == EngagementLevel.HIGH && tenure.compareTo(loyalAfter) >= 0) {
      return LifecycleStage.LOYAL;
    }
    return LifecycleStage.ACTIVE;
  }

  @Override
  public boolean dependsOn(String eventType) {
    // the activation moment; tenure starts at the first event, which the engine always reviews
    return eventType.equals(EventTypes.MOMENT_REACHED);
  }

  @Override
  public Optional<Instant> nextReview(Customer c) {
    Optional<Instant> seen = FirstSeen.of(c);
    if (seen.isEmpty()) {
      return Optional.empty();
    }
    Instant first = seen.get();
    for (Instant b : new Instant[] {first.plus(newFor), first.plus(loyalAfter)}) {
      if (b.isAfter(c.now())) {
        return Optional.of(b);
      }
    }
    return Optional.empty();
  }

  private static Duration tenure(Customer c) {
    return FirstSeen.of(c).map(first -> Duration.between(first, c.now()))
        .filter(d -> !d.isNegative()).orElse(Duration.ZERO);
  }

  @Override
  public String toString() {
    return "default lifecycle" + activation.map(a -> " (activation: " + a + ")").orElse("");
  }
}
