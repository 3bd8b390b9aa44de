package dev.rapport.core.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.Customer;
import dev.rapport.core.EngagementScore;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.HealthScore;
import dev.rapport.core.Score;
import dev.rapport.core.Scores;
import dev.rapport.core.decision.Rule;
import dev.rapport.core.decision.RuleSet;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.MutableClock;
import dev.rapport.core.journey.BranchStep;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.journey.SendStep;
import dev.rapport.core.journey.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The engagement score and a composed health score against values computed by hand: recency
 * halving every 14 days, frequency against 8 engagements in 30 days, penalties for complaints,
 * poor CSAT answers and open tickets; the health score's weighted mean that leaves out a part
 * with no value; both read in rules and journeys, moved on time with no event, and counted on
 * the dashboard.
 */
class EngagementHealthScoreTest {
  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
  private static final Score ENGAGEMENT = Scores.engagement(Set.of("logged_in"));
  private static final Score HEALTH = HealthScore.builder()
      .part(ENGAGEMENT, 0.5)
      .part(Scores.supportLoad(), 0.3)
      .part(Scores.sentiment(), 0.2)
      .build();
  private static final Action CARE = Action.builder("care-call").via(Channel.IN_APP).build();
  private static final Action THANKS = Action.builder("thanks").via(Channel.IN_APP).build();

  private final MutableClock clock = new MutableClock(T0);
  private final List<Dispatch> sent = new ArrayList<>();

  private Engine engine() {
    return Engine.builder().clock(clock).scores(ENGAGEMENT, HEALTH)
        .rules(RuleSet.builder("care")
            .rule(Rule.builder("unhealthy").when(c -> c.score("health") < 40).recommend(CARE)
                .because("health below 40").build())
            .build())
        .journeys(Journey.builder("check-in").enterOn(Trigger.onEvent("month_closed"))
            .steps(BranchStep.start(c -> c.score(ENGAGEMENT) >= 50)
                .then(SendStep.of(THANKS)).otherwise(SendStep.of(CARE)))
            .build())
        .dispatcher(sent::add)
        .build();
  }

  private static Instant day(double d) {
    return T0.plus(Duration.ofMinutes(Math.round(d * 1440)));
  }

  private void at(Engine engine, double d, String customer, String type) {
    clock.set(day(d));
    engine.track(Event.of(customer, type, day(d)));
  }

  /** Ada logs in on days 0, 7, 14 and 20; the clock is at day 27. */
  private Engine loggedIn() {
    Engine engine = engine();
    for (double d : new double[] {0, 7, 14, 20}) {
      at(engine, d, "ada", "logged_in");
    }
    clock.set(day(27));
    engine.advanceTo(day(27));
    return engine;
  }

  @Test
  void the_engagement_score_is_recency_and_frequency_less_the_penalties() {
    Engine engine = loggedIn();
    // 7 days of silence: R = 100 * 0.5^(7/14) = 70.7107; 4 of 8 logins in 30 days: F = 50
    double base = 0.5 * 100 * Math.pow(0.5, 0.5) + 0.5 * 50;

    Customer ada = engine.customer("ada").orElseThrow();
    assertThat(ada.score("engagement")).isCloseTo(base, within(1e-9));
    assertThat(base).isCloseTo(60.355339, within(1e-6));

    at(engine, 27, "ada", EventTypes.COMPLAINED);
    assertThat(engine.customer("ada").orElseThrow().score(ENGAGEMENT))
        .as("a complaint takes 25").isCloseTo(base - 25, within(1e-9));
    engine.track(Event.builder("ada", EventTypes.TICKET_OPENED).at(day(27)));
    assertThat(engine.customer("ada").orElseThrow().score(ENGAGEMENT))
        .as("an open ticket takes 10 more").isCloseTo(base - 35, within(1e-9));
  }

  @Test
  void a_never_engaged_customer_scores_zero_and_penalties_never_go_below_it() {
    Engine engine = engine();
    at(engine, 0, "bob", EventTypes.COMPLAINED);

    assertThat(engine.customer("bob").orElseThrow().score(ENGAGEMENT)).isZero();
  }

  @Test
  void the_health_score_is_the_weighted_mean_of_the_parts_that_have_a_value() {
    Engine engine = loggedIn();
    double engagement = 0.5 * 100 * Math.pow(0.5, 0.5) + 25;

    // no survey answer: sentiment has no value and its weight is left out
    assertThat(engine.customer("ada").orElseThrow().score("health"))
        .isCloseTo((0.5 * engagement + 0.3 * 100) / 0.8, within(1e-9));

    clock.set(day(27));
    engine.track(Event.builder("ada", EventTypes.SURVEY_ANSWERED).with(EventTypes.KIND, "csat")
        .with(EventTypes.SCORE, 4).at(day(27)));
    // CSAT 4 of 5 = 75 points
    assertThat(engine.customer("ada").orElseThrow().score("health"))
        .isCloseTo(0.5 * engagement + 0.3 * 100 + 0.2 * 75, within(1e-9));

    engine.track(Event.builder("ada", EventTypes.TICKET_OPENED).at(day(27)));
    // the ticket: support 100 - 20 - 30 = 50, engagement 10 less
    assertThat(engine.customer("ada").orElseThrow().score("health"))
        .isCloseTo(0.5 * (engagement - 10) + 0.3 * 50 + 0.2 * 75, within(1e-9));
  }

  @Test
  void rules_and_journeys_read_the_scores() {
    Engine engine = loggedIn();
    at(engine, 27, "bob", "month_closed");
    at(engine, 27, "ada", "month_closed");

    assertThat(sent).extracting(d -> d.customer().value() + ":" + d.action().name())
        .containsExactlyInAnyOrder("bob:care-call", "ada:thanks");
    // bob: engagement 0, support 100: health (0 + 30) / 0.8 = 37.5, below 40
    assertThat(engine.decide("bob").winners()).extracting(r -> r.action().name())
        .containsExactly("care-call");
    assertThat(engine.decide("ada").winners()).isEmpty();
  }

  @Test
  void the_score_moves_bucket_on_time_and_the_dashboard_counts_it() {
    Engine engine = loggedIn();
    ScoreDistribution before = engine.dashboard().score("engagement", "global").orElseThrow();

    // with no event: by day 40 the logins of days 0 and 7 have left the window (F = 25) and
    // 20 days of silence leave R = 100 * 0.5^(20/14) = 37.1499: 31.07, bucket 30-40
    clock.set(day(40));
    engine.advanceTo(day(40));
    ScoreDistribution after = engine.dashboard().score("engagement", "global").orElseThrow();

    assertThat(before.customers().get(6)).as("60.4 in 60-70").isEqualTo(1);
    assertThat(after.customers().get(3)).as("31.1 in 30-40").isEqualTo(1);
    assertThat(after.total()).isEqualTo(1);
    // the mean is of the values last read, at the customer's latest review: within the bucket
    assertThat(after.mean()).isBetween(30.0, 40.0);
    assertThat(engine.customer("ada").orElseThrow().score("engagement"))
        .isCloseTo(0.5 * 100 * Math.pow(0.5, 20.0 / 14) + 12.5, within(1e-9));
    assertThat(engine.dashboard().score("health", "global")).isPresent();
  }

  @Test
  void bad_settings_are_refused_with_what_to_do() {
    assertThatThrownBy(() -> HealthScore.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("health score 'health' has no part; add one with part(score, weight), such "
            + "as part(Scores.supportLoad(), 0.3)");
    assertThatThrownBy(() -> HealthScore.builder()
        .part(Scores.predictedClv(Duration.ofDays(365)), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("health score 'health': part 'predicted_clv' is on the MONEY scale; a part "
            + "must be in points from 0 to 100 (turn it into points with Score.of(name, "
            + "Score.Scale.POINTS, ...))");
    assertThatThrownBy(() -> HealthScore.builder().part(Scores.sentiment(), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("health score 'health': part 'sentiment' has weight 0.0; give a positive "
            + "weight, such as 0.5");
    assertThatThrownBy(() -> HealthScore.builder().part(Scores.sentiment(), 1)
        .part(Scores.sentiment(), 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("health score 'health': part 'sentiment' is added twice; give each part "
            + "once, with its whole weight");
    assertThatThrownBy(() -> EngagementScore.builder(Set.of("x")).recencyWeight(1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("engagement score: recencyWeight(1.5) is not between 0 and 1; give the "
            + "share of recency, such as 0.5");
  }
}
