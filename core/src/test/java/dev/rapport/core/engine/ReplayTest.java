package dev.rapport.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.SendStep;
import dev.rapport.core.journey.Trigger;
import dev.rapport.core.journey.WaitStep;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The published replay: the engine's time follows the events (timers due between two events fire
 * before the second, at their own time), a replay is deterministic, bad lines and refused events
 * are counted by reason with their first lines, duplicates counted, progress reported, and an
 * engine whose time is past the log refused.
 */
class ReplayTest {
  private static final Instant T0 = Instant.parse("2011-01-03T09:00:00Z");
  private static final Action NUDGE = Action.builder("nudge").via(Channel.IN_APP).build();
  /** Nudges a customer a day after they sign up. */
  private static final Journey FOLLOW_UP = Journey.builder("follow-up")
      .enterOn(Trigger.onEvent("signed_up"))
      .steps(WaitStep.of(Duration.ofDays(1)), SendStep.of(NUDGE)).build();

  private final List<Dispatch> outbox = new ArrayList<>();

  private Engine engine() {
    return Engine.builder().clock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
        .journeys(FOLLOW_UP).dispatcher(outbox::add).build();
  }

  private static Event at(String customer, String type, long hours) {
    return Event.of(customer, type, T0.plus(Duration.ofHours(hours)));
  }

  /** A log of lines {@code customer,type,hours after T0}. */
  private static Event parse(String line, long number) {
    if (line.startsWith("#")) {
      return null;
    }
    String[] f = line.split(",");
    if (f.length != 3) {
      throw new IllegalArgumentException(f.length + " fields instead of 3");
    }
    return Event.builder(f[0], f[1]).id("line-" + number)
        .at(T0.plus(Duration.ofHours(Long.parseLong(f[2]))));
  }

  private static final String LOG = String.join("\n",
      "# customer,type,hours",
      "ada,signed_up,0",
      "bob,signed_up,10",
      "broken line",
      "ada,purchased,30",
      "bob,moment_reached,40",
      "cy,signed_up,50",
      "also,broken",
      "cy,purchased,80");

  @Test
  void timers_due_between_two_events_fire_before_the_second_at_their_own_time()
      throws IOException {
    Engine engine = engine();

    Replay.Result r = Replay.of(engine).lines(new BufferedReader(new StringReader(LOG)),
        ReplayTest::parse);

    assertThat(outbox).extracting(d -> d.customer().value() + " at " + d.at()).containsExactly(
        "ada at " + T0.plus(Duration.ofHours(24)),
        "bob at " + T0.plus(Duration.ofHours(34)),
        "cy at " + T0.plus(Duration.ofHours(74)));
    assertThat(r.lines()).isEqualTo(9);
    assertThat(r.events()).isEqualTo(5);
    assertThat(r.timersFired()).isEqualTo(3);
    assertThat(r.customers()).isEqualTo(3);
    assertThat(r.first()).contains(T0);
    assertThat(r.last()).contains(T0.plus(Duration.ofHours(80)));
    assertThat(engine.now()).isEqualTo(T0.plus(Duration.ofHours(80)));
  }

  @Test
  void bad_lines_and_refused_events_are_counted_by_reason_with_their_first_lines()
      throws IOException {
    Replay.Result r = Replay.of(engine()).lines(new BufferedReader(new StringReader(LOG)),
        ReplayTest::parse);

    assertThat(r.rejected()).isEqualTo(3);
    assertThat(r.rejections()).containsExactly(
        entry("1 fields instead of 3", 1L),
        entry("2 fields instead of 3", 1L),
        entry("refused by the engine: event type 'moment_reached' is one the engine emits "
            + "itself ([engagement_changed, moment_reached, persona_entered, persona_exited, "
            + "segment_entered, segment_exited, stage_changed]); track the event that causes it "
            + "instead, such as the one a moment is reached on", 1L));
    assertThat(r.firstLines()).containsEntry("1 fields instead of 3", List.of(4L))
        .containsEntry("2 fields instead of 3", List.of(8L));
    assertThat(r.rejections().keySet()).noneMatch(reason -> reason.contains("bob"));
  }

  @Test
  void a_replay_is_deterministic() throws IOException {
    Replay.of(engine()).lines(new BufferedReader(new StringReader(LOG)), ReplayTest::parse);
    List<Dispatch> first = List.copyOf(outbox);
    outbox.clear();

    Replay.of(engine()).lines(new BufferedReader(new StringReader(LOG)), ReplayTest::parse);

    assertThat(outbox).isEqualTo(first);
  }

  @Test
  void events_seen_before_are_counted_as_duplicates_and_new_customers_are_met_once() {
    Engine engine = engine();
    List<String> met = new ArrayList<>();
    Event signup = at("ada", "signed_up", 0);

    Replay.Result r = Replay.of(engine)
        .onNewCustomer(first -> met.add(first.customer().value() + " " + first.type()))
        .events(List.of(signup, at("ada", "purchased", 1), signup, at("bob", "purchased", 2)));

    assertThat(r.events()).isEqualTo(3);
    assertThat(r.duplicates()).isEqualTo(1);
    assertThat(met).containsExactly("ada signed_up", "bob purchased");
  }

  @Test
  void a_late_event_is_tracked_at_its_own_time_and_time_does_not_go_back() {
    Engine engine = engine();

    Replay.Result r = Replay.of(engine).events(List.of(at("ada", "viewed", 5),
        at("ada", "purchased", 2), at("ada", "viewed", 6)));

    assertThat(r.events()).isEqualTo(3);
    assertThat(engine.customer("ada").orElseThrow().last("purchased"))
        .contains(T0.plus(Duration.ofHours(2)));
    assertThat(r.last()).contains(T0.plus(Duration.ofHours(6)));
  }

  @Test
  void progress_is_reported_every_so_many_events_and_at_the_end() throws IOException {
    List<Replay.Progress> seen = new ArrayList<>();

    Replay.of(engine()).progress(3, seen::add)
        .lines(new BufferedReader(new StringReader(LOG)), ReplayTest::parse);

    assertThat(seen).extracting(Replay.Progress::offered).containsExactly(3L, 6L, 8L);
    assertThat(seen.get(2).events()).isEqualTo(5);
    assertThat(seen.get(2).rejected()).isEqualTo(3);
    assertThat(seen.get(0).time()).contains(T0.plus(Duration.ofHours(10)));
  }

  @Test
  void a_source_pushes_events_and_rejections() throws IOException {
    Replay.Result r = Replay.of(engine()).feed(sink -> {
      sink.event(2, at("ada", "signed_up", 0));
      sink.reject(3, EventTypes.DELIVERED + " without a dispatch id");
      sink.event(4, null);
      return 4;
    });

    assertThat(r.lines()).isEqualTo(4);
    assertThat(r.events()).isEqualTo(1);
    assertThat(r.rejections()).containsOnly(entry("delivered without a dispatch id", 1L),
        entry("null event", 1L));
  }

  @Test
  void an_engine_whose_time_is_past_the_log_is_refused() {
    Engine late = Engine.builder().clock(Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC))
        .build();

    assertThatThrownBy(() -> Replay.of(late).events(List.of(at("ada", "signed_up", 0))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("replay: the engine's time (2011-01-03T09:01:00Z) is past the log's first "
            + "event (2011-01-03T09:00:00Z, line 1); build the engine on a clock at or before "
            + "the log's start, such as Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), and replay a "
            + "log once into one engine");
  }

  @Test
  void a_replay_runs_once_and_checks_its_settings() {
    Replay replay = Replay.of(engine());
    replay.events(List.of());

    assertThatThrownBy(() -> replay.events(List.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("replay: a run after the replay ran; a Replay is for one run: start "
            + "another with Replay.of(engine)");
    assertThatThrownBy(() -> Replay.of(engine()).progress(0, p -> { }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("replay: progress every 0 events; give 1 or more");
    assertThatThrownBy(() -> Replay.of(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("replay: engine is null; give the engine to replay into");
    assertThatThrownBy(() -> Replay.of(engine()).onNewCustomer(e -> { })
        .onNewCustomer(e -> { }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("replay: onNewCustomer is already set; set it once");
  }
}
