package dev.rapport.core;

import java.util.Set;

/**
 * The standard event types and property names, in one place, so that hosts, rules and journeys
 * speak the same words.
 *
 * <p>Outcome events ({@link #DELIVERED} to {@link #COMPLAINED}) point at the dispatch they answer
 * with a {@link #DISPATCH_ID} property. Consent events carry {@link #CHANNEL} and {@link #PURPOSE}
 * (marketing when absent). Survey answers carry {@link #KIND} ({@code csat}, {@code nps} or
 * {@code ces}), {@link #SCORE} and optional {@link #THEMES}.
 *
 * <p>The engine itself emits {@link #MOMENT_REACHED}, {@link #SEGMENT_ENTERED}, {@link
 * #SEGMENT_EXITED}, {@link #PERSONA_ENTERED} and {@link #PERSONA_EXITED}; they are recorded in
 * the customer's history like any other event, so conditions and journeys can use them.
 */
public final class EventTypes {
  private EventTypes() {}

  /** A dispatch reached the customer's channel. */
  public static final String DELIVERED = "delivered";
  /** A dispatch could not be delivered; the engine falls back to the next channel. */
  public static final String DELIVERY_FAILED = "delivery_failed";
  /** The customer opened a message. */
  public static final String OPENED = "opened";
  /** The customer clicked a message. */
  public static final String CLICKED = "clicked";
  /** The customer did what a message asked. */
  public static final String CONVERTED = "converted";
  /** The customer dismissed a message or recommendation. */
  public static final String DISMISSED = "dismissed";
  /** The customer unsubscribed from marketing. */
  public static final String UNSUBSCRIBED = "unsubscribed";
  /** The customer complained (marked as spam, for example). */
  public static final String COMPLAINED = "complained";
  /** The customer granted consent on {@link #CHANNEL} for {@link #PURPOSE}. */
  public static final String CONSENT_GRANTED = "consent_granted";
  /** The customer revoked consent on {@link #CHANNEL} for {@link #PURPOSE}. */
  public static final String CONSENT_REVOKED = "consent_revoked";
  /** The customer answered a survey: {@link #KIND}, {@link #SCORE}, optional {@link #THEMES}. */
  public static final String SURVEY_ANSWERED = "survey_answered";
  /** The customer opened a support ticket. */
  public static final String TICKET_OPENED = "ticket_opened";
  /** A support ticket of the customer was resolved. */
  public static final String TICKET_RESOLVED = "ticket_resolved";
  /** A theme raised in survey answers was resolved ("you asked, we fixed"). */
  public static final String THEME_RESOLVED = "theme_resolved";

  /** A support ticket of the customer got its first response from the host's team. */
  public static final String TICKET_RESPONDED = "ticket_responded";

  /**
   * The engine's notice of a dispatch, with properties {@link #DISPATCH_ID}, {@link #ACTION},
   * {@link #CHANNEL} and {@link #JOURNEY}: fed to metrics (the denominator of per-dispatch
   * rates), never recorded in the customer's history.
   */
  public static final String DISPATCHED = "dispatched";

  /**
   * Emitted by the engine when a customer's engagement level changes; properties {@link #FROM}
   * and {@link #TO}, each an {@link EngagementLevel} name such as {@code LOW_DISAFFECTED}.
   */
  public static final String ENGAGEMENT_CHANGED = "engagement_changed";

  /**
   * Emitted by the engine when a customer's lifecycle stage changes; properties {@link #FROM}
   * and {@link #TO}, each a {@link LifecycleStage} name such as {@code AT_RISK}.
   */
  public static final String STAGE_CHANGED = "stage_changed";

  /** Emitted by the engine when a customer reaches a moment; property {@link #MOMENT}. */
  public static final String MOMENT_REACHED = "moment_reached";
  /** Emitted by the engine when a customer enters a segment; property {@link #SEGMENT}. */
  public static final String SEGMENT_ENTERED = "segment_entered";
  /** Emitted by the engine when a customer leaves a segment; property {@link #SEGMENT}. */
  public static final String SEGMENT_EXITED = "segment_exited";
  /** Emitted by the engine when a customer comes to match a persona; property {@link #PERSONA}. */
  public static final String PERSONA_ENTERED = "persona_entered";
  /** Emitted by the engine when a customer stops matching a persona; property {@link #PERSONA}. */
  public static final String PERSONA_EXITED = "persona_exited";

  /** Property: the id of the dispatch an outcome event answers. */
  public static final String DISPATCH_ID = "dispatch_id";
  /** Property: a channel name, such as {@code email}. */
  public static final String CHANNEL = "channel";
  /** Property: a purpose name, {@code marketing} or {@code transactional}. */
  public static final String PURPOSE = "purpose";
  /** Property: the kind of survey, {@code csat}, {@code nps} or {@code ces}. */
  public static final String KIND = "kind";
  /** Property: a survey score. */
  public static final String SCORE = "score";
  /** Property: the themes a survey answer raised, a list of strings. */
  public static final String THEMES = "themes";
  /** Property: a theme, on {@link #THEME_RESOLVED}. */
  public static final String THEME = "theme";
  /** Property: a moment's name, on {@link #MOMENT_REACHED}. */
  public static final String MOMENT = "moment";
  /** Property: a segment's name, on segment events. */
  public static final String SEGMENT = "segment";
  /** Property: a persona's name, on persona events. */
  public static final String PERSONA = "persona";
  /** Property: the previous level or stage, on change events. */
  public static final String FROM = "from";
  /** Property: the new level or stage, on change events. */
  public static final String TO = "to";
  /** Property: an action's name. */
  public static final String ACTION = "action";
  /** Property: a journey's name. */
  public static final String JOURNEY = "journey";
  /** Property: a support ticket's id, pairing its open, response and resolution. */
  public static final String TICKET_ID = "ticket_id";
  /** Property: the id of the recommendation an outcome answers. */
  public static final String IMPRESSION_ID = "impression_id";

  /**
   * Returns the event types that the engine emits itself.
   *
   * @return the engine's own event types
   */
  public static Set<String> emittedByEngine() {
    return EMITTED;
  }

  /**
   * Returns the outcome event types, which answer a dispatch.
   *
   * @return the outcome types
   */
  public static Set<String> outcomes() {
    return OUTCOMES;
  }

  private static final Set<String> EMITTED = Set.of(MOMENT_REACHED, SEGMENT_ENTERED,
      SEGMENT_EXITED, PERSONA_ENTERED, PERSONA_EXITED, ENGAGEMENT_CHANGED, STAGE_CHANGED,
      DISPATCHED);

  private static final Set<String> OUTCOMES = Set.of(DELIVERED, DELIVERY_FAILED, OPENED,
      CLICKED, CONVERTED, DISMISSED, UNSUBSCRIBED, COMPLAINED);
}
