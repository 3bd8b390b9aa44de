package dev.rapport.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The read-only view of one customer that every condition receives: traits, consents and
 * preferences, event history and aggregates, moments reached, personas and segments.
 *
 * <p>A view is a consistent snapshot: it does not change while a condition reads it, and it
 * never changes the customer. Time-relative questions ({@link #count(String, Duration)}, {@link
 * #since(String)}) are answered relative to {@link #now()}, the engine's time.
 *
 * <pre>{@code
 * Condition atRisk = c -> c.since("logged_in").map(d -> d.toDays() > 14).orElse(true)
 *     && c.count("ticket_opened", Duration.ofDays(30)) > 0;
 * }</pre>
 */
public interface Customer {

  /**
   * Returns the customer's id.
   *
   * @return the id
   */
  CustomerId id();

  /**
   * Returns the engine's time at which this view is read.
   *
   * @return now
   */
  Instant now();

  /**
   * Returns a trait's value.
   *
   * @param key the trait
   * @param <T> its type
   * @return the value, or empty when not set
   * @throws IllegalArgumentException if the trait holds values of another type
   */
  <T> Optional<T> trait(TraitKey<T> key);

  /**
   * Returns all the customer's traits.
   *
   * @return the traits
   */
  Traits traits();

  /**
   * Returns how many events of a type the customer has had, ever.
   *
   * @param type the event type
   * @return the count, zero if none
   */
  long count(String type);

  /**
   * Returns how many events of a type the customer has had within a window ending now: those
   * whose time is after {@code now() - within}. Events stamped after now count as within.
   *
   * @param type the event type
   * @param within the length of the window
   * @return the count
   * @throws IllegalArgumentException if the window is not positive or longer than the engine's
   *     history retention
   */
  long count(String type, Duration within);

  /**
   * Returns on how many distinct instants the customer had events of a type, ever: the lines of
   * one order, tracked as events at one instant, are one occasion. What a model of a customer's
   * rhythm counts, where {@link #count(String)} counts every event. An event that arrives late,
   * older than the engine's history retention and between the customer's first and latest
   * events of its type, counts as an occasion of its own (the engine no longer knows the
   * instants it could share).
   *
   * <p>The default, for views that do not keep instants, counts every event.
   *
   * @param type the event type
   * @return the number of occasions, zero if none
   */
  default long occasions(String type) {
    return count(type);
  }

  /**
   * Returns the time of the customer's first event of a type.
   *
   * @param type the event type
   * @return the time, or empty if none
   */
  Optional<Instant> first(String type);

  /**
   * Returns the time of the customer's latest event of a type.
   *
   * @param type the event type
   * @return the time, or empty if none
   */
  Optional<Instant> last(String type);

  /**
   * Returns how long ago the customer's latest event of a type happened.
   *
   * @param type the event type
   * @return the time since, or empty if none (zero for an event stamped after now)
   */
  Optional<Duration> since(String type);

  /**
   * Tells whether the customer ever had an event of a type.
   *
   * @param type the event type
   * @return whether they did
   */
  boolean hasDone(String type);

  /**
   * Tells whether the customer's recent history holds an event of a type whose properties meet a
   * condition. The history keeps the most recent events of each type, up to the engine's
   * configured history size.
   *
   * @param type the event type
   * @param properties the condition on the event's properties
   * @return whether such an event is in the history
   */
  boolean hasDone(String type, Predicate<Properties> properties);

  /**
   * Returns the customer's recent events of a type, oldest first, up to the engine's configured
   * history size per type.
   *
   * @param type the event type
   * @return the events
   */
  List<Event> history(String type);

  /**
   * Returns the event types the customer has had, sorted.
   *
   * @return the types
   */
  Set<String> eventTypes();

  /**
   * Tells whether the customer has reached a moment.
   *
   * @param moment the moment
   * @return whether reached
   */
  default boolean reached(Moment moment) {
    return reached(moment.name());
  }

  /**
   * Tells whether the customer has reached a moment.
   *
   * @param moment the moment's name
   * @return whether reached
   */
  boolean reached(String moment);

  /**
   * Returns when the customer reached a moment.
   *
   * @param moment the moment's name
   * @return the time, or empty if not reached
   */
  Optional<Instant> reachedAt(String moment);

  /**
   * Returns every moment the customer reached, with its time.
   *
   * @return moment names to times
   */
  Map<String, Instant> moments();

  /**
   * Tells whether the customer matches a persona.
   *
   * @param persona the persona
   * @return whether they match
   */
  default boolean is(Persona persona) {
    return is(persona.name());
  }

  /**
   * Tells whether the customer matches a persona.
   *
   * @param persona the persona's name
   * @return whether they match
   */
  boolean is(String persona);

  /**
   * Returns the names of the personas the customer matches, sorted.
   *
   * @return the personas
   */
  Set<String> personas();

  /**
   * Tells whether the customer is in a segment.
   *
   * @param segment the segment
   * @return whether they are in it
   */
  default boolean in(Segment segment) {
    return in(segment.name());
  }

  /**
   * Tells whether the customer is in a segment.
   *
   * @param segment the segment's name
   * @return whether they are in it
   */
  boolean in(String segment);

  /**
   * Returns the names of the segments the customer is in, sorted.
   *
   * @return the segments
   */
  Set<String> segments();

  /**
   * Returns the customer's consent on a channel for a purpose.
   *
   * @param channel the channel
   * @param purpose the purpose
   * @return the consent, {@link ConsentStatus#UNKNOWN} when they never said
   */
  Consent consent(Channel channel, Purpose purpose);

  /**
   * Returns the customer's preferences.
   *
   * @return the preferences, {@link Preferences#none()} when they gave none
   */
  Preferences preferences();

  /**
   * Returns the customer's engagement level, as the engine's engagement model last computed it
   * (after their latest change or review); {@link EngagementLevel#LOW_ORGANIC} before any.
   *
   * @return the level
   */
  EngagementLevel engagement();

  /**
   * Returns the probability that the customer does not engage again within the engagement
   * model's horizon, as that model estimates it now ({@link RhythmEngagement} does; the default
   * {@link RecencyFrequencyEngagement} does not).
   *
   * <pre>{@code
   * Condition slipping = c -> c.lapseRisk().orElse(0) >= 0.7;
   * }</pre>
   *
   * <p>The default, for views with no engagement model, estimates none.
   *
   * @return the risk, between 0 and 1, or empty when the model estimates none or the customer
   *     never engaged
   */
  default OptionalDouble lapseRisk() {
    return OptionalDouble.empty();
  }

  /**
   * Returns the customer's lifecycle stage, as the engine's lifecycle model last computed it;
   * {@link LifecycleStage#NEW} before any.
   *
   * @return the stage
   */
  LifecycleStage stage();

  /**
   * Returns what the customer has bought, as the engine's revenue definition counts it: orders,
   * revenue, average order value.
   *
   * <pre>{@code
   * Condition repeatBuyer = c -> c.purchases().orders() >= 2;
   * }</pre>
   *
   * <p>The default, for views with no revenue definition, is {@link Purchases#none()}.
   *
   * @return the purchases
   */
  default Purchases purchases() {
    return Purchases.none();
  }

  /**
   * Returns the customer's value of a score now.
   *
   * <pre>{@code
   * Condition valuable = c -> c.score(Scores.predictedClv(Duration.ofDays(365))) >= 200;
   * }</pre>
   *
   * @param score the score
   * @return its value, or NaN when the customer has none
   * @throws IllegalArgumentException if the score is null
   */
  default double score(Score score) {
    if (score == null) {
      throw new IllegalArgumentException("score(score): score is null; give a Score such as "
          + "Scores.engagement()");
    }
    return score.of(this);
  }

  /**
   * Returns the customer's value of a score the engine declares ({@code
   * Engine.builder().scores(...)}), by its name.
   *
   * <pre>{@code
   * Condition healthy = c -> c.score("health") >= 70;
   * }</pre>
   *
   * @param name the score's name
   * @return its value, or NaN when the customer has none
   * @throws IllegalArgumentException if the engine declares no score of that name
   */
  default double score(String name) {
    throw new IllegalArgumentException("score(\"" + name + "\"): this customer view knows no "
        + "declared scores; read the score itself with score(Score)");
  }
}
