package dev.rapport.docs;

import static dev.rapport.core.EventTypes.CHANNEL;
import static dev.rapport.core.EventTypes.CONSENT_REVOKED;
import static dev.rapport.core.EventTypes.PURPOSE;
import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.EMAIL_ADDRESS;
import static dev.rapport.dsl.Rapport.GRANTED;
import static dev.rapport.dsl.Rapport.MARKETING;
import static dev.rapport.dsl.Rapport.event;
import static dev.rapport.dsl.Rapport.moment;
import static dev.rapport.dsl.Rapport.persona;
import static dev.rapport.dsl.Rapport.profile;
import static dev.rapport.dsl.Rapport.segment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.core.ConsentStatus;
import dev.rapport.core.Customer;
import dev.rapport.core.Moment;
import dev.rapport.core.Persona;
import dev.rapport.core.Segment;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.InputLimits;
import dev.rapport.core.engine.Replay;
import dev.rapport.testkit.TestClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The samples of guide/customers.md, run. */
class CustomersGuideTest {
  private final Instant monday = Instant.parse("2026-03-02T10:00:00Z");
  private final Instant tuesday = monday.plus(Duration.ofDays(1));
  private final TestClock clock = TestClock.at(tuesday.plus(Duration.ofHours(1)));

  @Test
  void declare_track_and_consent() {
    // snippet: declare
    Moment firstPurchase = moment("first-purchase").reachedOn("purchased").build();
    Moment loyal = moment("loyal").reachedWhen(c -> c.count("purchased") >= 3).build();

    Persona barista = persona("home-barista")
        .goals("better coffee at home")
        .painPoints("inconsistent grind")
        .interests("coffee")
        .matching(c -> c.hasDone("purchased", p -> "grinder".equals(p.get("sku"))))
        .build();

    Segment regulars = segment("regulars")
        .matching(c -> c.count("purchased", Duration.ofDays(90)) >= 2)
        .build();

    Engine engine = Engine.builder()
        .clock(clock)
        .moments(firstPurchase, loyal)
        .personas(barista)
        .segments(regulars)
        .build();
    // end

    // snippet: track
    engine.identify("c-1", profile()
        .set(EMAIL_ADDRESS, "ada@example.com")
        .consent(EMAIL, MARKETING, GRANTED));
    engine.track(event("c-1", "purchased").id("order-1").with("sku", "grinder").at(monday));
    engine.track(event("c-1", "purchased").id("order-2").with("sku", "beans").at(tuesday));
    engine.track(event("c-1", "purchased").id("order-2").with("sku", "beans").at(tuesday));

    Customer ada = engine.customer("c-1").orElseThrow();
    assertThat(ada.count("purchased")).isEqualTo(2);          // the repeated order-2 was ignored
    assertThat(ada.is(barista)).isTrue();
    assertThat(ada.in(regulars)).isTrue();
    assertThat(ada.reachedAt("first-purchase")).contains(monday);
    assertThat(ada.count("segment_entered")).isEqualTo(1);    // entering a segment is an event
    // end

    // snippet: consent
    Instant wednesday = clock.advance(Duration.ofDays(1));
    engine.track(event("c-1", CONSENT_REVOKED).with(CHANNEL, "email").with(PURPOSE, "marketing")
        .at(wednesday));

    assertThat(engine.customer("c-1").orElseThrow().consent(EMAIL, MARKETING).status())
        .isEqualTo(ConsentStatus.DENIED);
    // end
  }

  @Test
  void what_the_engine_accepts() {
    // snippet: customers-limits
    Engine engine = Engine.builder()
        .clock(clock)
        .limits(InputLimits.ofDefaults().futureTolerance(Duration.ofHours(1)))
        .build();

    Instant soon = clock.instant().plus(Duration.ofMinutes(30));
    engine.track(event("c-1", "viewed").at(soon));                      // within the hour: taken
    assertThatThrownBy(() -> engine.track(event("c-1", "viewed")
            .at(clock.instant().plus(Duration.ofDays(3)))))              // three days ahead
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("track(event 'viewed' of customer 'c-1'): time 2026-03-06T11:00:00Z is 3d "
            + "after the engine's clock (2026-03-03T11:00:00Z), more than the tolerance of 1h; "
            + "give the time the event happened (not milliseconds read as seconds), move the "
            + "engine's clock, or raise InputLimits.futureTolerance");
    assertThat(engine.customer("c-1").orElseThrow().count("viewed")).isEqualTo(1);
    // end
  }

  @Test
  void the_limits_and_the_supported_range_are_as_the_guide_says() {
    InputLimits defaults = InputLimits.ofDefaults();
    Engine engine = Engine.builder().clock(clock).build();

    assertThat(defaults.maxNameLength()).isEqualTo(256);
    assertThat(defaults.maxStringLength()).isEqualTo(65_536);
    assertThat(defaults.maxProperties()).isEqualTo(256);
    assertThat(defaults.maxCollectionSize()).isEqualTo(10_000);
    assertThat(defaults.futureTolerance()).isEqualTo(Duration.ofMinutes(5));
    assertThat(InputLimits.EARLIEST).isEqualTo(Instant.parse("1970-01-01T00:00:00Z"));
    assertThat(InputLimits.LATEST).isEqualTo(Instant.parse("2262-01-01T00:00:00Z"));
    assertThat(defaults.maxEventTypes()).isEqualTo(10_000);
    engine.track(event("c-1", "viewed").at(clock.instant().plus(Duration.ofMinutes(5))));
    assertThatThrownBy(() -> engine.track(event("c-1", "viewed")
        .at(clock.instant().plus(Duration.ofMinutes(5)).plusSeconds(1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than the tolerance of 5m");
    assertThatThrownBy(() -> engine.track(event("c-1", "viewed").with("score", Double.NaN)
        .at(monday)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("give a finite number");
    assertThatThrownBy(() -> engine.track(event("c-1", "survey_answered").with("kind", "nps")
        .with("score", 11).at(monday)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outside the nps scale of 0 to 10");
    engine.track(event("c-1", "survey_answered").with("kind", "effort").with("score", 99)
        .at(monday));                                     // a kind of the host's own: not checked
    assertThat(engine.customer("c-1").orElseThrow().count("survey_answered")).isEqualTo(1);
  }

  @Test
  void reading_the_view_and_forgetting() {
    Engine engine = Engine.builder().clock(clock).build();
    engine.track(event("c-1", "purchased").id("order-1").with("sku", "grinder").at(monday));
    engine.track(event("c-1", "purchased").id("order-2").with("sku", "beans").at(tuesday));

    // snippet: view
    Customer ada = engine.customer("c-1").orElseThrow();

    assertThat(ada.now()).isEqualTo(clock.instant());
    assertThat(ada.count("purchased", Duration.ofHours(12))).isEqualTo(1);
    assertThat(ada.since("purchased")).contains(Duration.ofHours(1));
    assertThat(ada.first("purchased")).contains(monday);
    assertThat(ada.hasDone("purchased", p -> "grinder".equals(p.get("sku")))).isTrue();
    assertThat(ada.history("purchased")).extracting(e -> e.properties().get("sku"))
        .containsExactly("grinder", "beans");
    // end

    // snippet: forget
    assertThat(engine.forget("c-1")).isTrue();
    assertThat(engine.customer("c-1")).isEmpty();
    // end
  }

  @Test
  void replaying_a_recorded_log() throws IOException {
    Moment firstPurchase = moment("first-purchase").reachedOn("purchased").build();
    // snippet: customers-replay
    Engine engine = Engine.builder()
        .clock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
        .moments(firstPurchase)
        .build();
    String log = String.join("\n",
        "customer,type,time",
        "c-1,signed_up,2025-01-06T09:00:00Z",
        "c-1,purchased,2025-01-08T17:30:00Z",
        "c-2,signed_up,yesterday",
        "c-2,signed_up,2025-01-09T08:00:00Z");
    List<Replay.Progress> progress = new ArrayList<>();

    Replay.Result r = Replay.of(engine)
        .onNewCustomer(first -> engine.identify(first.customer().value(),
            profile().consent(EMAIL, MARKETING, GRANTED, first.time())))
        .progress(2, progress::add)
        .lines(new BufferedReader(new StringReader(log)), (line, number) -> {
          if (number == 1) {
            return null;                                        // the header
          }
          String[] f = line.split(",");
          try {
            return event(f[0], f[1]).id("line-" + number).at(Instant.parse(f[2]));
          } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time is not an ISO-8601 instant");
          }
        });

    assertThat(r.events()).isEqualTo(3);
    assertThat(r.customers()).isEqualTo(2);
    assertThat(r.rejections()).containsEntry("time is not an ISO-8601 instant", 1L);
    assertThat(r.firstLines()).containsEntry("time is not an ISO-8601 instant", List.of(4L));
    assertThat(engine.now()).isEqualTo(Instant.parse("2025-01-09T08:00:00Z"));
    assertThat(engine.customer("c-1").orElseThrow().reachedAt("first-purchase"))
        .contains(Instant.parse("2025-01-08T17:30:00Z"));
    assertThat(progress).extracting(Replay.Progress::offered).containsExactly(2L, 4L, 4L);
    // end
  }
}
