package dev.rapport.core.engine;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.Customer;
import dev.rapport.core.EngagementModel;
import dev.rapport.core.Event;
import dev.rapport.core.LifecycleModel;
import dev.rapport.core.Moment;
import dev.rapport.core.Persona;
import dev.rapport.core.Profile;
import dev.rapport.core.Score;
import dev.rapport.core.Segment;
import dev.rapport.core.SendTimes;
import dev.rapport.core.Traits;
import dev.rapport.core.decision.Decision;
import dev.rapport.core.decision.Placement;
import dev.rapport.core.decision.PropensityModel;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.JourneyStats;
import dev.rapport.core.measure.Dashboard;
import dev.rapport.core.measure.Guardrail;
import dev.rapport.core.measure.GuardrailHistory;
import dev.rapport.core.measure.GuardrailListener;
import dev.rapport.core.measure.GuardrailPauses;
import dev.rapport.core.measure.GuardrailState;
import dev.rapport.core.measure.Metric;
import dev.rapport.core.measure.MetricValue;
import dev.rapport.core.measure.Revenue;
import dev.rapport.core.policy.ContactPolicy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Rapport's engine: it keeps one consistent view of each customer and evaluates the host's
 * definitions against it, event by event.
 *
 * <pre>{@code
 * Engine engine = Engine.builder()
 *     .clock(clock)
 *     .moments(activated)
 *     .segments(lonelyTrials)
 *     .build();
 * engine.identify("c-1", Traits.empty().set(TraitKey.EMAIL_ADDRESS, "ada@example.com"));
 * engine.track(Event.builder("c-1", "signed_up").at(now));
 * engine.customer("c-1").orElseThrow().count("signed_up"); // 1
 * }</pre>
 *
 * <p><b>Threads.</b> The engine starts no thread. It is safe to call from many threads: calls
 * for one customer are serialised, calls for different customers run in parallel.
 *
 * <p><b>State.</b> Every customer's state lives behind the {@link StateStore}; a call computes
 * the new state from the old and writes it back whole, so a call that fails leaves the customer
 * exactly as before.
 *
 * <p><b>Idempotency.</b> An event whose id was seen before for its customer is ignored and
 * counted in {@link #statistics()}.
 */
public interface Engine {

  /**
   * Starts an engine.
   *
   * @return a builder
   */
  static Builder builder() {
    return new EngineBuilder();
  }

  /**
   * Records what the host knows about a customer: traits to merge into theirs. Creates the
   * customer if new. Moments, personas and segments are recomputed.
   *
   * @param customerId the host's customer id
   * @param traits the traits to set
   * @throws IllegalArgumentException if the id is null or blank, or the traits are null or
   *     conflict with the customer's
   */
  void identify(String customerId, Traits traits);

  /**
   * Records what the host knows about a customer: traits to set or unset, consents, preferences.
   * Consents without a time are recorded at the engine's time. Moments, personas and segments are
   * recomputed.
   *
   * @param customerId the host's customer id
   * @param profile what to record
   * @throws IllegalArgumentException if the id is null or blank, the profile null, a consent
   *     names a channel the engine does not know, or a trait conflicts with the customer's
   */
  void identify(String customerId, Profile profile);

  /**
   * Processes an event: updates the customer's history and aggregates, applies the standard
   * consent events, detects moments and recomputes personas and segments, emitting their events.
   * An event whose id was seen before for the customer is ignored.
   *
   * <p>The event is checked before anything happens: its names and values within the engine's
   * {@link InputLimits}, its time within the supported range and not further ahead of the
   * engine's clock than the limits' tolerance, and a standard event readable as such (a consent
   * or opt-out naming a known channel, a survey answer with a number on its kind's scale and
   * theme names, message properties such as {@code dispatch_id} as strings).
   *
   * @param event the event
   * @return true if the event was processed, false if it was a duplicate
   * @throws IllegalArgumentException if the event is null or fails a check above; the
   *     customer's state, the measures and the statistics are then unchanged
   */
  boolean track(Event event);

  /**
   * Erases everything about a customer.
   *
   * @param customerId the host's customer id
   * @return whether the engine held anything about them
   * @throws IllegalArgumentException if the id is null or blank
   */
  boolean forget(String customerId);

  /**
   * Returns the read-only view of a customer as of now.
   *
   * @param customerId the host's customer id
   * @return the view, or empty if the engine holds nothing about them
   * @throws IllegalArgumentException if the id is null or blank
   */
  Optional<Customer> customer(String customerId);

  /**
   * Fires every timer due at or before an instant, in due order (ties go to the smaller customer
   * id, then the journey name), each at its own due time: waits end, waits for events time out,
   * deferred sends are tried again, unanswered dispatches fall back to their next channel. The
   * engine's time is then at least {@code instant}.
   *
   * @param instant the instant to advance to
   * @return how many customers' timers fired
   * @throws IllegalArgumentException if null
   */
  int advanceTo(Instant instant);

  /**
   * Decides the customer's next best actions now, for the default placement (any channel, up to
   * three recommendations): eligibility (the rules that match), suitability (the gate and the
   * rule sets' suitability rules), priority (propensity x context weight x value x lever), then
   * the top three with at most one action per topic. The winners are recorded as impressions, so
   * that outcome events carrying their {@code impression_id} teach the propensity model. A
   * winner whose {@linkplain dev.rapport.core.Action#holdout() holdout} the customer is in is
   * withheld: rejected with {@link dev.rapport.core.policy.Reason#ACTION_HOLDOUT}, its place
   * left empty, and the customer's first exposure to it kept (whether you send the winners or
   * {@link #decideAndSend} does).
   *
   * @param customerId the host's customer id
   * @return the decision, with winners, rejections and their reasons
   * @throws IllegalArgumentException if the id is null or blank
   * @throws IllegalStateException if the engine has no rule set, or (strict mode) a rule threw
   */
  Decision decide(String customerId);

  /**
   * Decides the customer's next best actions for a placement: only its channels, up to its
   * number of recommendations.
   *
   * @param customerId the host's customer id
   * @param placement the placement
   * @return the decision
   * @throws IllegalArgumentException if the id is null or blank or the placement null
   * @throws IllegalStateException if the engine has no rule set, or (strict mode) a rule threw
   */
  Decision decide(String customerId,
      Placement placement);

  /**
   * Previews the decision {@link #decide(String, Placement)} would make now, without recording
   * it: no impression is kept, nothing is sent, the customer's state is not written. For what a
   * support agent's screen or an admin tool shows ("what would she get?"); outcomes cannot be
   * attributed to a preview, so use {@code decide} for what the customer actually sees.
   *
   * @param customerId the host's customer id
   * @param placement the placement
   * @return the decision, whose impression ids are not recorded anywhere
   * @throws IllegalArgumentException if the id is null or blank or the placement null
   * @throws IllegalStateException if the engine has no rule set, or (strict mode) a rule threw
   */
  Decision preview(String customerId, Placement placement);

  /**
   * Decides as {@link #decide(String)} and sends the winners through the dispatcher; each
   * dispatch's id is its recommendation's impression id.
   *
   * @param customerId the host's customer id
   * @return the decision
   * @throws IllegalArgumentException if the id is null or blank
   * @throws IllegalStateException if the engine has no rule set, or (strict mode) a rule threw
   */
  Decision decideAndSend(String customerId);

  /**
   * Decides as {@link #decide(String, Placement)} and sends the
   * winners through the dispatcher.
   *
   * @param customerId the host's customer id
   * @param placement the placement
   * @return the decision
   * @throws IllegalArgumentException if the id is null or blank or the placement null
   * @throws IllegalStateException if the engine has no rule set, or (strict mode) a rule threw
   */
  Decision decideAndSend(String customerId,
      Placement placement);

  /**
   * Returns a metric's global value now.
   *
   * @param metric the metric's name
   * @return the value (NaN with no observation) and its sample
   * @throws IllegalArgumentException if the engine does not compute that metric
   */
  MetricValue metric(String metric);

  /**
   * Returns a metric's value in one dimension now, such as {@code journey:onboarding}, {@code
   * channel:email}, {@code persona:home-barista} or {@code arm:onboarding/holdout}.
   *
   * @param metric the metric's name
   * @param dimension the dimension
   * @return the value (NaN with no observation) and its sample
   * @throws IllegalArgumentException if the engine does not compute that metric
   */
  MetricValue metric(String metric, String dimension);

  /**
   * Returns every guardrail and where it stands.
   *
   * @return the states
   */
  List<GuardrailState> guardrails();

  /**
   * Returns every guardrail's course over the last {@value dev.rapport.core.measure.Trend#DAYS}
   * days: its metric as each day ended and now, and the pauses it imposed (from breach to
   * recovery, or still going on, with the value and sample at the breach and what was paused).
   *
   * @return the histories, in the order of {@link #guardrails()}
   */
  List<GuardrailHistory> guardrailHistory();

  /**
   * Returns the pauses one guardrail imposed that overlap a period (began before its end and
   * did not end before its start), oldest first, each with its interval and the metric's value
   * and sample at the breach and at the recovery. The engine keeps the latest 1,000 pauses of
   * each guardrail, in its state store (so they survive a restart), and counts the older ones it
   * forgot.
   *
   * <pre>{@code
   * GuardrailPauses last = engine.guardrailPauses(csatGuard, monday, monday.plus(Duration.ofDays(7)));
   * }</pre>
   *
   * @param guardrail the guardrail, as given to the builder (or one equal to it: the same
   *     description)
   * @param from the period's start
   * @param to the period's end, exclusive
   * @return the pauses, and how many older ones were forgotten
   * @throws IllegalArgumentException if an argument is null, {@code to} is before {@code from},
   *     or the engine has no such guardrail
   */
  GuardrailPauses guardrailPauses(Guardrail guardrail, Instant from, Instant to);

  /**
   * Closes the loop on a survey theme ("you asked, we fixed"): tracks a {@code theme_resolved}
   * event, with property {@code theme}, for exactly the customers who raised the theme in a
   * survey answer, so that a journey can start on it.
   *
   * @param theme the theme
   * @return how many customers were told
   * @throws IllegalArgumentException if the theme is blank
   */
  int resolveTheme(String theme);

  /**
   * Returns a snapshot of the program: north star, metrics, guardrails, journey funnels, moment
   * reach, engagement and lifecycle distributions, experiments and themes, and the trends of the
   * north star and the guardrails with the guardrails' pauses; {@code rapport-report} renders it
   * as text, Markdown and HTML.
   *
   * @return the dashboard
   */
  Dashboard dashboard();

  /**
   * Returns when to send an action to a customer within a window, for a decision the host sends
   * itself: the start of the customer's best hour of the week that the gate would allow at that
   * time (outside quiet hours, within caps, as the customer's contacts stand now), or now when
   * now is that hour, with the reason. Reads, changes nothing; deterministic.
   *
   * <pre>{@code
   * Decision d = engine.decide("c-1");
   * SendTime when = engine.bestSendTime("c-1", d.best().orElseThrow().action(),
   *     Duration.ofDays(1));
   * scheduler.at(when.at(), () -> engine.decideAndSend("c-1"));
   * }</pre>
   *
   * @param customerId the customer
   * @param action the action to send
   * @param within how long the send may wait
   * @return the chosen time and its reason
   * @throws IllegalArgumentException if the customer id is null or blank, the action null or
   *     the window not positive
   * @throws IllegalStateException if the engine has no send-time model ({@code
   *     Engine.builder().sendTimes(...)})
   */
  SendTime bestSendTime(String customerId, Action action, Duration within);

  /**
   * Merges one customer into another, as when an anonymous visitor signs up and becomes a known
   * customer: everything the engine knows of {@code fromId} moves to {@code intoId}, and {@code
   * fromId}'s record is deleted (its timers with it).
   *
   * <ul>
   *   <li>Events: counts added, first and last times widened, the most recent of each type kept
   *       with their properties, window times and seen event ids joined (a duplicate sent to the
   *       other id is still a duplicate).
   *   <li>Traits, preferences, standing: the survivor's; the other's fill in what it lacks.
   *   <li>Consents: per channel and purpose, the most recent decision wins (the survivor's on a
   *       tie, or when the other's has no time).
   *   <li>Moments: the earlier time of each. Personas and segments: either's, until the
   *       survivor's next call evaluates them again.
   *   <li>Enrollments: one per journey: an active one before an ended one, the survivor's when
   *       both are active, the later ended one when both ended; the kept enrollment's timers go
   *       on.
   *   <li>Contacts (what caps, the minimum gap and cooldowns count), pending fallbacks,
   *       impressions and refusals: joined in time order.
   *   <li>Measures: the other customer is no longer counted in distributions and moment reach;
   *       the themes they raised are raised by the survivor.
   * </ul>
   *
   * <p>Deterministic (the result depends on the two records, not on time or order of calls) and
   * idempotent: a second call finds nothing left to merge and returns false. The survivor
   * remembers the ids merged into it: {@link #forget(String)} of the survivor forgets them too.
   * Events that still arrive for {@code fromId} afterwards start a new record under that id; send
   * them, and outcomes of earlier dispatches, with {@code intoId}.
   *
   * <pre>{@code
   * engine.merge("anon-7f3a", "c-1042"); // the visitor signed up as c-1042
   * }</pre>
   *
   * @param fromId the customer merged away
   * @param intoId the surviving customer
   * @return true if a record was merged, false if {@code fromId} has none (never seen, or merged
   *     already)
   * @throws IllegalArgumentException if an id is null or blank, or both are the same
   * @throws IllegalStateException if {@code intoId} was forgotten (and has not come back since),
   *     or the engine's state store cannot hold two customers at once (the Kafka Streams host)
   */
  boolean merge(String fromId, String intoId);

  /**
   * Answers "why didn't she get it?": the messages the engine did not send to a customer, from
   * journeys' send steps (and their fallbacks) and next-best-action decisions, each with its
   * {@link dev.rapport.core.policy.Reason}, the channel, the journey and step or the decision's
   * placement, and the time; narrowed to an action, a journey and a time range. The engine keeps
   * what its {@link RefusalRetention} says, in the customer's record (so refusals survive a
   * restart, and {@link #forget(String)} erases them), and counts what it dropped.
   *
   * <pre>{@code
   * RefusalLog log = engine.refusals(RefusalQuery.of("c-1").action("spring-promo"));
   * log.refusals().forEach(r -> System.out.println(r.at() + " " + r.reason()));
   * }</pre>
   *
   * <p>A preview ({@link #preview}) records nothing; a decision records the refusals of the
   * gate and of suitability rules, not the candidates that lost the arbitration.
   *
   * @param query the customer and what to narrow to
   * @return the matching refusals, oldest first, and how many of the customer's were forgotten
   * @throws IllegalArgumentException if the query is null
   */
  RefusalLog refusals(RefusalQuery query);

  /**
   * Explains a customer: each enrollment, its current step and the history of its steps with
   * reasons, and the dispatches that may still fall back.
   *
   * @param customerId the host's customer id
   * @return the explanation; with no enrollment for an unknown customer
   * @throws IllegalArgumentException if the id is null or blank
   */
  Explanation explain(String customerId);

  /**
   * Returns a journey's funnel: entered (treated and held out), converted, exited, completed,
   * and per step: arrived, sent, held out, refused by reason, waiting, timed out, fallbacks.
   *
   * @param journey the journey's name
   * @return the counts, across all its versions
   * @throws IllegalArgumentException if no journey of that name is deployed
   */
  JourneyStats journeyStats(String journey);

  /**
   * Deploys a new version of a journey, or a new journey. New enrollments use the highest
   * version; running enrollments keep the version they entered with.
   *
   * @param journey the journey
   * @throws IllegalArgumentException if null, or it names a moment, segment or channel the
   *     engine does not know
   * @throws IllegalStateException if that version of that journey is already deployed
   */
  void deploy(Journey journey);

  /**
   * Returns the engine's time: its clock's, or the latest instant it was advanced to if later.
   *
   * @return now
   */
  Instant now();

  /**
   * Returns counters of what the engine did.
   *
   * @return the statistics
   */
  EngineStatistics statistics();

  /**
   * Configures and builds an {@link Engine}. Single-use, like the definitions' builders: each
   * setting once, and nothing after {@link #build()}, which builds one engine; a second engine
   * starts from another {@link Engine#builder()}. A builder kept around cannot hand its
   * settings, or its store, to an engine it was not meant for.
   */
  interface Builder {

    /**
     * Sets the clock; the system UTC clock by default.
     *
     * @param clock the clock
     * @return this builder
     * @throws IllegalArgumentException if null
     * @throws IllegalStateException if a clock was already set
     */
    Builder clock(Clock clock);

    /**
     * Adds personas.
     *
     * @param personas the personas
     * @return this builder
     * @throws IllegalArgumentException if one is null
     */
    Builder personas(Persona... personas);

    /**
     * Adds segments.
     *
     * @param segments the segments
     * @return this builder
     * @throws IllegalArgumentException if one is null
     */
    Builder segments(Segment... segments);

    /**
     * Adds moments.
     *
     * @param moments the moments
     * @return this builder
     * @throws IllegalArgumentException if one is null
     */
    Builder moments(Moment... moments);

    /**
     * Declares custom channels, so that consent events and policies may name them; the standard
     * channels are always known.
     *
     * @param channels the custom channels
     * @return this builder
     * @throws IllegalArgumentException if one is null
     */
    Builder channels(Channel... channels);

    /**
     * Sets the state store; a new in-memory store by default.
     *
     * @param store the store
     * @return this builder
     * @throws IllegalArgumentException if null
     * @throws IllegalStateException if a store was already set
     */
    Builder stateStore(StateStore store);

    /**
     * Sets how many recent events of each type are kept with their properties, for {@link
     * dev.rapport.core.Customer#hasDone(String, java.util.function.Predicate)}; 32 by default.
     *
     * @param perType the number, zero or more
     * @return this builder
     * @throws IllegalArgumentException if negative
     * @throws IllegalStateException if already set
     */
    Builder historySize(int perType);

    /**
     * Sets how far back event times are kept for rolling-window counts; 400 days by default.
     *
     * @param retention a positive duration
     * @return this builder
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if already set
     */
    Builder retention(Duration retention);

    /**
     * Sets how many refusals are kept per customer, and for how long, for {@link
     * Engine#refusals(RefusalQuery)}; {@link RefusalRetention#ofDefaults()} (200 for 90 days) by
     * default. What it drops is counted, never silent.
     *
     * @param retention the retention
     * @return this builder
     * @throws IllegalArgumentException if null
     * @throws IllegalStateException if already set
     */
    Builder refusalRetention(RefusalRetention retention);

    /**
     * Adds journeys. Several versions of one journey may be given; new enrollments use the
     * highest.
     *
     * @param journeys the journeys
     * @return this builder
     * @throws IllegalArgumentException if one is null
     */
    Builder journeys(Journey... journeys);

    /**
     * Adds next-best-action rule sets, all consulted by {@link Engine#decide(String)}.
     *
     * @param ruleSets the rule sets
     * @return this builder
     * @throws IllegalArgumentException if one is null
     */
    Builder rules(RuleSet... ruleSets);

    /**
     * Sets the propensity model; {@code PropensityModel.fixed(0.5)} by default.
     *
     * @param model the model
     * @return this builder
     * @throws IllegalArgumentException if null
     * @throws IllegalStateException if already set
     */
    Builder propensity(PropensityModel model);

    /**
     * Adds metrics to compute. A guardrail's or the north star's metric is added without being
     * listed here.
     *
     * @param metrics the metrics
     * @return this builder
     * @throws IllegalArgumentException if one is null
     */
    Builder metrics(Metric... metrics);

    /**
     * Sets where the engine's money comes from: the revenue events, the property holding their
     * amounts, and the one currency of every amount, value metric and score. With it, the
     * engine keeps each customer's {@linkplain dev.rapport.core.Customer#purchases() purchases}
     * and can compute the value metrics of {@link dev.rapport.core.measure.Metrics} (revenue,
     * average order value, purchase frequency, customer value).
     *
     * <pre>{@code
     * Engine.builder().revenue(Revenue.of("purchased").amount("total").in("EUR"))
     * }</pre>
     *
     * @param revenue the revenue definition
     * @return this builder
     * @throws IllegalArgumentException if null
     * @throws IllegalStateException if already set
     */
    Builder revenue(Revenue revenue);

    /**
     * Declares scores: conditions read them by name ({@link
     * dev.rapport.core.Customer#score(String)}), and the dashboard shows how customers are
     * distributed over each, globally and per persona and segment. Each is read again after
     * every change to a customer and at its reviews.
     *
     * @param scores the scores, each with a unique name
     * @return this builder
     * @throws IllegalArgumentException if one is null
     */
    Builder scores(Score... scores);

    /**
     * Sets the send-time optimisation model: which responses teach each customer's best hour
     * of the week and how strongly it is shrunk towards the population's. Without it, an engine
     * whose journeys use {@code atBestTimeWithin} uses {@link SendTimes#ofDefaults()}; an
     * engine with neither keeps no send-time counts.
     *
     * @param model the model
     * @return this builder
     * @throws IllegalArgumentException if null
     * @throws IllegalStateException if already set
     */
    Builder sendTimes(SendTimes model);

    /**
     * Marks the north star metric (and computes it).
     *
     * @param metric the metric
     * @return this builder
     * @throws IllegalArgumentException if null
     * @throws IllegalStateException if already set
     */
    Builder northStar(Metric metric);

    /**
     * Adds a guardrail (and computes its metric).
     *
     * @param guardrail the guardrail
     * @return this builder
     * @throws IllegalArgumentException if null
     */
    Builder guardrail(Guardrail guardrail);

    /**
     * Adds a listener told of every guardrail breach and recovery.
     *
     * @param listener the listener
     * @return this builder
     * @throws IllegalArgumentException if null
     */
    Builder guardrailListener(GuardrailListener listener);

    /**
     * Sets the engagement model; {@link EngagementModel#ofDefaults()} by
     * default.
     *
     * @param model the model
     * @return this builder
     * @throws IllegalArgumentException if null
     * @throws IllegalStateException if already set
     */
    Builder engagement(EngagementModel model);

    /**
     * Sets the lifecycle model; {@code LifecycleModel.ofDefaults(Optional.empty())} by default.
     *
     * @param model the model
     * @return this builder
     * @throws IllegalArgumentException if null
     * @throws IllegalStateException if already set
     */
    Builder lifecycle(LifecycleModel model);

    /**
     * Names the program, for dashboards; "Rapport" by default.
     *
     * @param name the name
     * @return this builder
     * @throws IllegalArgumentException if blank
     * @throws IllegalStateException if already set
     */
    Builder name(String name);

    /**
     * Sets the seed of every random draw the engine makes (propensity draws); 0 by default. The
     * engine is deterministic given its inputs, its clock and its seed.
     *
     * @param seed the seed
     * @return this builder
     */
    Builder seed(long seed);

    /**
     * Sets the contact policy that every message passes; {@link
     * ContactPolicy#ofDefaults()} by default.
     *
     * @param policy the policy
     * @return this builder
     * @throws IllegalArgumentException if null
     * @throws IllegalStateException if already set
     */
    Builder contactPolicy(ContactPolicy policy);

    /**
     * Sets where dispatches go. An engine with journeys must have one (its {@code build()}
     * refuses to build otherwise), as must one whose {@code decideAndSend} is called; give
     * {@link Dispatcher#discarding()} to drop every message on purpose.
     *
     * @param dispatcher the host's dispatcher
     * @return this builder
     * @throws IllegalArgumentException if null
     * @throws IllegalStateException if already set
     */
    Builder dispatcher(Dispatcher dispatcher);

    /**
     * Sets who hears about failures of the host's code that the engine contained (a dispatcher,
     * listener or model that threw, a condition that threw), with the exception. Without one,
     * they are counted in {@link Engine#statistics()} and logged without details.
     *
     * @param listener the listener
     * @return this builder
     * @throws IllegalArgumentException if null
     * @throws IllegalStateException if already set
     */
    Builder failureListener(FailureListener listener);

    /**
     * Sets the bounds on what the engine accepts from the host: name and string lengths,
     * property and collection counts, how far ahead of the clock an event may be dated. The
     * defaults are those of {@link InputLimits#ofDefaults()}.
     *
     * @param limits the limits
     * @return this builder
     * @throws IllegalArgumentException if null
     * @throws IllegalStateException if already set
     */
    Builder limits(InputLimits limits);


    /**
     * Sets how many history entries each enrollment keeps for {@link Engine#explain}; 32 by
     * default, 0 to keep none (the smallest state).
     *
     * @param entries the number, zero or more
     * @return this builder
     * @throws IllegalArgumentException if negative
     * @throws IllegalStateException if already set
     */
    Builder enrollmentHistory(int entries);

    /**
     * In strict mode, a condition that throws is rethrown to the caller (for tests) instead of
     * being skipped, logged and counted.
     *
     * @param strict whether to rethrow
     * @return this builder
     */
    Builder strict(boolean strict);

    /**
     * Returns the engine.
     *
     * @return the engine
     * @throws IllegalStateException if two personas, segments, moments or scores share a name, a
     *     journey version is given twice, a journey, action or policy names a moment, segment or
     *     channel the engine does not know, or a value metric has no revenue definition to read
     */
    Engine build();
  }
}
