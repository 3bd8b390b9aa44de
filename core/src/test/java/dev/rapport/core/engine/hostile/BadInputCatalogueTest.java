package dev.rapport.core.engine.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.ConsentStatus;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.Moment;
import dev.rapport.core.Persona;
import dev.rapport.core.Preferences;
import dev.rapport.core.Profile;
import dev.rapport.core.Purpose;
import dev.rapport.core.QuietHours;
import dev.rapport.core.Segment;
import dev.rapport.core.TraitKey;
import dev.rapport.core.Traits;
import dev.rapport.core.decision.Placement;
import dev.rapport.core.decision.PropensityModel;
import dev.rapport.core.decision.Rule;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.engine.Dispatcher;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.InputLimits;
import dev.rapport.core.engine.MutableClock;
import dev.rapport.core.journey.ExitStep;
import dev.rapport.core.journey.Goal;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.SendStep;
import dev.rapport.core.journey.SplitStep;
import dev.rapport.core.journey.Trigger;
import dev.rapport.core.journey.WaitForStep;
import dev.rapport.core.journey.WaitStep;
import dev.rapport.core.measure.Guardrail;
import dev.rapport.core.measure.Metric;
import dev.rapport.core.measure.Metrics;
import dev.rapport.core.policy.Cap;
import dev.rapport.core.policy.ContactPolicy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalogue of issue 10: bad inputs, at run time and in definitions, each refused with its
 * exact exception and message, and each leaving everything a host can observe as it was: the
 * customers' views, their explanations, the statistics, the dashboard and the dispatches handed
 * over (of an engine running a program, and of a bare one).
 *
 * <p>One line per input: its name, the call, the exception type and the full message.
 */
class BadInputCatalogueTest {
  static final Instant T0 = Instant.parse("2025-06-02T10:00:00Z");
  static final List<String> WATCHED = List.of("c-1", "c-2");
  static final Class<IllegalArgumentException> IAE = IllegalArgumentException.class;
  static final Class<IllegalStateException> ISE = IllegalStateException.class;

  static final String N300 = "n".repeat(300);
  static final String N60 = "n".repeat(60);
  static final String RANGE = "is outside the supported range 1970-01-01T00:00:00Z to "
      + "2262-01-01T00:00:00Z (exclusive); give a real time";
  static final String CHANNELS = "[email, in_app, push, sms, social]";
  static final TraitKey<Long> SEATS = TraitKey.of("seats", Long.class);

  // ------------------------------------------------------------------ the program

  static final Moment ACTIVATED = Moment.builder("activated").reachedOn("first_sync").build();
  static final Segment BUYERS = Segment.of("buyers", c -> c.hasDone("purchased"));
  static final Persona BARISTA = Persona.builder("barista")
      .matching(c -> c.hasDone("purchased", p -> "grinder".equals(p.get("sku")))).build();
  static final Action WELCOME = Action.builder("welcome").purpose(Purpose.TRANSACTIONAL)
      .via(Channel.EMAIL).build();
  static final Action TIPS = Action.builder("tips").topic("coffee").via(Channel.IN_APP).build();
  static final Journey ONBOARDING = Journey.builder("onboarding")
      .enterOn(Trigger.onEvent("signed_up"))
      .steps(SendStep.of(WELCOME), WaitStep.of(Duration.ofDays(2)), SendStep.of(TIPS)).build();
  static final RuleSet OFFERS = RuleSet.builder("offers").rule(Rule.builder("tips-for-buyers")
      .when(c -> c.hasDone("purchased")).recommend(TIPS).because("buyers like tips").build())
      .build();

  /** An engine running a program, with one customer well into it, and a bare engine. */
  static final class Fixture {
    final MutableClock clock = new MutableClock(T0);
    final Outbox outbox = new Outbox();
    final Outbox none = new Outbox();
    final Engine engine = Engine.builder().clock(clock).moments(ACTIVATED).segments(BUYERS)
        .personas(BARISTA).journeys(ONBOARDING).rules(OFFERS)
        .contactPolicy(ContactPolicy.builder().cap(Cap.of(3, Duration.ofDays(7))).build())
        .metrics(Metrics.csat())
        .guardrail(Guardrail.on(Metrics.unsubscribeRate()).below(0.5).minSample(100))
        .dispatcher(outbox).build();
    final Engine bare = Engine.builder().clock(clock).build();

    Fixture() {
      engine.identify("c-1", Profile.empty().set(TraitKey.EMAIL_ADDRESS, "ada@example.com")
          .set(SEATS, 3L).consent(Channel.EMAIL, Purpose.MARKETING, ConsentStatus.GRANTED));
      engine.track(Event.of("c-1", "signed_up", T0.minus(Duration.ofHours(1))));
      engine.track(Event.builder("c-1", "purchased").id("order-1").with("sku", "grinder")
          .at(T0.minus(Duration.ofMinutes(30))));
      engine.track(Event.of("c-1", "first_sync", T0.minus(Duration.ofMinutes(10))));
      engine.track(Event.builder("c-1", EventTypes.SURVEY_ANSWERED).with("kind", "csat")
          .with("score", 4).with("themes", List.of("billing"))
          .at(T0.minus(Duration.ofMinutes(5))));
      engine.decide("c-1");
      bare.track(Event.of("c-1", "signed_up", T0.minus(Duration.ofHours(1))));
    }

    Observed program() {
      return Observed.of(engine, WATCHED, outbox);
    }

    Observed bareOne() {
      return Observed.of(bare, WATCHED, none);
    }
  }

  /** One bad input: what the host calls with it. */
  @FunctionalInterface
  interface Call {
    void on(Fixture f) throws Exception;
  }

  /** What the catalogue expects of one bad input. */
  record Case(Call call, Class<? extends Throwable> type, String message) {}

  static Arguments refused(String name, Call call, Class<? extends Throwable> type,
      String message) {
    return Arguments.of(Named.of(name, new Case(call, type, message)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"events", "standardEvents", "identify", "otherCalls", "engineBuilder",
      "limits", "definitions"})
  void bad_input_is_refused_with_its_message_and_changes_nothing(Case c) {
    Fixture f = new Fixture();
    Observed program = f.program();
    Observed bare = f.bareOne();

    Throwable thrown = catchThrowable(() -> c.call().on(f));

    assertThat(thrown).isExactlyInstanceOf(c.type()).hasMessage(c.message());
    assertThat(f.program()).isEqualTo(program);
    assertThat(f.bareOne()).isEqualTo(bare);
  }

  /** The good calls that the catalogue's observation must see change something. */
  static Stream<Arguments> goodCalls() {
    return Stream.of(
        Arguments.of(Named.of("track", (Call) f -> f.engine.track(Event.of("c-1", "viewed",
            T0)))),
        Arguments.of(Named.of("identify", (Call) f -> f.engine.identify("c-2",
            Profile.empty()))),
        Arguments.of(Named.of("advanceTo", (Call) f -> f.engine.advanceTo(
            T0.plus(Duration.ofDays(2))))),
        Arguments.of(Named.of("decide", (Call) f -> f.engine.decide("c-1"))),
        Arguments.of(Named.of("forget", (Call) f -> f.engine.forget("c-1"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goodCalls")
  void a_good_call_changes_what_the_catalogue_observes(Call call) throws Exception {
    Fixture f = new Fixture();
    Observed before = f.program();

    call.on(f);

    assertThat(f.program()).isNotEqualTo(before);
  }

  @Test
  void catalogue_holds_at_least_a_hundred_bad_inputs() {
    long count = Stream.of(events(), standardEvents(), identify(), otherCalls(), engineBuilder(),
        limits(), definitions()).mapToLong(Stream::count).sum();

    assertThat(count).isGreaterThanOrEqualTo(100);
  }

  static Event.Builder event(String type) {
    return Event.builder("c-1", type);
  }

  static Map<String, Object> properties(int count) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      out.put("p" + i, i);
    }
    return out;
  }

  // ------------------------------------------------------------------ track: any event

  static Stream<Arguments> events() {
    return Stream.of(
        refused("null event", f -> f.engine.track(null), IAE,
            "track(event): event is null; give an Event"),
        refused("event of a null customer", f -> Event.builder((String) null, "viewed"), IAE,
            "customer id is null; give the host's customer id"),
        refused("event of a blank customer", f -> Event.of(" ", "viewed", T0), IAE,
            "customer id is blank (\" \"); give the host's customer id"),
        refused("event of a customer id with spaces around", f -> Event.of(" c-1", "viewed", T0),
            IAE, "customer id \" c-1\" has leading or trailing whitespace; strip it first"),
        refused("event with no type", f -> Event.of("c-1", null, T0), IAE,
            "event: type is null; give an event type such as \"signed_up\""),
        refused("event with a blank type", f -> Event.of("c-1", "", T0), IAE,
            "event: type \"\" is blank or has surrounding whitespace; give an event type such as "
                + "\"signed_up\""),
        refused("event type with spaces around", f -> Event.of("c-1", "viewed ", T0), IAE,
            "event: type \"viewed \" is blank or has surrounding whitespace; give an event type "
                + "such as \"signed_up\""),
        refused("event with a blank id", f -> event("viewed").id(" "), IAE,
            "event 'viewed': id is blank; give a non-blank id or none at all"),
        refused("event id given twice", f -> event("viewed").id("e-1").id("e-2"), ISE,
            "event 'viewed': id is already set to 'e-1'; set it once"),
        refused("event with no time", f -> event("viewed").at(null), IAE,
            "event 'viewed' of customer 'c-1': time is null; give the time the event happened "
                + "with at(Instant)"),
        refused("property with a null name", f -> event("viewed").with(null, 1), IAE,
            "event 'viewed': property name is null; give a non-blank name"),
        refused("property with a blank name", f -> event("viewed").with(" ", 1), IAE,
            "event 'viewed': property name is blank; give a non-blank name"),
        refused("property with a null value", f -> event("viewed").with("sku", null), IAE,
            "event 'viewed': property 'sku' is null; leave the property out instead"),
        refused("property NaN", f -> event("viewed").with("price", Double.NaN), IAE,
            "event 'viewed': property 'price' is NaN; give a finite number (JSON-like values have "
                + "no NaN or infinity)"),
        refused("property infinite", f -> event("viewed").with("price",
            Float.POSITIVE_INFINITY), IAE, "event 'viewed': property 'price' is Infinity; give a "
                + "finite number (JSON-like values have no NaN or infinity)"),
        refused("property NaN inside a list", f -> event("viewed").with("prices",
            List.of(1.0, Double.NaN)), IAE, "event 'viewed': property 'prices'[1] is NaN; give a "
                + "finite number (JSON-like values have no NaN or infinity)"),
        refused("property NaN inside a map", f -> event("viewed").with("cart",
            Map.of("total", Double.NEGATIVE_INFINITY)), IAE, "event 'viewed': property "
                + "'cart'.total is -Infinity; give a finite number (JSON-like values have no NaN or "
                + "infinity)"),
        refused("property of an unsupported type", f -> event("viewed").with("delay",
            Duration.ofMinutes(5)), IAE, "event 'viewed': property 'delay' has unsupported type "
                + "java.time.Duration (PT5M); use one of String, Boolean, Integer, Long, Short, Byte, "
                + "Float, Double, BigInteger, BigDecimal, and Lists or String-keyed Maps of those"),
        refused("map property with a key that is not a string", f -> event("viewed").with("cart",
            Map.of(1, "grinder")), IAE, "event 'viewed': property 'cart' has a map key of type "
                + "java.lang.Integer; map keys must be Strings"),
        refused("event at Instant.MAX", f -> f.engine.track(Event.of("c-1", "viewed",
            Instant.MAX)), IAE, "track(event 'viewed' of customer 'c-1'): time "
                + "+1000000000-12-31T23:59:59.999999999Z " + RANGE),
        refused("event at Instant.MIN", f -> f.engine.track(Event.of("c-1", "viewed",
            Instant.MIN)), IAE, "track(event 'viewed' of customer 'c-1'): time "
                + "-1000000000-01-01T00:00:00Z " + RANGE),
        refused("event before 1970", f -> f.engine.track(Event.of("c-1", "viewed",
            Instant.parse("1969-12-31T23:59:59Z"))), IAE, "track(event 'viewed' of customer "
                + "'c-1'): time 1969-12-31T23:59:59Z " + RANGE),
        refused("event in the year 2262", f -> f.engine.track(Event.of("c-1", "viewed",
            InputLimits.LATEST)), IAE, "track(event 'viewed' of customer 'c-1'): time "
                + "2262-01-01T00:00:00Z " + RANGE),
        refused("event dated three days ahead", f -> f.engine.track(Event.of("c-1", "viewed",
            T0.plus(Duration.ofDays(3)))), IAE, "track(event 'viewed' of customer 'c-1'): time "
                + "2025-06-05T10:00:00Z is 3d after the engine's clock (2025-06-02T10:00:00Z), more "
                + "than the tolerance of 5m; give the time the event happened (not milliseconds "
                + "read as seconds), move the engine's clock, or raise InputLimits.futureTolerance"),
        refused("event dated a second past the tolerance", f -> f.engine.track(Event.of("c-1",
            "viewed", T0.plusSeconds(301))), IAE, "track(event 'viewed' of customer 'c-1'): time "
                + "2025-06-02T10:05:01Z is 5m 1s after the engine's clock (2025-06-02T10:00:00Z), "
                + "more than the tolerance of 5m; give the time the event happened (not "
                + "milliseconds read as seconds), move the engine's clock, or raise "
                + "InputLimits.futureTolerance"),
        refused("event dated in milliseconds read as seconds", f -> f.engine.track(Event.of("c-1",
            "viewed", Instant.ofEpochSecond(T0.toEpochMilli()))),
            IAE, "track(event 'viewed' of customer 'c-1'): time "
                + Instant.ofEpochSecond(T0.toEpochMilli()) + " " + RANGE),
        refused("customer id of 300 characters", f -> f.engine.track(Event.of(N300, "viewed",
            T0)), IAE, "track(event 'viewed' of customer '" + N60 + "...'): customer id \"" + N60
                + "...\" (300 characters) is longer than the limit of 256 characters; shorten it or "
                + "raise InputLimits.maxNameLength"),
        refused("event type of a million characters", f -> f.engine.track(Event.of("c-1",
            "t".repeat(1_000_000), T0)), IAE, "track(event '" + "t".repeat(60) + "...' of "
                + "customer 'c-1'): event type \"" + "t".repeat(60) + "...\" (1,000,000 characters) "
                + "is longer than the limit of 256 characters; shorten it or raise "
                + "InputLimits.maxNameLength"),
        refused("event id of 300 characters", f -> f.engine.track(event("viewed").id(N300)
            .at(T0)), IAE, "track(event 'viewed' of customer 'c-1'): event id \"" + N60 + "...\" "
                + "(300 characters) is longer than the limit of 256 characters; shorten it or raise "
                + "InputLimits.maxNameLength"),
        refused("property name of 300 characters", f -> f.engine.track(event("viewed")
            .with(N300, 1).at(T0)), IAE, "track(event 'viewed' of customer 'c-1'): property name "
                + "\"" + N60 + "...\" (300 characters) is longer than the limit of 256 characters; "
                + "shorten it or raise InputLimits.maxNameLength"),
        refused("string property of five million characters", f -> f.engine.track(event("viewed")
            .with("note", "s".repeat(5_000_000)).at(T0)), IAE, "track(event 'viewed' of customer "
                + "'c-1'): property 'note' is \"" + "s".repeat(60) + "...\" (5,000,000 characters), "
                + "longer than the limit of 65,536 characters; shorten it or raise "
                + "InputLimits.maxStringLength"),
        refused("string too long inside a list", f -> f.engine.track(event("viewed")
            .with("notes", List.of("ok", "s".repeat(70_000))).at(T0)), IAE, "track(event 'viewed' "
                + "of customer 'c-1'): property 'notes'[1] is \"" + "s".repeat(60) + "...\" (70,000 "
                + "characters), longer than the limit of 65,536 characters; shorten it or raise "
                + "InputLimits.maxStringLength"),
        refused("string too long inside a map", f -> f.engine.track(event("viewed")
            .with("cart", Map.of("note", "s".repeat(70_000))).at(T0)), IAE, "track(event "
                + "'viewed' of customer 'c-1'): property 'cart'.note is \"" + "s".repeat(60)
                + "...\" (70,000 characters), longer than the limit of 65,536 characters; shorten "
                + "it or raise InputLimits.maxStringLength"),
        refused("map key of 300 characters", f -> f.engine.track(event("viewed")
            .with("cart", Map.of(N300, 1)).at(T0)), IAE, "track(event 'viewed' of customer "
                + "'c-1'): property 'cart': map key \"" + N60 + "...\" (300 characters) is longer "
                + "than the limit of 256 characters; shorten it or raise InputLimits.maxNameLength"),
        refused("257 properties", f -> f.engine.track(event("viewed")
            .properties(properties(257)).at(T0)), IAE, "track(event 'viewed' of customer 'c-1'): "
                + "has 257 properties, more than the limit of 256; send fewer or raise "
                + "InputLimits.maxProperties"),
        refused("list of 10,001 items", f -> f.engine.track(event("viewed")
            .with("items", Collections.nCopies(10_001, 1)).at(T0)), IAE, "track(event 'viewed' of "
                + "customer 'c-1'): property 'items' is a list of 10,001 items, more than the limit "
                + "of 10,000; send fewer or raise InputLimits.maxCollectionSize"),
        refused("map of 10,001 entries", f -> f.engine.track(event("viewed")
            .with("cart", properties(10_001)).at(T0)), IAE, "track(event 'viewed' of customer "
                + "'c-1'): property 'cart' is a map of 10,001 entries, more than the limit of 10,000; "
                + "send fewer or raise InputLimits.maxCollectionSize"));
  }

  // ------------------------------------------------------------------ track: standard events

  static Stream<Arguments> standardEvents() {
    String consent = "event 'consent_granted' (e-9) of customer 'c-1'";
    String revoke = "event 'consent_revoked' (e-9) of customer 'c-1'";
    String survey = "track(event 'survey_answered' of customer 'c-1')";
    return Stream.of(
        refused("consent with no channel", f -> f.engine.track(event(EventTypes.CONSENT_GRANTED)
            .id("e-9").at(T0)), IAE, consent + ": property 'channel' is missing; give the "
                + "channel's name, such as \"email\""),
        refused("consent whose channel is a number", f -> f.engine.track(event(
            EventTypes.CONSENT_GRANTED).id("e-9").with("channel", 42).at(T0)), IAE,
            consent + ": property 'channel' is not a string (42); give the channel's name, such "
                + "as \"email\""),
        refused("consent on an unknown channel", f -> f.engine.track(event(
            EventTypes.CONSENT_GRANTED).id("e-9").with("channel", "fax").at(T0)), IAE,
            consent + ": property 'channel' names unknown channel 'fax'; declare it with "
                + "Engine.builder().channels(Channel.of(\"fax\")) or use one of " + CHANNELS),
        refused("first event of a new customer: consent on an unknown channel", f -> f.engine
            .track(Event.builder("c-2", EventTypes.CONSENT_GRANTED).id("e-9").with("channel", "fax")
                .at(T0)), IAE, "event 'consent_granted' (e-9) of customer 'c-2': property "
                + "'channel' names unknown channel 'fax'; declare it with "
                + "Engine.builder().channels(Channel.of(\"fax\")) or use one of " + CHANNELS),
        refused("first event of a new customer: nps score 12", f -> f.engine.track(Event.builder(
            "c-2", EventTypes.SURVEY_ANSWERED).with("kind", "nps").with("score", 12).at(T0)), IAE,
            "track(event 'survey_answered' of customer 'c-2'): property 'score' is the number 12, "
                + "outside the nps scale of 0 to 10; give a score on that scale"),
        refused("consent on a channel with an invalid name", f -> f.engine.track(event(
            EventTypes.CONSENT_GRANTED).id("e-9").with("channel", "E-Mail").at(T0)), IAE,
            consent + ": property 'channel' channel name \"E-Mail\" is not valid; use lower-case "
                + "letters, digits, '_' and '-', starting with a letter, such as \"whatsapp\""),
        refused("consent for an unknown purpose", f -> f.engine.track(event(
            EventTypes.CONSENT_REVOKED).id("e-9").with("channel", "email").with("purpose", "spam")
            .at(T0)), IAE, revoke + ": property 'purpose' has an unknown purpose 'spam'; use one "
                + "of marketing, transactional"),
        refused("consent whose purpose is not a string", f -> f.engine.track(event(
            EventTypes.CONSENT_REVOKED).id("e-9").with("channel", "email").with("purpose", true)
            .at(T0)), IAE, revoke + ": property 'purpose' is not a string (true); give "
                + "\"marketing\" or \"transactional\""),
        refused("unsubscribe from an unknown channel", f -> f.engine.track(event(
            EventTypes.UNSUBSCRIBED).with("channel", "fax").at(T0)), IAE, "track(event "
                + "'unsubscribed' of customer 'c-1'): property 'channel' names unknown channel "
                + "'fax'; declare it with Engine.builder().channels(Channel.of(\"fax\")) or use one "
                + "of " + CHANNELS),
        refused("unsubscribe from a channel with an invalid name", f -> f.engine.track(event(
            EventTypes.UNSUBSCRIBED).with("channel", "E-Mail").at(T0)), IAE, "track(event "
                + "'unsubscribed' of customer 'c-1'): property 'channel' channel name \"E-Mail\" is "
                + "not valid; use lower-case letters, digits, '_' and '-', starting with a letter, "
                + "such as \"whatsapp\""),
        refused("unsubscribe whose channel is a number", f -> f.engine.track(event(
            EventTypes.UNSUBSCRIBED).with("channel", 7).at(T0)), IAE, "track(event "
                + "'unsubscribed' of customer 'c-1'): property 'channel' is not a string (the "
                + "number 7); give the channel as a string"),
        refused("complaint about an unknown channel", f -> f.engine.track(event(
            EventTypes.COMPLAINED).with("channel", "pigeon").at(T0)), IAE, "track(event "
                + "'complained' of customer 'c-1'): property 'channel' names unknown channel "
                + "'pigeon'; declare it with Engine.builder().channels(Channel.of(\"pigeon\")) or "
                + "use one of " + CHANNELS),
        refused("complaint whose channel is a list", f -> f.engine.track(event(
            EventTypes.COMPLAINED).with("channel", List.of("email")).at(T0)), IAE, "track(event "
                + "'complained' of customer 'c-1'): property 'channel' is not a string (a list of "
                + "1 item); give the channel as a string"),
        refused("survey score that is not a number", f -> f.engine.track(event(
            EventTypes.SURVEY_ANSWERED).with("kind", "csat").with("score", "five").at(T0)), IAE,
            survey + ": property 'score' is not a number (\"five\"); give the answer's score as a "
                + "number"),
        refused("csat score 6", f -> f.engine.track(event(EventTypes.SURVEY_ANSWERED)
            .with("kind", "csat").with("score", 6).at(T0)), IAE, survey + ": property 'score' is "
                + "the number 6, outside the csat scale of 1 to 5; give a score on that scale"),
        refused("csat score 0", f -> f.engine.track(event(EventTypes.SURVEY_ANSWERED)
            .with("kind", "csat").with("score", 0).at(T0)), IAE, survey + ": property 'score' is "
                + "the number 0, outside the csat scale of 1 to 5; give a score on that scale"),
        refused("csat score 5.5", f -> f.engine.track(event(EventTypes.SURVEY_ANSWERED)
            .with("kind", "csat").with("score", 5.5).at(T0)), IAE, survey + ": property 'score' "
                + "is the number 5.5, outside the csat scale of 1 to 5; give a score on that scale"),
        refused("nps score 11", f -> f.engine.track(event(EventTypes.SURVEY_ANSWERED)
            .with("kind", "nps").with("score", 11).at(T0)), IAE, survey + ": property 'score' is "
                + "the number 11, outside the nps scale of 0 to 10; give a score on that scale"),
        refused("nps score -1", f -> f.engine.track(event(EventTypes.SURVEY_ANSWERED)
            .with("kind", "nps").with("score", -1).at(T0)), IAE, survey + ": property 'score' is "
                + "the number -1, outside the nps scale of 0 to 10; give a score on that scale"),
        refused("ces score 8", f -> f.engine.track(event(EventTypes.SURVEY_ANSWERED)
            .with("kind", "ces").with("score", new BigDecimal("8")).at(T0)), IAE, survey
                + ": property 'score' is the number 8, outside the ces scale of 1 to 7; give a score "
                + "on that scale"),
        refused("ces score 0", f -> f.engine.track(event(EventTypes.SURVEY_ANSWERED)
            .with("kind", "ces").with("score", 0).at(T0)), IAE, survey + ": property 'score' is "
                + "the number 0, outside the ces scale of 1 to 7; give a score on that scale"),
        refused("survey kind that is not a string", f -> f.engine.track(event(
            EventTypes.SURVEY_ANSWERED).with("kind", 3).with("score", 3).at(T0)), IAE, survey
                + ": property 'kind' is not a string (the number 3); give \"csat\", \"nps\", "
                + "\"ces\" or a kind of your own as a string"),
        refused("survey themes that are a number", f -> f.engine.track(event(
            EventTypes.SURVEY_ANSWERED).with("kind", "csat").with("score", 2).with("themes", 42)
            .at(T0)), IAE, survey + ": property 'themes' is not a list (the number 42); give a "
                + "list of theme names, such as List.of(\"billing\")"),
        refused("survey themes that are a map", f -> f.engine.track(event(
            EventTypes.SURVEY_ANSWERED).with("kind", "csat").with("score", 2)
            .with("themes", Map.of("billing", true)).at(T0)), IAE, survey + ": property 'themes' "
                + "is not a list (a map of 1 entry); give a list of theme names, such as "
                + "List.of(\"billing\")"),
        refused("survey theme that is a number", f -> f.engine.track(event(
            EventTypes.SURVEY_ANSWERED).with("kind", "csat").with("score", 2)
            .with("themes", List.of("billing", 7)).at(T0)), IAE, survey + ": property 'themes' "
                + "has the number 7 at index 1; give every theme as a non-blank name"),
        refused("survey theme that is blank", f -> f.engine.track(event(
            EventTypes.SURVEY_ANSWERED).with("kind", "csat").with("score", 2)
            .with("themes", List.of(" ")).at(T0)), IAE, survey + ": property 'themes' has \" \" "
                + "at index 0; give every theme as a non-blank name"),
        refused("survey theme of 300 characters", f -> f.engine.track(event(
            EventTypes.SURVEY_ANSWERED).with("kind", "csat").with("score", 2)
            .with("themes", N300).at(T0)), IAE, survey + ": theme \"" + N60 + "...\" (300 "
                + "characters) is longer than the limit of 256 characters; shorten it or raise "
                + "InputLimits.maxNameLength"),
        refused("outcome whose dispatch id is a number", f -> f.engine.track(event(
            EventTypes.OPENED).with("dispatch_id", 12345).at(T0)), IAE, "track(event 'opened' of "
                + "customer 'c-1'): property 'dispatch_id' is not a string (the number 12345); give "
                + "the dispatch id as a string"),
        refused("outcome whose impression id is a boolean", f -> f.engine.track(event(
            EventTypes.CLICKED).with("impression_id", true).at(T0)), IAE, "track(event 'clicked' "
                + "of customer 'c-1'): property 'impression_id' is not a string (the boolean true); "
                + "give the impression id as a string"),
        refused("click whose journey is a number", f -> f.engine.track(event(
            EventTypes.CLICKED).with("journey", 42).at(T0)), IAE, "track(event 'clicked' of "
                + "customer 'c-1'): property 'journey' is not a string (the number 42); give the "
                + "journey as a string"),
        refused("the engine's own moment_reached", f -> f.engine.track(event(
            EventTypes.MOMENT_REACHED).with("moment", "activated").at(T0)), IAE, "track(event "
                + "'moment_reached' of customer 'c-1'): event type 'moment_reached' is one the "
                + "engine emits itself ([engagement_changed, moment_reached, persona_entered, "
                + "persona_exited, segment_entered, segment_exited, stage_changed]); track the "
                + "event that causes it instead, such as the one a moment is reached on"),
        refused("click whose action is a list", f -> f.engine.track(event(
            EventTypes.CLICKED).with("action", List.of("tips")).at(T0)), IAE, "track(event "
                + "'clicked' of customer 'c-1'): property 'action' is not a string (a list of 1 "
                + "item); give the action as a string"));
  }

  // ------------------------------------------------------------------ identify

  static Stream<Arguments> identify() {
    TraitKey<String> longName = TraitKey.of(N300, String.class);
    return Stream.of(
        refused("identify a null id", f -> f.engine.identify(null, Profile.empty()), IAE,
            "customer id is null; give the host's customer id"),
        refused("identify a blank id", f -> f.engine.identify("", Profile.empty()), IAE,
            "customer id is blank (\"\"); give the host's customer id"),
        refused("identify an id with spaces around", f -> f.engine.identify("c-1 ",
            Profile.empty()), IAE, "customer id \"c-1 \" has leading or trailing whitespace; "
                + "strip it first"),
        refused("identify an id of 300 characters", f -> f.engine.identify(N300,
            Profile.empty()), IAE, "identify(\"" + N60 + "...\"): customer id \"" + N60 + "...\" "
                + "(300 characters) is longer than the limit of 256 characters; shorten it or raise "
                + "InputLimits.maxNameLength"),
        refused("identify with null traits", f -> f.engine.identify("c-1", (Traits) null), IAE,
            "identify(\"c-1\", traits): traits is null; give Traits.empty() or some traits"),
        refused("identify with a null profile", f -> f.engine.identify("c-1", (Profile) null),
            IAE, "identify(\"c-1\", profile): profile is null; give Profile.empty() or a "
                + "profile"),
        refused("trait of another type than the customer's", f -> f.engine.identify("c-1",
            Traits.empty().set(TraitKey.of("seats", String.class), "three")), IAE,
            "trait 'seats' holds Long values; cannot set a String; use another name or the same "
                + "type"),
        refused("trait NaN", f -> Traits.empty().set(TraitKey.of("ltv", Double.class),
            Double.NaN), IAE, "trait 'ltv': value is NaN; give a finite number"),
        refused("trait infinite", f -> Profile.empty().set(TraitKey.of("ltv", Double.class),
            Double.POSITIVE_INFINITY), IAE, "trait 'ltv': value is Infinity; give a finite "
                + "number"),
        refused("trait null", f -> Traits.empty().set(SEATS, null), IAE,
            "trait 'seats': value is null; give a value, or unset the trait with "
                + "Profile.unset(key)"),
        refused("trait of an unsupported type", f -> TraitKey.of("age", Integer.class), IAE,
            "trait 'age': type java.lang.Integer is not supported; use one of String, Boolean, "
                + "Long, Double, BigDecimal, Instant, LocalDate"),
        refused("trait with a blank name", f -> TraitKey.of(" ", String.class), IAE,
            "trait name is blank (\" \"); give it a non-blank name"),
        refused("trait name of 300 characters", f -> f.engine.identify("c-1",
            Traits.empty().set(longName, "x")), IAE, "identify(\"c-1\"): trait name \"" + N60
                + "...\" (300 characters) is longer than the limit of 256 characters; shorten it or "
                + "raise InputLimits.maxNameLength"),
        refused("trait value of 70,000 characters", f -> f.engine.identify("c-1",
            Traits.empty().set(TraitKey.of("bio", String.class), "b".repeat(70_000))), IAE,
            "identify(\"c-1\"): trait 'bio' is \"" + "b".repeat(60) + "...\" (70,000 characters), "
                + "longer than the limit of 65,536 characters; shorten it or raise "
                + "InputLimits.maxStringLength"),
        refused("unset of a trait name of 300 characters", f -> f.engine.identify("c-1",
            Profile.empty().unset(longName)), IAE, "identify(\"c-1\"): trait name \"" + N60
                + "...\" (300 characters) is longer than the limit of 256 characters; shorten it or "
                + "raise InputLimits.maxNameLength"),
        refused("consent on an unknown channel", f -> f.engine.identify("c-1", Profile.empty()
            .consent(Channel.of("whatsapp"), Purpose.MARKETING, ConsentStatus.GRANTED)), IAE,
            "identify(\"c-1\"): consent names unknown channel 'whatsapp'; declare it with "
                + "Engine.builder().channels(Channel.of(\"whatsapp\")) or use one of " + CHANNELS),
        refused("consent dated at Instant.MIN", f -> f.engine.identify("c-1", Profile.empty()
            .consent(Channel.SMS, Purpose.MARKETING, ConsentStatus.GRANTED, Instant.MIN)), IAE,
            "identify(\"c-1\"): consent time -1000000000-01-01T00:00:00Z " + RANGE),
        refused("consent of unknown status", f -> Profile.empty().consent(Channel.EMAIL,
            Purpose.MARKETING, ConsentStatus.UNKNOWN), IAE, "profile: consent on email for "
                + "marketing is UNKNOWN; record GRANTED or DENIED"),
        refused("consent with no channel", f -> Profile.empty().consent(null, Purpose.MARKETING,
            ConsentStatus.GRANTED), IAE, "profile: consent needs a channel, a purpose and a "
                + "status; got null, MARKETING, GRANTED"),
        refused("null preferences", f -> Profile.empty().preferences(null), IAE,
            "profile: preferences is null; give Preferences.none() to clear them"),
        refused("preferred channel given twice", f -> Preferences.builder()
            .channels(Channel.SMS, Channel.SMS), IAE, "preferences: channel sms is given twice; "
                + "give each channel once"),
        refused("topic both in and out", f -> Preferences.builder().topicsIn("coffee")
            .topicsOut("coffee"), IAE, "preferences: topic 'coffee' is both in and out; keep it "
                + "in one of them"),
        refused("blank topic", f -> Preferences.builder().topicsIn(" "), IAE,
            "preferences: a topic is blank; give non-blank topics"),
        refused("quiet hours of no length", f -> new QuietHours(LocalTime.NOON, LocalTime.NOON),
            IAE, "quiet hours: start and end are both 12:00; give a span such as 21:00 to 08:00"),
        refused("channel with an invalid name", f -> Channel.of("E-Mail"), IAE,
            "channel name \"E-Mail\" is not valid; use lower-case letters, digits, '_' and '-', "
                + "starting with a letter, such as \"whatsapp\""));
  }

  // ------------------------------------------------------------------ the other calls

  static Stream<Arguments> otherCalls() {
    return Stream.of(
        refused("advanceTo null", f -> f.engine.advanceTo(null), IAE,
            "advanceTo(instant): instant is null; give an Instant"),
        refused("advanceTo Instant.MAX", f -> f.engine.advanceTo(Instant.MAX), IAE,
            "advanceTo(+1000000000-12-31T23:59:59.999999999Z): instant "
                + "+1000000000-12-31T23:59:59.999999999Z " + RANGE),
        refused("advanceTo Instant.MIN", f -> f.engine.advanceTo(Instant.MIN), IAE,
            "advanceTo(-1000000000-01-01T00:00:00Z): instant -1000000000-01-01T00:00:00Z "
                + RANGE),
        refused("advanceTo the year 2262", f -> f.engine.advanceTo(InputLimits.LATEST), IAE,
            "advanceTo(2262-01-01T00:00:00Z): instant 2262-01-01T00:00:00Z " + RANGE),
        refused("advanceTo before 1970", f -> f.engine.advanceTo(Instant.ofEpochSecond(-1)), IAE,
            "advanceTo(1969-12-31T23:59:59Z): instant 1969-12-31T23:59:59Z " + RANGE),
        refused("decide for a null id", f -> f.engine.decide(null), IAE,
            "customer id is null; give the host's customer id"),
        refused("decide for a blank id", f -> f.engine.decide(" "), IAE,
            "customer id is blank (\" \"); give the host's customer id"),
        refused("decide with a null placement", f -> f.engine.decide("c-1", null), IAE,
            "decide(\"c-1\", placement): placement is null; give a Placement or call "
                + "decide(customerId)"),
        refused("decideAndSend with a null placement", f -> f.engine.decideAndSend("c-1", null),
            IAE, "decide(\"c-1\", placement): placement is null; give a Placement or call "
                + "decide(customerId)"),
        refused("preview with a null placement", f -> f.engine.preview("c-1", null), IAE,
            "preview(\"c-1\", placement): placement is null; give a Placement such as "
                + "Placement.ofDefaults()"),
        refused("decide on an engine with no rule set", f -> f.bare.decide("c-1"), ISE,
            "decide(\"c-1\"): the engine has no rule set; add one with "
                + "Engine.builder().rules(...)"),
        refused("preview on an engine with no rule set", f -> f.bare.preview("c-1",
            Placement.ofDefaults()), ISE, "preview(\"c-1\"): the engine has no rule set; add one "
                + "with Engine.builder().rules(...)"),
        refused("placement that takes nothing", f -> Placement.of("inbox", 0), IAE,
            "placement 'inbox': take is 0; give 1 or more recommendations"),
        refused("placement with a blank name", f -> Placement.of(" ", 1), IAE,
            "placement name is blank (\" \"); give it a non-blank name"),
        refused("forget a null id", f -> f.engine.forget(null), IAE,
            "customer id is null; give the host's customer id"),
        refused("forget a blank id", f -> f.engine.forget(""), IAE,
            "customer id is blank (\"\"); give the host's customer id"),
        refused("forget an id of 300 characters", f -> f.engine.forget(N300), IAE,
            "forget(\"" + N60 + "...\"): customer id \"" + N60 + "...\" (300 characters) is longer "
                + "than the limit of 256 characters; shorten it or raise InputLimits.maxNameLength"),
        refused("customer view of a null id", f -> f.engine.customer(null), IAE,
            "customer id is null; give the host's customer id"),
        refused("explain a blank id", f -> f.engine.explain("  "), IAE,
            "customer id is blank (\"  \"); give the host's customer id"),
        // with one metric: the engine lists its metrics in no fixed order (reported)
        refused("metric the engine does not compute", f -> Engine.builder()
            .metrics(Metrics.csat()).build().metric("nps"), IAE,
            "metric 'nps' is not computed by this engine; it computes [csat]"),
        refused("metric with no name", f -> f.engine.metric(null, "global"), IAE,
            "metric(name, dimension): give a metric name and a dimension such as \"global\" or "
                + "\"journey:onboarding\""),
        refused("stats of a journey not deployed", f -> f.engine.journeyStats("winback"), IAE,
            "journey 'winback' is not deployed; deployed: [onboarding]"),
        refused("stats of a null journey", f -> f.engine.journeyStats(null), IAE,
            "journeyStats(journey): journey is null; give a name"),
        refused("resolve a blank theme", f -> f.engine.resolveTheme(" "), IAE,
            "resolveTheme theme name is blank (\" \"); give it a non-blank name"),
        refused("deploy null", f -> f.engine.deploy(null), IAE,
            "deploy(journey): journey is null; give a Journey"),
        refused("deploy another definition of a deployed version", f -> f.engine.deploy(
            Journey.builder("onboarding").enterOn(Trigger.onEvent("signed_up"))
                .steps(SendStep.of(TIPS)).build()), ISE, "journey 'onboarding': version 1 is "
                + "already deployed; give the new definition a new version with version(2)"),
        refused("deploy a journey entering on an unknown moment", f -> f.engine.deploy(
            Journey.builder("winback").enterOn(Trigger.onMoment(Moment.builder("lapsed")
                .reachedOn("lapsed").build())).steps(SendStep.of(TIPS)).build()), ISE,
            "journey 'winback': enters on moment 'lapsed', which the engine does not know; add it "
                + "with Engine.builder().moments(...)"),
        refused("deploy a journey with a different action of a known name", f -> f.engine.deploy(
            Journey.builder("winback").enterOn(Trigger.onEvent("lapsed")).steps(SendStep.of(
                Action.builder("tips").via(Channel.EMAIL).build())).build()), ISE,
            "deploy(journey 'winback'): action 'tips' differs from the engine's action of that "
                + "name (Action{tips, marketing, [in_app]} and Action{tips, marketing, [email]}); "
                + "give it another name, or use the same Action"),
        refused("deploy a journey on an engine with no dispatcher", f -> f.bare.deploy(
            ONBOARDING), ISE, "deploy(journey 'onboarding'): the engine has no dispatcher, so "
                + "every message of the journey would be lost; build it with "
                + "Engine.builder().dispatcher(...)"));
  }

  // ------------------------------------------------------------------ the engine's builder

  static Stream<Arguments> engineBuilder() {
    return Stream.of(
        refused("journeys and no dispatcher", f -> Engine.builder().journeys(ONBOARDING).build(),
            ISE, "engine: it has journeys but no dispatcher, so every message they send would be "
                + "lost; give one with Engine.builder().dispatcher(...), or "
                + "Engine.builder().dispatcher(Dispatcher.discarding()) to drop them on purpose"),
        refused("decideAndSend with no dispatcher", f -> Engine.builder().rules(OFFERS).build()
            .decideAndSend("c-1"), ISE, "decideAndSend(\"c-1\"): the engine has no dispatcher, so "
                + "the messages would be lost; give one with Engine.builder().dispatcher(...), or "
                + "call decide and send them yourself"),
        refused("two different actions of one name", f -> Engine.builder().journeys(ONBOARDING)
            .rules(RuleSet.builder("emails").rule(Rule.builder("all").when(c -> true)
                .recommend(Action.builder("tips").via(Channel.EMAIL).build()).because("all")
                .build()).build())
            .dispatcher(Dispatcher.discarding()).build(), ISE, "engine: rule set 'emails' uses "
                + "action 'tips', but another action of that name is declared elsewhere "
                + "(Action{tips, marketing, [in_app]} and Action{tips, marketing, [email]}); give "
                + "each action a unique name, or use the same Action everywhere"),
        refused("two journeys of one name and version", f -> Engine.builder()
            .journeys(ONBOARDING, ONBOARDING).dispatcher(Dispatcher.discarding()).build(), ISE,
            "engine: journey 'onboarding' version 1 is declared twice; give each definition its "
                + "own version"),
        refused("two rule sets of one name", f -> Engine.builder().rules(OFFERS, OFFERS).build(),
            ISE, "engine: rule set 'offers' is declared twice; give each rule set a unique name"),
        refused("two metrics of one name", f -> Engine.builder()
            .metrics(Metrics.csat(), Metrics.csat()).build(), ISE, "engine: metric 'csat' is "
                + "declared twice; give each metric a unique name"),
        refused("two segments of one name", f -> Engine.builder().segments(BUYERS, BUYERS)
            .build(), ISE, "engine: segment 'buyers' is declared twice; give each segment a "
                + "unique name"),
        refused("two moments of one name", f -> Engine.builder().moments(ACTIVATED, ACTIVATED)
            .build(), ISE, "engine: moment 'activated' is declared twice; give each moment a "
                + "unique name"),
        refused("two personas of one name", f -> Engine.builder().personas(BARISTA, BARISTA)
            .build(), ISE, "engine: persona 'barista' is declared twice; give each persona a "
                + "unique name"),
        refused("journey entering on an unknown segment", f -> Engine.builder()
            .journeys(Journey.builder("lapsed").enterOn(Trigger.onSegment(Segment.of("lapsed",
                c -> true))).steps(SendStep.of(TIPS)).build())
            .dispatcher(Dispatcher.discarding()).build(), ISE, "journey 'lapsed': enters on "
                + "segment 'lapsed', which the engine does not know; add it with "
                + "Engine.builder().segments(...)"),
        refused("journey whose goal is an unknown moment", f -> Engine.builder()
            .journeys(Journey.from(ONBOARDING).version(2).goal(Goal.moment(ACTIVATED)).build())
            .dispatcher(Dispatcher.discarding()).build(), ISE, "journey 'onboarding': its goal, "
                + "moment 'activated', can never be reached because the engine does not know it; "
                + "add it with Engine.builder().moments(...)"),
        refused("action on an unknown channel", f -> Engine.builder().rules(RuleSet.builder("chat")
            .rule(Rule.builder("all").when(c -> true).recommend(Action.builder("hi")
                .via(Channel.of("whatsapp")).build()).because("all").build()).build()).build(),
            ISE, "rule set 'chat': action 'hi' uses unknown channel 'whatsapp'; declare it with "
                + "Engine.builder().channels(Channel.of(\"whatsapp\"))"),
        refused("policy capping an unknown channel", f -> Engine.builder().contactPolicy(
            ContactPolicy.builder().cap(Cap.of(1, Duration.ofDays(1)).on(Channel.of("whatsapp")))
                .build()).build(), IAE, "contact policy names unknown channel 'whatsapp'; "
                + "declare it with Engine.builder().channels(Channel.of(\"whatsapp\")) or use one "
                + "of " + CHANNELS),
        refused("clock null", f -> Engine.builder().clock(null), IAE,
            "engine: clock is null; give a value"),
        refused("clock twice", f -> Engine.builder().clock(f.clock).clock(f.clock), ISE,
            "engine: clock is already set; set it once"),
        refused("dispatcher twice", f -> Engine.builder().dispatcher(f.outbox)
            .dispatcher(f.outbox), ISE, "engine: dispatcher is already set; set it once"),
        refused("failure listener null", f -> Engine.builder().failureListener(null), IAE,
            "engine: failureListener is null; give a value"),
        refused("limits null", f -> Engine.builder().limits(null), IAE,
            "engine: limits is null; give a value"),
        refused("limits twice", f -> Engine.builder().limits(InputLimits.ofDefaults())
            .limits(InputLimits.ofDefaults()), ISE, "engine: limits is already set; set it once"),
        refused("propensity model twice", f -> Engine.builder().propensity(
            PropensityModel.fixed(0.5)).propensity(PropensityModel.fixed(0.4)), ISE,
            "engine: propensity is already set; set it once"),
        refused("null journey", f -> Engine.builder().journeys((Journey) null), IAE,
            "engine: journeys entry is null; give a value"),
        refused("negative history size", f -> Engine.builder().historySize(-1), IAE,
            "engine: historySize is -1; give zero or more events per type"),
        refused("zero retention", f -> Engine.builder().retention(Duration.ZERO), IAE,
            "engine: retention is PT0S; give a positive duration"),
        refused("negative enrollment history", f -> Engine.builder().enrollmentHistory(-1), IAE,
            "engine: enrollmentHistory is -1; give zero or more entries"),
        refused("blank program name", f -> Engine.builder().name(" "), IAE,
            "engine name is blank (\" \"); give it a non-blank name"));
  }

  // ------------------------------------------------------------------ input limits

  static Stream<Arguments> limits() {
    return Stream.of(
        refused("longest name 0", f -> InputLimits.ofDefaults().maxNameLength(0), IAE,
            "input limits: maxNameLength is 0; give 1 or more characters"),
        refused("longest string 0", f -> InputLimits.ofDefaults().maxStringLength(0), IAE,
            "input limits: maxStringLength is 0; give 1 or more characters"),
        refused("negative property count", f -> InputLimits.ofDefaults().maxProperties(-1), IAE,
            "input limits: maxProperties is -1; give 0 or more"),
        refused("negative collection size", f -> InputLimits.ofDefaults().maxCollectionSize(-1),
            IAE, "input limits: maxCollectionSize is -1; give 0 or more"),
        refused("null future tolerance", f -> InputLimits.ofDefaults().futureTolerance(null),
            IAE, "input limits: futureTolerance is null; give a duration of zero or more, such "
                + "as Duration.ofMinutes(5)"),
        refused("negative future tolerance", f -> InputLimits.ofDefaults()
            .futureTolerance(Duration.ofMinutes(-1)), IAE, "input limits: futureTolerance is "
                + "PT-1M; give a duration of zero or more, such as Duration.ofMinutes(5)"));
  }

  // ------------------------------------------------------------------ definitions

  static Stream<Arguments> definitions() {
    return Stream.of(
        refused("journey with a null name", f -> Journey.builder(null), IAE,
            "journey name is null; give it a non-blank name"),
        refused("journey with no trigger", f -> Journey.builder("j").steps(SendStep.of(TIPS))
            .build(), ISE, "journey 'j': has no entry trigger; add enterOn(eventType), "
                + "enterOn(moment) or enterOn(segment)"),
        refused("journey with no steps", f -> Journey.builder("j")
            .enterOn(Trigger.onEvent("signed_up")).build(), ISE, "journey 'j': has no steps; add "
                + "steps(...)"),
        refused("journey with neither", f -> Journey.builder("j").build(), ISE,
            "journey 'j': has no entry trigger; add enterOn(eventType), enterOn(moment) or "
                + "enterOn(segment); journey 'j': has no steps; add steps(...)"),
        refused("journey holdout of everyone", f -> Journey.builder("j").holdout(1.0), IAE,
            "journey 'j': holdout is 1.0; give a fraction from 0 (inclusive) to 1 (exclusive), "
                + "such as 0.10"),
        refused("journey holdout NaN", f -> Journey.builder("j").holdout(Double.NaN), IAE,
            "journey 'j': holdout is NaN; give a fraction from 0 (inclusive) to 1 (exclusive), "
                + "such as 0.10"),
        refused("journey version 0", f -> Journey.builder("j").version(0), IAE,
            "journey 'j': version is 0; give 1 or more"),
        refused("journey trigger twice", f -> Journey.builder("j").enterOn(Trigger.onEvent("a"))
            .enterOn(Trigger.onEvent("b")), ISE, "journey 'j': enterOn is already set; set it "
                + "once"),
        refused("journey null step", f -> Journey.builder("j").steps(SendStep.of(TIPS), null),
            IAE, "journey 'j': steps: step 2 is null; give a step"),
        refused("journey step after exit", f -> Journey.builder("j")
            .enterOn(Trigger.onEvent("signed_up")).steps(ExitStep.of(), SendStep.of(TIPS))
            .build(), ISE, "journey 'j': step 2 (send(tips)) comes after exit() at step 1 and can "
                + "never run; remove it or move exit() last"),
        refused("journey split with one arm", f -> Journey.builder("j")
            .enterOn(Trigger.onEvent("signed_up")).steps(SplitStep.named("copy")
                .arm("a", 1, SendStep.of(TIPS))).build(), ISE, "journey 'j': split 'copy' at step "
                + "1 has 1 arm; give it at least two with arm(name, weight, steps...)"),
        refused("split arm of weight 0", f -> SplitStep.named("copy").arm("a", 0,
            SendStep.of(TIPS)), IAE, "split 'copy': arm 'a' has weight 0.0; give a positive, "
                + "finite weight"),
        refused("wait of no time", f -> WaitStep.of(Duration.ZERO), IAE,
            "wait(duration): duration is PT0S; give a positive duration"),
        refused("wait for an event with no bound", f -> WaitForStep.on("api_key_created")
            .atMost(null), IAE, "waitFor(\"api_key_created\"): atMost is null; give a value"),
        refused("send of no action", f -> SendStep.of(null), IAE,
            "send(action): action is null; give an Action"),
        refused("action with no channel", f -> Action.builder("a").build(), ISE,
            "action 'a': has no channel; add via(Channel)"),
        refused("action channel twice", f -> Action.builder("a").via(Channel.SMS)
            .via(Channel.SMS), IAE, "action 'a': channel sms is given twice; give each channel "
                + "once, in order of preference"),
        refused("action value NaN", f -> Action.builder("a").value(Double.NaN), IAE,
            "action 'a': value is NaN; give a finite value of zero or more"),
        refused("action response window with one channel", f -> Action.builder("a")
            .via(Channel.PUSH).responseWindow(Duration.ofHours(1)).build(), ISE, "action 'a': has "
                + "a response window of PT1H but only one channel (push) to fall back from; add a "
                + "second channel or remove the window"),
        refused("action with a blank topic", f -> Action.builder("a").topic(""), IAE,
            "action 'a': topic is blank (\"\"); give a topic such as \"coffee\" or leave it out"),
        refused("rule recommending nothing", f -> Rule.builder("r").when(c -> true)
            .because("x").build(), ISE, "rule 'r': recommends nothing; add recommend(action)"),
        refused("rule with no reason", f -> Rule.builder("r").recommend(TIPS).build(), ISE,
            "rule 'r': has no reason; add because(\"...\") so that decisions explain "
                + "themselves"),
        refused("rule weight negative", f -> Rule.builder("r").weight(-1), IAE,
            "rule 'r': weight is -1.0; give a finite number of zero or more"),
        refused("rule set with no rule", f -> RuleSet.builder("rs").build(), ISE,
            "rule set 'rs': has no rule; add rule(name)..."),
        refused("rule set with a rule twice", f -> RuleSet.builder("rs")
            .rule(OFFERS.rules().get(0)).rule(OFFERS.rules().get(0)), ISE, "rule set 'rs': rule "
                + "'tips-for-buyers' is declared twice; give each rule a unique name"),
        refused("cap of zero", f -> Cap.of(0, Duration.ofDays(1)), IAE,
            "contact policy: atMost(0) is a cap of zero, which blocks every message; give 1 or "
                + "more, or remove the cap"),
        refused("cap with no window", f -> Cap.of(2, Duration.ZERO), IAE,
            "contact policy: atMost(2).per(PT0S) has a window of PT0S; give a positive duration "
                + "such as Duration.ofDays(7)"),
        refused("cap with two scopes", f -> Cap.of(2, Duration.ofDays(1)).on(Channel.SMS)
            .onTopic("coffee"), ISE, "contact policy: at most 2 per PT24H on sms already has a "
                + "scope; cannot add onTopic(\"coffee\"); give a cap one of on(channel), "
                + "onTopic(topic) or forPurpose(purpose), or declare another cap"),
        refused("two caps over the same window", f -> ContactPolicy.builder()
            .cap(Cap.of(2, Duration.ofDays(1))).cap(Cap.of(3, Duration.ofDays(1))), ISE,
            "contact policy: caps 'at most 2 per PT24H' and 'at most 3 per PT24H' count the same "
                + "messages over the same window; keep one of them"),
        refused("minimum gap of no time", f -> ContactPolicy.builder().minimumGap(Duration.ZERO),
            IAE, "contact policy: minimumGap is PT0S; give a positive duration"),
        refused("quiet hours of no length", f -> ContactPolicy.builder()
            .quietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT), IAE, "contact policy: "
                + "quietHours(00:00, 00:00) is an empty span; give a span such as 21:00 to 08:00"),
        refused("policy setting twice", f -> ContactPolicy.builder()
            .suppressAfterUnsubscribe(true).suppressAfterUnsubscribe(false), ISE,
            "contact policy: suppressAfterUnsubscribe is already set; set it once"),
        refused("metric with a blank name", f -> Metric.rate(""), IAE,
            "metric name is blank (\"\"); give it a non-blank name"),
        refused("metric over the last 0", f -> Metrics.csat().last(0), IAE,
            "metric 'csat': last(0) keeps no observation; give 1 or more"),
        refused("metric over no time", f -> Metrics.csat().over(Duration.ZERO), IAE,
            "metric 'csat': over is PT0S; give a positive duration"),
        refused("guardrail bound NaN", f -> Guardrail.on(Metrics.csat()).above(Double.NaN), IAE,
            "guardrail on 'csat': bound is NaN; give a finite number"),
        refused("guardrail recovering on the wrong side", f -> Guardrail.on(Metrics.csat())
            .above(0.7).recoverAt(0.6), IAE, "guardrail on 'csat': recoverAt(0.6) must be on the "
                + "healthy side of the bound, at least 0.7"),
        refused("guardrail minimum sample 0", f -> Guardrail.on(Metrics.csat()).above(0.7)
            .minSample(0), IAE, "guardrail on 'csat': minSample is 0; give 1 or more"),
        refused("moment nothing reaches", f -> Moment.builder("m").build(), ISE,
            "moment 'm': nothing reaches it; add reachedOn(eventType) or reachedWhen(Condition)"),
        refused("moment reached two ways", f -> Moment.builder("m").reachedOn("a")
            .reachedWhen(c -> true), ISE, "moment 'm': is already reached on \"a\"; give one of "
                + "reachedOn or reachedWhen, once"),
        refused("persona with no condition", f -> Persona.builder("p").build(), ISE,
            "persona 'p': has no matching condition; add matching(Condition)"),
        refused("segment with no condition", f -> Segment.of("s", null), IAE,
            "segment 's': condition is null; give the condition its members meet"),
        refused("propensity estimate above 1", f -> new PropensityModel.Estimate(1.5, "g", "n"),
            IAE, "propensity estimate is 1.5; a propensity model must return a number from 0 to "
                + "1"));
  }
}
