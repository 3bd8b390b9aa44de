package dev.rapport.testkit;

import dev.rapport.core.Event;
import dev.rapport.core.Profile;
import dev.rapport.core.Traits;
import dev.rapport.core.decision.Decision;
import dev.rapport.core.decision.Placement;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.Explanation;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * A scenario runner for a host's own definitions: given customers, when events happen at times
 * and time passes, then what was sent, decided, enrolled and refused.
 *
 * <pre>{@code
 * Scenario s = Scenario.startingAt("2026-03-02T09:00:00Z",
 *     engine -> engine.moments(activated).journeys(onboarding).contactPolicy(policy));
 *
 * s.given("c-1", profile().set(EMAIL_ADDRESS, "ada@example.com"))
 *  .track("c-1", "signed_up")
 *  .after(Duration.ofDays(2));
 *
 * assertThat(s.outbox()).sent("api-key-help").to("c-1").via(IN_APP);
 * assertThat(s.engine()).hasEnrolled("c-1", "onboarding").in(EnrollmentStatus.WAITING);
 * }</pre>
 *
 * <p>The scenario owns the engine's clock (a {@link TestClock}) and dispatcher (an {@link
 * Outbox}); events tracked without a time happen now, and every event marks the outbox's time
 * for {@code within(...)} assertions.
 */
public final class Scenario {
  private final TestClock clock;
  private final Outbox outbox = new Outbox();
  private final Engine engine;

  private Scenario(Instant start, UnaryOperator<Engine.Builder> configure) {
    this.clock = TestClock.at(start);
    Engine.Builder builder = configure.apply(Engine.builder().clock(clock).dispatcher(outbox));
    if (builder == null) {
      throw new IllegalArgumentException("scenario: the configuration returned null; return "
          + "the builder it was given");
    }
    this.engine = builder.build();
    outbox.linkTo(engine);
    outbox.mark(start);
  }

  /**
   * Starts a scenario.
   *
   * @param start when it starts
   * @param configure adds the host's definitions to a builder whose clock and dispatcher are
   *     set (do not set them again)
   * @return the scenario
   * @throws IllegalArgumentException if an argument is null
   * @throws IllegalStateException if the configuration sets the clock or dispatcher, or the
   *     engine refuses it
   */
  public static Scenario startingAt(Instant start, UnaryOperator<Engine.Builder> configure) {
    if (start == null || configure == null) {
      throw new IllegalArgumentException("scenario: give a start instant and a configuration");
    }
    return new Scenario(start, configure);
  }

  /**
   * Starts a scenario at an ISO-8601 instant.
   *
   * @param start such as {@code "2026-03-02T09:00:00Z"}
   * @param configure adds the host's definitions
   * @return the scenario
   */
  public static Scenario startingAt(String start, UnaryOperator<Engine.Builder> configure) {
    return startingAt(Instant.parse(start), configure);
  }

  /**
   * Identifies a customer.
   *
   * @param customerId the customer
   * @param profile traits, consents, preferences
   * @return this scenario
   */
  public Scenario given(String customerId, Profile profile) {
    engine.identify(customerId, profile);
    outbox.met(customerId);
    return this;
  }

  /**
   * Identifies a customer with traits.
   *
   * @param customerId the customer
   * @param traits the traits
   * @return this scenario
   */
  public Scenario given(String customerId, Traits traits) {
    engine.identify(customerId, traits);
    outbox.met(customerId);
    return this;
  }

  /**
   * Tracks an event of a type, now.
   *
   * @param customerId the customer
   * @param type the event type
   * @return this scenario
   */
  public Scenario track(String customerId, String type) {
    return track(Event.builder(customerId, type));
  }

  /**
   * Tracks an event being built, now.
   *
   * @param event the event builder, such as {@code event("c-1", "purchased").with("sku", "x")}
   * @return this scenario
   */
  public Scenario track(Event.Builder event) {
    return track(event.at(clock.instant()));
  }

  /**
   * Tracks an event at its own time; the clock moves to that time first if it is later.
   *
   * @param event the event
   * @return this scenario
   */
  public Scenario track(Event event) {
    if (event.time().isAfter(clock.instant())) {
      at(event.time());
    }
    outbox.mark(event.time());
    engine.track(event);
    outbox.met(event.customer().value());
    return this;
  }

  /**
   * Lets time pass: the clock moves and every timer due in between fires.
   *
   * @param time how long
   * @return this scenario
   */
  public Scenario after(Duration time) {
    return at(clock.instant().plus(time));
  }

  /**
   * Moves time to an instant, firing every timer due until then.
   *
   * @param instant the instant, not before now
   * @return this scenario
   */
  public Scenario at(Instant instant) {
    clock.set(instant);
    engine.advanceTo(instant);
    return this;
  }

  /**
   * Decides the customer's next best actions now.
   *
   * @param customerId the customer
   * @return the decision
   */
  public Decision decide(String customerId) {
    return engine.decide(customerId);
  }

  /**
   * Decides the customer's next best actions now, for a placement.
   *
   * @param customerId the customer
   * @param placement the placement
   * @return the decision
   */
  public Decision decide(String customerId, Placement placement) {
    return engine.decide(customerId, placement);
  }

  /**
   * Explains a customer.
   *
   * @param customerId the customer
   * @return the explanation
   */
  public Explanation explain(String customerId) {
    return engine.explain(customerId);
  }

  /**
   * Returns the scenario's time.
   *
   * @return now
   */
  public Instant now() {
    return clock.instant();
  }

  /**
   * Returns the engine.
   *
   * @return the engine
   */
  public Engine engine() {
    return engine;
  }

  /**
   * Returns what was sent.
   *
   * @return the outbox
   */
  public Outbox outbox() {
    return outbox;
  }

  /**
   * Returns the clock.
   *
   * @return the clock
   */
  public TestClock clock() {
    return clock;
  }
}
