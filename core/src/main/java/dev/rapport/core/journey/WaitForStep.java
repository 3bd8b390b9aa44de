package dev.rapport.core.journey;

import dev.rapport.core.Properties;
import dev.rapport.core.internal.Checks;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Waits for the customer's next event of a type (optionally with a condition on its properties),
 * at most a bounded time. When the event comes, the journey goes on with the next step; when the
 * time runs out, it runs the {@link #onTimeout(Step...)} steps, then goes on with the next step.
 *
 * <p>A wait without a bound does not compile: {@link #on(String)} returns an {@link Unbounded}
 * step, which is not a {@link Step} until {@link Unbounded#atMost(Duration)} bounds it.
 *
 * <pre>{@code
 * waitFor("api_key_created").atMost(Duration.ofDays(2)).onTimeout(send(keyHelp))
 * }</pre>
 */
public final class WaitForStep implements Step {
  private final String eventType;
  private final Predicate<Properties> properties;
  private final Duration atMost;
  private final List<Step> onTimeout;
  private final boolean timeoutSet;

  private WaitForStep(String eventType, Predicate<Properties> properties, Duration atMost,
      List<Step> onTimeout, boolean timeoutSet) {
    this.eventType = eventType;
    this.properties = properties;
    this.atMost = atMost;
    this.onTimeout = onTimeout;
    this.timeoutSet = timeoutSet;
  }

  /**
   * Starts a wait for an event type.
   *
   * @param eventType the event type
   * @return the unbounded wait, to bound with {@link Unbounded#atMost(Duration)}
   * @throws IllegalArgumentException if the type is null or blank
   */
  public static Unbounded on(String eventType) {
    return new Unbounded(Checks.name("waitFor event type", eventType), null);
  }

  /**
   * Starts a wait for an event type whose properties meet a condition.
   *
   * @param eventType the event type
   * @param properties the condition on the event's properties
   * @return the unbounded wait
   * @throws IllegalArgumentException if the type is blank or the condition null
   */
  public static Unbounded on(String eventType, Predicate<Properties> properties) {
    Checks.name("waitFor event type", eventType);
    Checks.notNull("waitFor(\"" + eventType + "\")", "properties", properties);
    return new Unbounded(eventType, properties);
  }

  /**
   * Returns a copy that runs steps when the wait times out, before going on.
   *
   * @param steps the steps
   * @return the new step
   * @throws IllegalArgumentException if a step is null or none is given
   * @throws IllegalStateException if the timeout steps were already set
   */
  public WaitForStep onTimeout(Step... steps) {
    String owner = describe();
    Checks.once(owner, "onTimeout", timeoutSet);
    return new WaitForStep(eventType, properties, atMost, Steps.copy(owner + ".onTimeout", steps),
        true);
  }

  /**
   * Returns the event type waited for.
   *
   * @return the type
   */
  public String eventType() {
    return eventType;
  }

  /**
   * Returns the condition on the event's properties, if any.
   *
   * @return the condition
   */
  public Optional<Predicate<Properties>> properties() {
    return Optional.ofNullable(properties);
  }

  /**
   * Returns the longest wait.
   *
   * @return the bound
   */
  public Duration atMost() {
    return atMost;
  }

  /**
   * Returns the steps run on timeout.
   *
   * @return the steps, empty if none
   */
  public List<Step> onTimeoutSteps() {
    return onTimeout;
  }

  @Override
  public String describe() {
    return "waitFor(" + eventType + ", atMost " + atMost + ")";
  }

  @Override
  public String toString() {
    return describe();
  }

  /** A wait for an event that has no bound yet; not a step until {@link #atMost} is given. */
  public static final class Unbounded {
    private final String eventType;
    private final Predicate<Properties> properties;

    private Unbounded(String eventType, Predicate<Properties> properties) {
      this.eventType = eventType;
      this.properties = properties;
    }

    /**
     * Bounds the wait.
     *
     * @param atMost the longest wait, positive
     * @return the step
     * @throws IllegalArgumentException if not positive
     */
    public WaitForStep atMost(Duration atMost) {
      Checks.positive("waitFor(\"" + eventType + "\")", "atMost", atMost);
      return new WaitForStep(eventType, properties, atMost, List.of(), false);
    }
  }
}
