package dev.rapport.core.policy;

import dev.rapport.core.EventTypes;
import dev.rapport.core.internal.Checks;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * A fatigue rule: after a number of consecutive marketing messages that a customer did not
 * respond to within a window, marketing to them pauses for a period, and resumes at once when
 * they respond. Refused messages carry {@link Reason#FATIGUED}.
 *
 * <pre>{@code
 * ContactPolicy policy = ContactPolicy.builder()
 *     .fatigue(Fatigue.after(3).unansweredWithin(Duration.ofDays(3)).pauseFor(Duration.ofDays(14)))
 *     .build();
 * }</pre>
 *
 * <p><b>The rule.</b> A marketing message is unanswered when its window has passed with no
 * response (by default an {@code opened}, {@code clicked} or {@code converted} event) since it
 * was sent. Counting the marketing messages sent after the customer's latest response: when at
 * least {@code after} of them are unanswered, the customer is fatigued until the latest of them
 * plus its window plus the pause. A response ends it at once. When the pause ends, one message
 * may go; if it too goes unanswered the pause starts again, so a fatigued customer hears from you
 * at most once per window and pause, until they respond. Messages older than the rule's {@link
 * #memory()} are not counted. Transactional messages are never held.
 *
 * <p>A value: every method returns a new rule.
 */
public final class Fatigue {
  private static final String OWNER = "contact policy fatigue";
  private static final Set<String> RESPONSES = Set.of(EventTypes.OPENED, EventTypes.CLICKED,
      EventTypes.CONVERTED);

  private final int after;
  private final Duration window;
  private final Duration pause;
  private final Set<String> responses;

  private Fatigue(int after, Duration window, Duration pause, Set<String> responses) {
    this.after = after;
    this.window = window;
    this.pause = pause;
    this.responses = responses;
  }

  /**
   * Starts a rule that takes effect after {@code unanswered} consecutive unanswered marketing
   * messages, with a window of 3 days and a pause of 14 days unless set.
   *
   * @param unanswered the number of messages, 1 or more
   * @return the rule
   * @throws IllegalArgumentException if below 1
   */
  public static Fatigue after(int unanswered) {
    if (unanswered < 1) {
      throw new IllegalArgumentException(OWNER + ": after(" + unanswered + ") is below 1; give "
          + "the number of unanswered messages that tire a customer, such as 3");
    }
    return new Fatigue(unanswered, Duration.ofDays(3), Duration.ofDays(14), RESPONSES);
  }

  /**
   * Returns a copy with another response window: a message is unanswered when this long has
   * passed since it was sent with no response.
   *
   * @param window the window
   * @return the copy
   * @throws IllegalArgumentException if not positive
   */
  public Fatigue unansweredWithin(Duration window) {
    Checks.positive(OWNER, "unansweredWithin", window);
    return new Fatigue(after, window, pause, responses);
  }

  /**
   * Returns a copy with another pause: how long marketing stops once the customer is fatigued,
   * unless they respond.
   *
   * @param pause the pause
   * @return the copy
   * @throws IllegalArgumentException if not positive
   */
  public Fatigue pauseFor(Duration pause) {
    Checks.positive(OWNER, "pauseFor", pause);
    return new Fatigue(after, window, pause, responses);
  }

  /**
   * Returns a copy with other response events; {@code opened}, {@code clicked} and {@code
   * converted} by default.
   *
   * @param eventTypes the event types that count as a response
   * @return the copy
   * @throws IllegalArgumentException if the set is null or empty or holds a blank type
   */
  public Fatigue respondedBy(Set<String> eventTypes) {
    if (eventTypes == null || eventTypes.isEmpty()) {
      throw new IllegalArgumentException(OWNER + ": respondedBy(" + eventTypes + ") names no "
          + "event type; give the types that count as a response, such as \"opened\"");
    }
    for (String t : eventTypes) {
      Checks.name(OWNER + " response type", t);
    }
    return new Fatigue(after, window, pause, Set.copyOf(eventTypes));
  }

  /**
   * Returns how many consecutive unanswered marketing messages tire a customer.
   *
   * @return the number, 1 or more
   */
  public int after() {
    return after;
  }

  /**
   * Returns the window after which a message with no response is unanswered.
   *
   * @return the window
   */
  public Duration window() {
    return window;
  }

  /**
   * Returns how long marketing pauses once a customer is fatigued.
   *
   * @return the pause
   */
  public Duration pause() {
    return pause;
  }

  /**
   * Returns how far back the rule looks: {@code (after + 1) * (window + pause)}. Messages older
   * than that are forgotten (the engine keeps contacts this long), so a customer who never
   * responds is held at one message per window and pause, not forever.
   *
   * @return the memory
   */
  public Duration memory() {
    return window.plus(pause).multipliedBy(after + 1L);
  }

  /**
   * Returns the event types that count as a response.
   *
   * @return the types
   */
  public Set<String> responses() {
    return responses;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Fatigue)) {
      return false;
    }
    Fatigue f = (Fatigue) o;
    return after == f.after && window.equals(f.window) && pause.equals(f.pause)
        && responses.equals(f.responses);
  }

  @Override
  public int hashCode() {
    return Objects.hash(after, window, pause, responses);
  }

  @Override
  public String toString() {
    return "fatigued after " + after + " marketing messages unanswered within " + window
        + ", pause " + pause;
  }
}
