package dev.rapport.dsl.journey;

import static dev.rapport.dsl.Rapport.IN_APP;
import static dev.rapport.dsl.Rapport.action;
import static dev.rapport.dsl.Rapport.delay;
import static dev.rapport.dsl.Rapport.event;
import static dev.rapport.dsl.Rapport.journey;
import static dev.rapport.dsl.Rapport.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rapport.core.Action;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.Explanation.EnrollmentReport;
import dev.rapport.core.journey.EnrollmentStatus;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.JourneyStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two versions of a journey side by side: running enrollments keep the version they entered. */
class VersionsTest {
  private static final Instant T = Instant.parse("2026-02-02T09:00:00Z");

  private final MutableClock clock = new MutableClock(T);
  private final List<Dispatch> outbox = new ArrayList<>();

  private final Action hello = action("hello").via(IN_APP).build();
  private final Action tips = action("tips").via(IN_APP).build();
  private final Action helloV2 = action("hello-v2").via(IN_APP).build();
  private final Action tipsV2 = action("tips-v2").via(IN_APP).build();

  private final Journey v1 = journey("welcome").enterOn("signed_up")
      .steps(send(hello), delay(Duration.ofDays(1)), send(tips))
      .build();

  private Engine engine() {
    return Engine.builder().clock(clock).journeys(v1).dispatcher(outbox::add).build();
  }

  private void signUp(Engine engine, String customer, Instant at) {
    clock.set(at);
    engine.track(event(customer, "signed_up").at(at));
  }

  private List<String> sent() {
    return outbox.stream().map(d -> d.customer() + " " + d.action().name() + " v"
        + d.journeyVersion() + " at " + d.at()).toList();
  }

  private static EnrollmentReport report(Engine engine, String customer) {
    return engine.explain(customer).enrollment("welcome").orElseThrow();
  }

  @Test
  void a_customer_in_version_one_keeps_its_steps_while_new_customers_enter_version_two() {
    Engine engine = engine();
    signUp(engine, "ada", T);
    Journey v2 = Journey.from(v1).version(2)
        .steps(send(helloV2), delay(Duration.ofHours(12)), send(tipsV2))
        .build();

    engine.deploy(v2);
    signUp(engine, "bob", T.plus(Duration.ofHours(1)));
    EnrollmentReport bobWaiting = report(engine, "bob");
    engine.advanceTo(T.plus(Duration.ofDays(2)));

    assertThat(sent()).containsExactly(
        "ada hello v1 at " + T,
        "bob hello-v2 v2 at " + T.plus(Duration.ofHours(1)),
        "bob tips-v2 v2 at " + T.plus(Duration.ofHours(13)),
        "ada tips v1 at " + T.plus(Duration.ofDays(1)));
    assertThat(report(engine, "ada").version()).isEqualTo(1);
    assertThat(report(engine, "ada").status()).isEqualTo(EnrollmentStatus.COMPLETED);
    assertThat(bobWaiting.version()).isEqualTo(2);
    assertThat(bobWaiting.currentStep()).contains("2 wait(PT12H)");
    assertThat(report(engine, "bob").status()).isEqualTo(EnrollmentStatus.COMPLETED);
  }

  @Test
  void a_version_built_with_the_dsl_runs_beside_the_first() {
    Engine engine = engine();
    signUp(engine, "ada", T);
    Journey v2 = journey("welcome").version(2).enterOn("signed_up")
        .steps(send(helloV2))
        .build();

    engine.deploy(v2);
    signUp(engine, "bob", T.plus(Duration.ofHours(1)));
    engine.advanceTo(T.plus(Duration.ofDays(2)));

    assertThat(sent()).containsExactly(
        "ada hello v1 at " + T,
        "bob hello-v2 v2 at " + T.plus(Duration.ofHours(1)),
        "ada tips v1 at " + T.plus(Duration.ofDays(1)));
    assertThat(outbox).extracting(d -> d.step().orElseThrow())
        .containsExactly("1 send(hello)", "1 send(hello-v2)", "3 send(tips)");
  }

  @Test
  void stats_add_up_every_version_and_steps_report_the_latest() {
    Engine engine = engine();
    signUp(engine, "ada", T);
    engine.deploy(Journey.from(v1).version(2).steps(send(helloV2)).build());

    signUp(engine, "bob", T.plus(Duration.ofHours(1)));
    signUp(engine, "cy", T.plus(Duration.ofHours(2)));
    engine.advanceTo(T.plus(Duration.ofDays(2)));

    JourneyStats stats = engine.journeyStats("welcome");
    assertThat(stats.treated()).isEqualTo(3);
    assertThat(stats.completed()).isEqualTo(3);
    assertThat(stats.step("1").version()).isEqualTo(2);
    assertThat(stats.step("1").step()).isEqualTo("1 send(hello-v2)");
    assertThat(stats.step("1").sent()).isEqualTo(2);
    assertThat(stats.steps()).filteredOn(s -> s.version() == 1)
        .extracting(s -> s.step() + ": " + s.sent())
        .containsExactly("1 send(hello): 1", "2 wait(PT24H): 0", "3 send(tips): 1");
  }

  @Test
  void a_new_version_keeps_the_settings_of_the_one_it_was_made_from() {
    Journey v2 = Journey.from(v1).version(2).steps(send(helloV2)).build();

    assertThat(v2.name()).isEqualTo("welcome");
    assertThat(v2.version()).isEqualTo(2);
    assertThat(v2.trigger()).isSameAs(v1.trigger());
    assertThat(v2.reEntry()).isSameAs(v1.reEntry());
    assertThat(v1.version()).isEqualTo(1);
    assertThat(v1.steps()).hasSize(3);
  }

  @Test
  void deploying_another_definition_of_a_deployed_version_is_refused() {
    Engine engine = engine();
    engine.deploy(Journey.from(v1).version(2).steps(send(helloV2)).build());
    Journey otherV2 = Journey.from(v1).version(2).steps(send(tipsV2)).build();

    Throwable thrown = catchThrowable(() -> engine.deploy(otherV2));

    assertThat(thrown).isInstanceOf(IllegalStateException.class)
        .hasMessage("journey 'welcome': version 2 is already deployed; give the new definition "
            + "a new version with version(3)");
  }

  @Test
  void deploying_a_new_definition_as_version_one_again_is_refused() {
    Engine engine = engine();
    Journey otherV1 = journey("welcome").enterOn("signed_up").steps(send(helloV2)).build();

    Throwable thrown = catchThrowable(() -> engine.deploy(otherV1));

    assertThat(thrown).isInstanceOf(IllegalStateException.class)
        .hasMessage("journey 'welcome': version 1 is already deployed; give the new definition "
            + "a new version with version(2)");
  }

  @Test
  void a_refused_deploy_leaves_the_running_version_in_place() {
    Engine engine = engine();
    Journey otherV1 = journey("welcome").enterOn("signed_up").steps(send(helloV2)).build();
    catchThrowable(() -> engine.deploy(otherV1));

    signUp(engine, "ada", T);

    assertThat(sent()).containsExactly("ada hello v1 at " + T);
  }

  @Test
  void deploying_an_older_version_does_not_replace_the_newest_for_new_customers() {
    Journey v3 = Journey.from(v1).version(3).steps(send(tipsV2)).build();
    Engine engine = Engine.builder().clock(clock).journeys(v3).dispatcher(outbox::add).build();

    engine.deploy(Journey.from(v1).version(2).steps(send(helloV2)).build());
    signUp(engine, "ada", T);

    assertThat(sent()).containsExactly("ada tips-v2 v3 at " + T);
  }
}
