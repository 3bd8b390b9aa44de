package dev.rapport.docs;

import static dev.rapport.dsl.Rapport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rapport.core.Action;
import dev.rapport.core.EventTypes;
import dev.rapport.core.journey.Journey;
import dev.rapport.core.measure.ArmResult;
import dev.rapport.core.measure.Breakdown;
import dev.rapport.core.measure.ExperimentResult;
import dev.rapport.core.measure.EventSelector;
import dev.rapport.core.measure.Metric;
import dev.rapport.report.DashboardReport;
import dev.rapport.testkit.Scenario;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The samples of guide/experiments.md, run. */
class ExperimentsGuideTest {
  private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");

  Action secondOrder = action("second-order").topic("offers").via(IN_APP).build();
  Action shortCopy = action("welcome-short").via(IN_APP).build();
  Action longCopy = action("welcome-long").via(IN_APP).build();

  /** Customers who got the offer buy again more often than those who did not. */
  private static void simulate(Scenario s, int customers) {
    for (int i = 0; i < customers; i++) {
      s.track("c-" + i, "first_purchase");
    }
    s.after(Duration.ofDays(2));
    for (int i = 0; i < customers; i++) {
      String id = "c-" + i;
      boolean gotOffer = !s.outbox().to(id).isEmpty();
      if (i % (gotOffer ? 3 : 5) == 0) {
        s.track(id, "purchased");
      }
    }
  }

  @Test
  void a_holdout_measures_the_lift_of_a_journey() {
    // snippet: experiments-holdout
    Journey secondPurchase = journey("second-purchase")
        .enterOn("first_purchase")
        .goal("purchased").within(Duration.ofDays(30))
        .holdout(0.5)
        .steps(delay(Duration.ofDays(1)), send(secondOrder))
        .build();

    Scenario s = Scenario.startingAt(MONDAY, engine -> engine.journeys(secondPurchase));
    simulate(s, 600);      // treated customers buy again more often

    ExperimentResult holdout = s.engine().dashboard().experiments().get(0);
    ArmResult control = holdout.control();
    ArmResult treated = holdout.treatment();

    assertThat(holdout.experiment()).isEqualTo("holdout");
    assertThat(control.name()).isEqualTo("holdout");
    assertThat(treated.name()).isEqualTo("treated");
    assertThat(holdout.absoluteLift()).isEqualTo(treated.rate() - control.rate());
    assertThat(holdout.ciLow()).isPositive();          // the 95% interval excludes 0
    assertThat(holdout.pValue()).isLessThan(0.05);
    assertThat(holdout.warning()).isEmpty();
    // end

    assertThat(control.entered() + treated.entered()).isEqualTo(600);
    assertThat(control.entered()).isBetween(250L, 350L);
    assertThat(holdout.relativeLift())
        .isCloseTo(holdout.absoluteLift() / control.rate(), within(1e-12));
    double half = 1.959963984540054 * Math.sqrt(treated.rate() * (1 - treated.rate())
        / treated.entered() + control.rate() * (1 - control.rate()) / control.entered());
    assertThat(holdout.ciLow()).isCloseTo(holdout.absoluteLift() - half, within(1e-12));
    assertThat(holdout.ciHigh()).isCloseTo(holdout.absoluteLift() + half, within(1e-12));
    assertThat(holdout.otherArms()).isEmpty();

    String text = DashboardReport.text(s.engine().dashboard());

    assertThat(text.substring(text.indexOf("EXPERIMENTS"), text.indexOf("SURVEY THEMES")))
        .isEqualTo("""
            EXPERIMENTS
            -----------

              ▸ second-purchase · holdout
              arm                customers  converted   rate       lift  relative  \
                         95% CI   p-value  verdict
              -----------------  ---------  ---------  -----  ---------  --------  \
            -------------------  --------  -------------------
              holdout (control)        313         50  16.0%          –         –  \
                              –         –
              treated                  287         96  33.4%  +17.48 pp   +109.4%  \
            [+10.67, +24.28] pp  < 0.0001  significant, better

            """);
  }

  @Test
  void a_split_compares_each_arm_with_the_first() {
    // snippet: experiments-split
    Journey welcome = journey("welcome")
        .enterOn("first_purchase")
        .goal("purchased").within(Duration.ofDays(30))
        .steps(split("copy")
            .arm("control", 1)
            .arm("short", 1, send(shortCopy))
            .arm("long", 1, send(longCopy)))
        .build();
    // end

    Scenario s = Scenario.startingAt(MONDAY, engine -> engine.journeys(welcome));
    simulate(s, 900);

    // snippet: experiments-split-result
    ExperimentResult copy = s.engine().dashboard().experiments().get(0);

    assertThat(copy.experiment()).isEqualTo("copy");
    assertThat(copy.control().name()).isEqualTo("control");
    assertThat(copy.treatment().name()).isEqualTo("short");
    assertThat(copy.otherArms()).singleElement().satisfies(other -> {
      assertThat(other.control().name()).isEqualTo("control");
      assertThat(other.treatment().name()).isEqualTo("long");
    });
    // end
    assertThat(copy.control().entered() + copy.treatment().entered()
        + copy.otherArms().get(0).treatment().entered()).isEqualTo(900);
  }

  @Test
  void small_samples_carry_a_warning() {
    Journey secondPurchase = journey("second-purchase")
        .enterOn("first_purchase")
        .goal("purchased").within(Duration.ofDays(30))
        .holdout(0.5)
        .steps(delay(Duration.ofDays(1)), send(secondOrder))
        .build();
    Scenario s = Scenario.startingAt(MONDAY, engine -> engine.journeys(secondPurchase));
    simulate(s, 60);

    // snippet: experiments-warning
    ExperimentResult early = s.engine().dashboard().experiments().get(0);

    assertThat(early.warning()).hasValueSatisfying(w -> assertThat(w)
        .startsWith("too small a sample: arm 'holdout' has ")
        .contains("customers (minimum 100)"));
    // end
    String text = DashboardReport.text(s.engine().dashboard());
    assertThat(text).contains("  ⚠ treated vs holdout: too small a sample: arm 'holdout' has 32 "
        + "customers (minimum 100); arm 'holdout' has 5 conversions (minimum 10); arm 'treated' "
        + "has 28 customers (minimum 100)");
  }

  @Test
  void metrics_by_arm() {
    // snippet: experiments-metric-by-arm
    Metric unsubscribes = Metric.rate("unsubscribes_by_arm")
        .count(EventSelector.type(EventTypes.UNSUBSCRIBED))
        .per(EventSelector.type(EventTypes.DISPATCHED))
        .by(Breakdown.ARM);
    // end
    Journey welcome = journey("welcome").enterOn("first_purchase")
        .steps(split("copy").arm("short", 1, send(shortCopy)).arm("long", 1, send(longCopy)))
        .build();
    Scenario s = Scenario.startingAt(MONDAY, e -> e.journeys(welcome).metrics(unsubscribes));
    for (int i = 0; i < 40; i++) {
      s.track("c-" + i, "first_purchase");
    }
    s.outbox().of("welcome-long").forEach(d -> s.track(event(d.customer().value(),
        EventTypes.UNSUBSCRIBED).with(EventTypes.DISPATCH_ID, d.id())));

    assertThat(s.engine().metric("unsubscribes_by_arm", "arm:welcome/copy/long").value())
        .isEqualTo(1.0);
    assertThat(s.engine().metric("unsubscribes_by_arm", "arm:welcome/copy/short").value())
        .isEqualTo(0.0);
    assertThat(s.engine().metric("unsubscribes_by_arm", "arm:welcome/treated").value())
        .isEqualTo(s.outbox().of("welcome-long").size() / 40.0);
  }

  @Test
  void a_held_out_customer_takes_an_arm_but_is_sent_nothing() {
    Journey both = journey("both").enterOn("first_purchase").holdout(0.5)
        .steps(split("copy").arm("short", 1, send(shortCopy)).arm("long", 1, send(longCopy)))
        .build();
    Scenario s = Scenario.startingAt(MONDAY, e -> e.journeys(both));
    for (int i = 0; i < 200; i++) {
      s.track("c-" + i, "first_purchase");
    }

    ExperimentResult copy = s.engine().dashboard().experiments().stream()
        .filter(r -> r.experiment().equals("copy")).findFirst().orElseThrow();
    assertThat(copy.control().entered() + copy.treatment().entered()).isEqualTo(200);
    assertThat(s.outbox().size()).isEqualTo((int) s.engine().journeyStats("both").treated());
  }

  @Test
  void renaming_a_split_reshuffles_its_customers() {
    Journey a = journey("j").enterOn("go")
        .steps(split("one").arm("x", 1, send(shortCopy)).arm("y", 1, send(longCopy))).build();
    Journey b = journey("j").enterOn("go")
        .steps(split("two").arm("x", 1, send(shortCopy)).arm("y", 1, send(longCopy))).build();
    Scenario first = Scenario.startingAt(MONDAY, e -> e.journeys(a));
    Scenario second = Scenario.startingAt(MONDAY, e -> e.journeys(b));
    for (int i = 0; i < 100; i++) {
      first.track("c-" + i, "go");
      second.track("c-" + i, "go");
    }

    assertThat(second.outbox().of("welcome-short").stream().map(d -> d.customer().value())
        .toList()).isNotEqualTo(first.outbox().of("welcome-short").stream()
        .map(d -> d.customer().value()).toList());
  }
}
