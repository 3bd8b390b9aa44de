package dev.rapport.core.decision;

import dev.rapport.core.Action;
import dev.rapport.core.Condition;
import dev.rapport.core.Customer;
import dev.rapport.core.internal.Checks;
import java.time.Duration;
import java.util.Optional;

/**
 * A rule-set level suitability rule: never an action (or any action of a topic, or any action)
 * while a condition holds, such as "never a review request within 7 days after a support ticket".
 *
 * <pre>{@code
 * Suitability.never(reviewRequest).within(Duration.ofDays(7)).after("ticket_opened")
 * Suitability.neverTopic("promotions").when("has an open ticket", c -> ...)
 * }</pre>
 */
public final class Suitability {
  private final String action;
  private final String topic;
  private final String description;
  private final Condition blocks;

  private Suitability(String action, String topic, String description, Condition blocks) {
    this.action = action;
    this.topic = topic;
    this.description = description;
    this.blocks = blocks;
  }

  /**
   * Starts a rule about one action.
   *
   * @param action the action
   * @return the target, to complete with a condition
   * @throws IllegalArgumentException if null
   */
  public static Target never(Action action) {
    Checks.notNull("suitability never(action)", "action", action);
    return new Target(action.name(), null);
  }

  /**
   * Starts a rule about every action of a topic.
   *
   * @param topic the topic
   * @return the target, to complete with a condition
   * @throws IllegalArgumentException if blank
   */
  public static Target neverTopic(String topic) {
    return new Target(null, Checks.name("suitability topic", topic));
  }

  /**
   * Starts a rule about every action.
   *
   * @return the target, to complete with a condition
   */
  public static Target neverAnything() {
    return new Target(null, null);
  }

  /**
   * Tells whether the rule applies to an action.
   *
   * @param a the action
   * @return whether it does
   */
  public boolean appliesTo(Action a) {
    if (action != null) {
      return action.equals(a.name());
    }
    if (topic != null) {
      return a.topic().map(topic::equals).orElse(false);
    }
    return true;
  }

  /**
   * Tells whether the rule blocks its actions for a customer now.
   *
   * @param customer the customer
   * @return whether blocked
   */
  public boolean blocks(Customer customer) {
    return blocks.test(customer);
  }

  /**
   * Returns the action this rule is about, if it is about one.
   *
   * @return the action's name
   */
  public Optional<String> action() {
    return Optional.ofNullable(action);
  }

  /**
   * Returns the topic this rule is about, if it is about one.
   *
   * @return the topic
   */
  public Optional<String> topic() {
    return Optional.ofNullable(topic);
  }

  /**
   * Describes the rule, such as {@code never review-request within PT168H after ticket_opened}.
   *
   * @return the description
   */
  public String describe() {
    return description;
  }

  @Override
  public String toString() {
    return describe();
  }

  /** What a suitability rule is about, waiting for its condition; not a rule yet. */
  public static final class Target {
    private final String action;
    private final String topic;

    private Target(String action, String topic) {
      this.action = action;
      this.topic = topic;
    }

    private String subject() {
      return action != null ? action : topic != null ? "topic " + topic : "anything";
    }

    /**
     * Bounds the rule to a time after an event.
     *
     * @param window the time, positive
     * @return the window step
     * @throws IllegalArgumentException if not positive
     */
    public Window within(Duration window) {
      Checks.positive("suitability never " + subject(), "within", window);
      return new Window(this, window);
    }

    /**
     * Completes the rule with a condition on the customer.
     *
     * @param description how the condition reads, for explanations
     * @param condition the condition that blocks the actions
     * @return the rule
     * @throws IllegalArgumentException if the description is blank or the condition null
     */
    public Suitability when(String description, Condition condition) {
      Checks.name("suitability description", description);
      Checks.notNull("suitability never " + subject(), "when", condition);
      return new Suitability(action, topic, "never " + subject() + " when " + description,
          condition);
    }
  }

  /** A suitability rule bounded in time, waiting for the event it follows. */
  public static final class Window {
    private final Target target;
    private final Duration window;

    private Window(Target target, Duration window) {
      this.target = target;
      this.window = window;
    }

    /**
     * Completes the rule: blocked within the window after the customer's latest event of a type.
     *
     * @param eventType the event type, such as {@code "ticket_opened"}
     * @return the rule
     * @throws IllegalArgumentException if blank
     */
    public Suitability after(String eventType) {
      Checks.name("suitability after event type", eventType);
      Duration w = window;
      return new Suitability(target.action, target.topic,
          "never " + target.subject() + " within " + w + " after " + eventType,
          c -> c.since(eventType).map(d -> d.compareTo(w) < 0).orElse(false));
    }
  }
}
