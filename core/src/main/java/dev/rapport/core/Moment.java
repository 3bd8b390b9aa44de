package dev.rapport.core;

import dev.rapport.core.internal.Checks;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A moment that matters in a customer's life with the host: first setup, activation, first need
 * for help, a renewal, an upgrade decision. A moment is reached once, at the time of the event
 * that reached it; reaching it is itself an event ({@link EventTypes#MOMENT_REACHED}) that
 * journeys can start on.
 *
 * <p>A moment is detected either from an event type, optionally with a condition on the event's
 * properties, or from a condition on the customer:
 *
 * <pre>{@code
 * Moment activated = Moment.builder("activated").reachedOn("first_sync").build();
 * Moment bigOrder = Moment.builder("big-order")
 *     .reachedOn("purchased", p -> p.getDouble("total").orElse(0) > 100).build();
 * Moment powerUser = Moment.builder("power-user")
 *     .reachedWhen(c -> c.count("report_run") >= 10).build();
 * }</pre>
 */
public final class Moment {
  private final String name;
  private final String eventType;
  private final Predicate<Properties> propertyCondition;
  private final Condition condition;

  private Moment(String name, String eventType, Predicate<Properties> propertyCondition,
      Condition condition) {
    this.name = name;
    this.eventType = eventType;
    this.propertyCondition = propertyCondition;
    this.condition = condition;
  }

  /**
   * Starts a moment.
   *
   * @param name its name, unique among moments
   * @return a builder
   * @throws IllegalArgumentException if the name is null or blank
   */
  public static Builder builder(String name) {
    return new Builder(Checks.name("moment", name));
  }

  /**
   * Returns the name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the event type that reaches this moment, if it is detected from events.
   *
   * @return the event type, or empty for a moment reached by a condition
   */
  public Optional<String> eventType() {
    return Optional.ofNullable(eventType);
  }

  /**
   * Returns the condition on the customer that reaches this moment, if it is detected that way.
   *
   * @return the condition, or empty for a moment reached by an event
   */
  public Optional<Condition> condition() {
    return Optional.ofNullable(condition);
  }

  /**
   * Tells whether an event reaches this moment: it is of the moment's type and its properties
   * meet the moment's property condition, if any. Always false for a moment reached by a
   * condition.
   *
   * @param event the event
   * @return whether it reaches the moment
   */
  public boolean isReachedBy(Event event) {
    return eventType != null && eventType.equals(event.type())
        && (propertyCondition == null || propertyCondition.test(event.properties()));
  }

  @Override
  public String toString() {
    return "Moment{" + name + "}";
  }

  /**
   * Builds a {@link Moment}. Single-use: what reaches the moment is given once, and any call
   * after {@link #build()} is refused; {@link #build()} may be called again and returns the same
   * moment. The DSL's {@code moment(name)} writes on this builder.
   */
  public static final class Builder {
    private final String name;
    private String eventType;
    private Predicate<Properties> propertyCondition;
    private Condition condition;
    private Moment built;

    private Builder(String name) {
      this.name = name;
    }

    private String owner() {
      return Checks.owner("moment", name);
    }

    private void open(String call) {
      Checks.notBuilt(owner(), call, built != null, "Moment.builder(name)");
    }

    /**
     * Reaches the moment on the first event of a type.
     *
     * @param type the event type
     * @return this builder
     * @throws IllegalArgumentException if the type is null or blank
     * @throws IllegalStateException if the moment already has a way to be reached, or after
     *     {@link #build()}
     */
    public Builder reachedOn(String type) {
      open("reachedOn");
      Checks.name(owner() + ": reachedOn event type", type);
      checkUnset();
      this.eventType = type;
      return this;
    }

    /**
     * Reaches the moment on the first event of a type whose properties meet a condition.
     *
     * @param type the event type
     * @param properties the condition on the event's properties
     * @return this builder
     * @throws IllegalArgumentException if the type is blank or the condition null
     * @throws IllegalStateException if the moment already has a way to be reached, or after
     *     {@link #build()}
     */
    public Builder reachedOn(String type, Predicate<Properties> properties) {
      open("reachedOn");
      Checks.notNull(owner(), "reachedOn(\"" + type + "\", properties)", properties);
      reachedOn(type);
      this.propertyCondition = properties;
      return this;
    }

    /**
     * Reaches the moment the first time a condition on the customer holds after a change.
     *
     * @param condition the condition
     * @return this builder
     * @throws IllegalArgumentException if the condition is null
     * @throws IllegalStateException if the moment already has a way to be reached, or after
     *     {@link #build()}
     */
    public Builder reachedWhen(Condition condition) {
      open("reachedWhen");
      Checks.notNull(owner(), "reachedWhen", condition);
      checkUnset();
      this.condition = condition;
      return this;
    }

    private void checkUnset() {
      if (eventType != null || condition != null) {
        throw new IllegalStateException(owner() + ": is already reached "
            + (eventType != null ? "on \"" + eventType + "\"" : "when a condition holds")
            + "; give one of reachedOn or reachedWhen, once");
      }
    }

    /**
     * Returns the moment; called again, returns the same moment.
     *
     * @return the moment
     * @throws IllegalStateException if nothing reaches it
     */
    public Moment build() {
      if (built != null) {
        return built;
      }
      if (eventType == null && condition == null) {
        throw new IllegalStateException(owner()
            + ": nothing reaches it; add reachedOn(eventType) or reachedWhen(Condition)");
      }
      built = new Moment(name, eventType, propertyCondition, condition);
      return built;
    }
  }
}
