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
 *
 * <p>A <em>keyed</em> wait is met only by an event whose property equals the same property of the
 * event that started the enrollment ({@link Unbounded#withSame(String)}), or of the customer's
 * latest event of a named type when the wait began ({@link Unbounded#withSame(String,
 * String)}): the checkout of the cart that was abandoned, not of another one.
 *
 * <pre>{@code
 * journey("abandoned-cart").enterOn("cart_abandoned")
 *     .steps(waitFor("checkout_completed").withSame("cart_id").atMost(Duration.ofHours(4))
 *         .onTimeout(send(reminder)))
 * }</pre>
 *
 * <p>A keyed wait whose source event lacks the property (or was not seen at all) cannot be met:
 * it waits until its bound and times out.
 */
public final class WaitForStep implements Step {
  private final String eventType;
  private final Predicate<Properties> properties;
  private final Duration atMost;
  private final List<Step> onTimeout;
  private final boolean timeoutSet;
  /** The property the awaited event must share, or null for a wait that is not keyed. */
  private final String key;
  /** The event type the key is read from, or null for the event that started the enrollment. */
  private final String keySource;

  private WaitForStep(String eventType, Predicate<Properties> properties, Duration atMost,
      List<Step> onTimeout, boolean timeoutSet, String key, String keySource) {
    this.eventType = eventType;
    this.properties = properties;
    this.atMost = atMost;
    this.onTimeout = onTimeout;
    this.timeoutSet = timeoutSet;
    this.key = key;
    this.keySource = keySource;
  }

  /**
   * Starts a wait for an event type.
   *
   * @param eventType the event type
   * @return the unbounded wait, to bound with {@link Unbounded#atMost(Duration)}
   * @throws IllegalArgumentException if the type is null or blank
   */
  public static Unbounded on(String eventType) {
    return new Unbounded(EventPatterns.type("waitFor", eventType), null, null, null);
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
    return new Unbounded(eventType, EventPatterns.properties("waitFor", eventType, properties),
        null, null);
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
        true, key, keySource);
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

  /**
   * Returns the property an awaited event must share, for a keyed wait.
   *
   * @return the property's name, if the wait is keyed
   */
  public Optional<String> key() {
    return Optional.ofNullable(key);
  }

  /**
   * Returns the event type a keyed wait reads its key from: empty for the event that started
   * the enrollment, a type for the customer's latest event of it when the wait began.
   *
   * @return the type, if the key is not the enrolling event's
   */
  public Optional<String> keySource() {
    return Optional.ofNullable(keySource);
  }

  @Override
  public String describe() {
    return "waitFor(" + eventType + (key == null ? "" : ", same " + key
        + (keySource == null ? "" : " as " + keySource)) + ", atMost " + atMost + ")";
  }

  @Override
  public String toString() {
    return describe();
  }

  /** A wait for an event that has no bound yet; not a step until {@link #atMost} is given. */
  public static final class Unbounded {
    private final String eventType;
    private final Predicate<Properties> properties;
    private final String key;
    private final String keySource;

    private Unbounded(String eventType, Predicate<Properties> properties, String key,
        String keySource) {
      this.eventType = eventType;
      this.properties = properties;
      this.key = key;
      this.keySource = keySource;
    }

    /**
     * Keys the wait: only an event whose property has the same value as the one of the event
     * that started the enrollment meets it.
     *
     * <pre>{@code
     * waitFor("checkout_completed").withSame("cart_id").atMost(Duration.ofHours(4))
     * }</pre>
     *
     * @param property the property's name, such as {@code cart_id}
     * @return the keyed wait, to bound with {@link #atMost(Duration)}
     * @throws IllegalArgumentException if the name is null or blank
     * @throws IllegalStateException if the wait is already keyed
     */
    public Unbounded withSame(String property) {
      String owner = "waitFor(\"" + eventType + "\")";
      Checks.name(owner + ": withSame property", property);
      Checks.once(owner, "withSame", key != null);
      return new Unbounded(eventType, properties, property, null);
    }

    /**
     * Keys the wait on an earlier event: only an event whose property has the same value as the
     * one of the customer's latest event of {@code eventType} when the wait began meets it.
     *
     * <pre>{@code
     * waitFor("checkout_completed").withSame("cart_id", "cart_updated").atMost(Duration.ofHours(4))
     * }</pre>
     *
     * @param property the property's name, such as {@code cart_id}
     * @param earlierEventType the type of the event the key is read from
     * @return the keyed wait, to bound with {@link #atMost(Duration)}
     * @throws IllegalArgumentException if a name is null or blank
     * @throws IllegalStateException if the wait is already keyed
     */
    public Unbounded withSame(String property, String earlierEventType) {
      String owner = "waitFor(\"" + eventType + "\")";
      Checks.name(owner + ": withSame property", property);
      Checks.name(owner + ": withSame event type", earlierEventType);
      Checks.once(owner, "withSame", key != null);
      return new Unbounded(eventType, properties, property, earlierEventType);
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
      return new WaitForStep(eventType, properties, atMost, List.of(), false, key, keySource);
    }
  }
}
