package dev.rapport.core.policy;

import dev.rapport.core.EventTypes;
import dev.rapport.core.internal.Checks;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A rule of the contact policy that holds marketing back while a customer has a support problem:
 * within a window after a support event (no marketing within 7 days after {@code
 * ticket_opened}), or while a ticket is open (more {@code ticket_opened} than {@code
 * ticket_resolved} events). The one gate checks it for every marketing message, from a journey
 * or a decision alike, and refuses with {@link Reason#SUPPORT_HOLD}; transactional messages are
 * never held.
 *
 * <pre>{@code
 * ContactPolicy policy = ContactPolicy.builder()
 *     .hold(SupportHold.after(EventTypes.TICKET_OPENED, Duration.ofDays(7)))
 *     .hold(SupportHold.whileTicketOpen())
 *     .build();
 * }</pre>
 *
 * <p>An immutable value; two holds are equal when they hold the same way on the same events.
 */
public final class SupportHold {
  /** How a hold decides. */
  public enum Kind {
    /** Within a window after the customer's latest event of a type. */
    AFTER,
    /** While the customer has had more opening events than closing ones. */
    WHILE_OPEN
  }

  private final Kind kind;
  private final String event;
  private final String closing;
  private final Duration window;
  // kept, so that the gate reads them without allocating
  private final Optional<String> closingType;
  private final Optional<Duration> windowLength;

  private SupportHold(Kind kind, String event, String closing, Duration window) {
    this.kind = kind;
    this.event = event;
    this.closing = closing;
    this.window = window;
    this.closingType = Optional.ofNullable(closing);
    this.windowLength = Optional.ofNullable(window);
  }

  /**
   * Holds marketing within a window after the customer's latest event of a type, such as 7 days
   * after {@code ticket_opened}.
   *
   * @param eventType the event type
   * @param within the window, positive
   * @return the hold
   * @throws IllegalArgumentException if the type is blank or the window not positive
   */
  public static SupportHold after(String eventType, Duration within) {
    Checks.name("support hold: event type", eventType);
    Checks.positive("support hold after '" + eventType + "'", "within", within);
    return new SupportHold(Kind.AFTER, eventType, null, within);
  }

  /**
   * Holds marketing while the customer has had more {@code opening} events than {@code closing}
   * ones: a support case opened and not yet closed.
   *
   * @param opening the event type that opens a case, such as {@code ticket_opened}
   * @param closing the event type that closes one, such as {@code ticket_resolved}
   * @return the hold
   * @throws IllegalArgumentException if a type is blank, or both are the same
   */
  public static SupportHold whileOpen(String opening, String closing) {
    Checks.name("support hold: opening event type", opening);
    Checks.name("support hold: closing event type", closing);
    if (opening.equals(closing)) {
      throw new IllegalArgumentException("support hold while open: opening and closing are "
          + "both '" + opening + "'; give the event that closes a case, such as "
          + EventTypes.TICKET_RESOLVED);
    }
    return new SupportHold(Kind.WHILE_OPEN, opening, closing, null);
  }

  /**
   * Holds marketing while a support ticket is open: more {@link EventTypes#TICKET_OPENED} than
   * {@link EventTypes#TICKET_RESOLVED} events.
   *
   * @return the hold
   */
  public static SupportHold whileTicketOpen() {
    return whileOpen(EventTypes.TICKET_OPENED, EventTypes.TICKET_RESOLVED);
  }

  /**
   * Returns how the hold decides.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Returns the event type the hold follows ({@link Kind#AFTER}) or that opens a case ({@link
   * Kind#WHILE_OPEN}).
   *
   * @return the event type
   */
  public String eventType() {
    return event;
  }

  /**
   * Returns the event type that closes a case, for a {@link Kind#WHILE_OPEN} hold.
   *
   * @return the closing event type, if any
   */
  public Optional<String> closingEventType() {
    return closingType;
  }

  /**
   * Returns the window after the event, for a {@link Kind#AFTER} hold.
   *
   * @return the window, if any
   */
  public Optional<Duration> window() {
    return windowLength;
  }

  /**
   * Describes the hold, such as {@code no marketing within PT168H after ticket_opened} or {@code
   * no marketing while ticket_opened is not followed by ticket_resolved}.
   *
   * @return the description
   */
  public String describe() {
    return kind == Kind.AFTER ? "no marketing within " + window + " after " + event
        : "no marketing while " + event + " is not followed by " + closing;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SupportHold h && kind == h.kind && event.equals(h.event)
        && Objects.equals(closing, h.closing) && Objects.equals(window, h.window);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, event, closing, window);
  }

  @Override
  public String toString() {
    return describe();
  }
}
