package dev.rapport.dsl;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.Condition;
import dev.rapport.core.ConsentStatus;
import dev.rapport.core.Event;
import dev.rapport.core.Preferences;
import dev.rapport.core.Profile;
import dev.rapport.core.Properties;
import dev.rapport.core.Purpose;
import dev.rapport.core.TraitKey;
import dev.rapport.core.Traits;
import dev.rapport.core.decision.Placement;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.journey.BranchStep;
import dev.rapport.core.journey.DecideStep;
import dev.rapport.core.journey.ExitStep;
import dev.rapport.core.journey.SendStep;
import dev.rapport.core.journey.SplitStep;
import dev.rapport.core.journey.WaitForStep;
import dev.rapport.core.journey.WaitStep;
import dev.rapport.core.journey.WaitUntilStep;
import dev.rapport.core.measure.Guardrail;
import dev.rapport.core.measure.Metric;
import dev.rapport.core.measure.Metrics;

import java.time.Duration;
import java.time.LocalTime;
import java.util.function.Predicate;

/**
 * The one static entry point of Rapport's DSL, designed for {@code import static
 * dev.rapport.dsl.Rapport.*}: verbs that start definitions, and the constants they use.
 *
 * <pre>{@code
 * Moment activated = moment("activated").reachedOn("first_sync").build();
 * Persona barista = persona("home-barista").goals("better coffee at home")
 *     .matching(c -> c.hasDone("purchased", p -> "grinder".equals(p.get("sku")))).build();
 * Segment lonely = segment("lonely-trials").matching(c -> c.count("teammate_invited") == 0)
 *     .build();
 * Action welcome = action("welcome").transactional().via(EMAIL).build();
 *
 * engine.identify("c-1", traits().set(EMAIL_ADDRESS, "ada@example.com"));
 * engine.track(event("c-1", "signed_up").at(now));
 * }</pre>
 *
 * <p>A named definition is written in one chain: a step kept and continued a second time, or
 * after {@code build()}, is refused with an {@link IllegalStateException}. A contact policy is
 * copy-on-write: a step may be shared, and each policy made from it gets only its own clauses.
 * See the {@linkplain dev.rapport.dsl package} for why.
 */
public final class Rapport {
  private Rapport() {}

  /** Email. */
  public static final Channel EMAIL = Channel.EMAIL;
  /** SMS. */
  public static final Channel SMS = Channel.SMS;
  /** Push notifications. */
  public static final Channel PUSH = Channel.PUSH;
  /** In-app messages. */
  public static final Channel IN_APP = Channel.IN_APP;
  /** Social media messages. */
  public static final Channel SOCIAL = Channel.SOCIAL;

  /** The email address trait. */
  public static final TraitKey<String> EMAIL_ADDRESS = TraitKey.EMAIL_ADDRESS;
  /** The phone number trait. */
  public static final TraitKey<String> PHONE_NUMBER = TraitKey.PHONE_NUMBER;
  /** The push device token trait. */
  public static final TraitKey<String> DEVICE_TOKEN = TraitKey.DEVICE_TOKEN;

  /** The marketing purpose. */
  public static final Purpose MARKETING = Purpose.MARKETING;
  /** The transactional purpose. */
  public static final Purpose TRANSACTIONAL = Purpose.TRANSACTIONAL;

  /** A consent given. */
  public static final ConsentStatus GRANTED = ConsentStatus.GRANTED;
  /** A consent refused or revoked. */
  public static final ConsentStatus DENIED = ConsentStatus.DENIED;

  /**
   * Starts a moment that matters.
   *
   * @param name its name, unique among moments
   * @return the first step: how it is reached
   * @throws IllegalArgumentException if the name is null or blank
   */
  public static MomentStep moment(String name) {
    return new DefinitionSteps.MomentSteps(name);
  }

  /**
   * Starts a persona.
   *
   * @param name its name, unique among personas
   * @return the first step: its description, then its condition
   * @throws IllegalArgumentException if the name is null or blank
   */
  public static PersonaStep persona(String name) {
    return new DefinitionSteps.PersonaSteps(name);
  }

  /**
   * Starts a segment.
   *
   * @param name its name, unique among segments
   * @return the first step: its condition
   * @throws IllegalArgumentException if the name is null or blank
   */
  public static SegmentStep segment(String name) {
    return new DefinitionSteps.SegmentSteps(name);
  }

  /**
   * Starts an action.
   *
   * @param name its name, unique among actions
   * @return the first step: options, then its channel
   * @throws IllegalArgumentException if the name is null or blank
   */
  public static ActionStep action(String name) {
    return new DefinitionSteps.ActionSteps(name);
  }

  /**
   * Returns empty traits, to {@link Traits#set set} traits on.
   *
   * @return no traits
   */
  public static Traits traits() {
    return Traits.empty();
  }

  /**
   * Returns an empty profile, to set traits, consents and preferences on for {@code identify}.
   *
   * @return the empty profile
   */
  public static Profile profile() {
    return Profile.empty();
  }

  /**
   * Starts a customer's preferences, completed by {@link Preferences.Builder#build()}.
   *
   * @return a builder
   */
  public static Preferences.Builder preferences() {
    return Preferences.builder();
  }

  /**
   * Starts an event; {@link Event.Builder#at} gives its time and returns it. The builder is not
   * an {@link Event} until then: {@code engine.track(event("c-1", "signed_up").at(now))}.
   *
   * @param customerId the host's customer id
   * @param type the event type
   * @return the event builder
   * @throws IllegalArgumentException if the id or type is null or blank
   */
  public static Event.Builder event(String customerId, String type) {
    return Event.builder(customerId, type);
  }

  /**
   * Starts a contact policy: caps over rolling windows, a minimum gap, quiet hours, default zone,
   * suppression and channel settings, each clause optional. It builds a {@link
   * dev.rapport.core.policy.ContactPolicy}.
   *
   * <pre>{@code
   * ContactPolicy policy = contactPolicy()
   *     .atMost(3).per(Duration.ofDays(7))
   *     .atMost(1).per(Duration.ofDays(1)).on(SMS)
   *     .quietHours(LocalTime.of(21, 0), LocalTime.of(8, 0))
   *     .build();
   * }</pre>
   *
   * @return the first step: any clause, or {@code build()}
   */
  public static ContactPolicyStep contactPolicy() {
    return PolicySteps.start();
  }

  // ------------------------------------------------------------------ journeys

  /**
   * Starts a journey.
   *
   * @param name its name, unique among journeys
   * @return the first step: an optional version, then the trigger
   * @throws IllegalArgumentException if the name is null or blank
   */
  public static JourneyStep journey(String name) {
    return new JourneySteps(name);
  }

  /**
   * A step that sends an action through the gate.
   *
   * @param action the action
   * @return the step
   * @throws IllegalArgumentException if null
   */
  public static SendStep send(Action action) {
    return SendStep.of(action);
  }

  /**
   * Starts a step that waits for the customer's next event of a type; bound it with {@code
   * atMost(Duration)}. Key it with {@code withSame(property)} to wait only for an event that
   * shares a property with the event that started the enrollment (the checkout of the cart that
   * was abandoned).
   *
   * <pre>{@code
   * waitFor("checkout_completed").withSame("cart_id").atMost(Duration.ofHours(4))
   *     .onTimeout(send(cartReminder))
   * }</pre>
   *
   * @param eventType the event type
   * @return the unbounded wait, which is not a step yet
   * @throws IllegalArgumentException if blank
   */
  public static WaitForStep.Unbounded waitFor(String eventType) {
    return WaitForStep.on(eventType);
  }

  /**
   * Starts a step that waits for the customer's next event of a type whose properties meet a
   * condition; bound it with {@code atMost(Duration)}.
   *
   * @param eventType the event type
   * @param properties the condition on its properties
   * @return the unbounded wait, which is not a step yet
   * @throws IllegalArgumentException if the type is blank or the condition null
   */
  public static WaitForStep.Unbounded waitFor(String eventType,
      Predicate<Properties> properties) {
    return WaitForStep.on(eventType, properties);
  }

  /**
   * A step that waits a fixed time. Inside a class, a statically imported {@code wait} is
   * shadowed by {@link Object#wait()}: call it {@code Rapport.wait(...)}, or use {@link
   * #delay(Duration)}, which is the same step.
   *
   * @param duration how long, positive
   * @return the step
   * @throws IllegalArgumentException if not positive
   */
  public static WaitStep wait(Duration duration) {
    return WaitStep.of(duration);
  }

  /**
   * A step that waits a fixed time; the same as {@link #wait(Duration)}, under a name that a
   * static import does not shadow.
   *
   * @param duration how long, positive
   * @return the step
   * @throws IllegalArgumentException if not positive
   */
  public static WaitStep delay(Duration duration) {
    return WaitStep.of(duration);
  }

  /**
   * A step that waits until the next occurrence of a local time in the customer's time zone.
   *
   * @param time the local time, such as 09:00
   * @return the step
   * @throws IllegalArgumentException if null
   */
  public static WaitUntilStep waitUntil(LocalTime time) {
    return WaitUntilStep.of(time);
  }

  /**
   * Starts a branch; give its steps with {@code then(...)}, then more branches with {@code
   * when(...)} and a default with {@code otherwise(...)}.
   *
   * @param condition the first branch's condition
   * @return the clause, which is not a step until {@code then}
   * @throws IllegalArgumentException if null
   */
  public static BranchStep.Clause when(Condition condition) {
    return BranchStep.start(condition);
  }

  /**
   * Starts a random split into named, weighted arms, assigned by deterministic hashing; add at
   * least two arms with {@code arm(name, weight, steps...)}.
   *
   * @param name the split's name
   * @return the split
   * @throws IllegalArgumentException if blank
   */
  public static SplitStep split(String name) {
    return SplitStep.named(name);
  }

  /**
   * A step that ends the enrollment.
   *
   * @return the step
   */
  public static ExitStep exit() {
    return ExitStep.of();
  }

  // ------------------------------------------------------------------ next best action

  /**
   * Starts a rule set.
   *
   * @param name its name, unique among rule sets
   * @return the rule set's first step
   * @throws IllegalArgumentException if blank
   */
  public static RuleSetStep rules(String name) {
    return new RuleSteps(name);
  }

  /**
   * Returns a placement: a named slot with the channels it carries and how many recommendations
   * it takes.
   *
   * @param name its name
   * @param take how many recommendations, 1 or more
   * @param channels the channels it carries; none means any
   * @return the placement
   * @throws IllegalArgumentException if the name is blank, take is less than 1 or a channel null
   */
  public static Placement placement(String name, int take, Channel... channels) {
    return Placement.of(name, take, channels);
  }

  /**
   * A journey step that decides with a rule set and sends the winner.
   *
   * @param ruleSet the rule set
   * @return the step
   * @throws IllegalArgumentException if null
   */
  public static DecideStep decide(RuleSet ruleSet) {
    return DecideStep.of(ruleSet);
  }

  // ------------------------------------------------------------------ measurement

  /**
   * Starts a guardrail on a metric: give it a bound with {@code below(x)} or {@code above(x)}.
   *
   * <pre>{@code
   * Engine.builder().guardrail(guardrail(unsubscribeRate()).below(0.02).minSample(200))
   * }</pre>
   *
   * @param metric the metric
   * @return the next step: the bound
   * @throws IllegalArgumentException if null
   */
  public static Guardrail.Start guardrail(Metric metric) {
    return Guardrail.on(metric);
  }

  /**
   * The unsubscribe rate per dispatch, over 30 days, by journey, action and channel.
   *
   * @return the metric
   */
  public static Metric unsubscribeRate() {
    return Metrics.unsubscribeRate();
  }

  /**
   * The complaint rate per dispatch, over 30 days, by journey, action and channel.
   *
   * @return the metric
   */
  public static Metric complaintRate() {
    return Metrics.complaintRate();
  }

  /**
   * The delivery-failure rate per dispatch, over 30 days, by journey, action and channel.
   *
   * @return the metric
   */
  public static Metric deliveryFailureRate() {
    return Metrics.deliveryFailureRate();
  }

  /**
   * CSAT: the share of answers scoring 4 or 5 of 5, over 90 days.
   *
   * @return the metric
   */
  public static Metric csat() {
    return Metrics.csat();
  }

  /**
   * NPS: promoters minus detractors, from -1 to 1, over 90 days.
   *
   * @return the metric
   */
  public static Metric nps() {
    return Metrics.nps();
  }

  /**
   * CES: the mean effort score, over 90 days.
   *
   * @return the metric
   */
  public static Metric ces() {
    return Metrics.ces();
  }
}
