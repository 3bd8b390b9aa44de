package dev.rapport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rapport.core.RhythmEngagement.Population;
import dev.rapport.core.engine.Engine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The BG/NBD estimation: the log-gamma it rests on, parameters recovered from a population
 * simulated under known ones, and the fit over customer views with its refusals.
 */
class BgNbdFitTest {

  @Test
  void log_gamma_matches_known_values() {
    assertThat(BgNbdFit.lnGamma(1)).isCloseTo(0, within(1e-12));
    assertThat(BgNbdFit.lnGamma(5)).isCloseTo(Math.log(24), within(1e-12));
    assertThat(BgNbdFit.lnGamma(0.5)).isCloseTo(Math.log(Math.sqrt(Math.PI)), within(1e-12));
    assertThat(BgNbdFit.lnGamma(0.1)).isCloseTo(2.252712651734206, within(1e-10));
    assertThat(BgNbdFit.lnGamma(171.5)).isCloseTo(709.1431630309282, within(1e-8));
  }

  @Test
  void parameters_of_a_simulated_population_are_recovered() {
    double r = 0.8;
    double alpha = 20;
    double a = 0.6;
    double b = 2.5;
    SplittableRandom random = new SplittableRandom(7);
    int n = 20_000;
    long[] x = new long[n];
    double[] t = new double[n];
    double[] age = new double[n];
    for (int i = 0; i < n; i++) {
      double lambda = gamma(random, r) / alpha;
      double ga = gamma(random, a);
      double p = ga / (ga + gamma(random, b));
      double observed = 100 + random.nextDouble() * 300;
      double clock = 0;
      long purchases = 0;
      double last = 0;
      while (true) {
        clock += -Math.log(1 - random.nextDouble()) / lambda;
        if (clock > observed) {
          break;
        }
        purchases++;
        last = clock;
        if (random.nextDouble() < p) {
          break; // inactive after this purchase
        }
      }
      x[i] = purchases;
      t[i] = last;
      age[i] = observed;
    }

    double[] fitted = new BgNbdFit(x, t, age).fit();

    assertThat(fitted[0]).as("r").isCloseTo(r, within(0.1 * r));
    assertThat(fitted[1]).as("alpha").isCloseTo(alpha, within(0.15 * alpha));
    assertThat(fitted[2]).as("a").isCloseTo(a, within(0.2 * a));
    assertThat(fitted[3]).as("b").isCloseTo(b, within(0.3 * b));
  }

  /** A gamma variate of scale 1 (Marsaglia and Tsang, boosted below shape 1). */
  private static double gamma(SplittableRandom random, double shape) {
    if (shape < 1) {
      return gamma(random, shape + 1) * Math.pow(random.nextDouble(), 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double z;
      double v;
      do {
        z = normal(random);
        v = 1 + c * z;
      } while (v <= 0);
      v = v * v * v;
      double u = random.nextDouble();
      if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }

  private static double normal(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  @Test
  void a_fit_reads_customer_views_and_its_population_scores() {
    Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
    Instant end = t0.plus(Duration.ofDays(200));
    Engine engine = Engine.builder().clock(Clock.fixed(end, ZoneOffset.UTC)).build();
    SplittableRandom random = new SplittableRandom(11);
    List<Customer> seen = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String id = "c-" + i;
      long gap = 5 + random.nextInt(60);
      int orders = 1 + random.nextInt((int) Math.min(6, 199 / gap));
      for (int k = 0; k < orders; k++) {
        engine.track(Event.of(id, "order_placed", t0.plus(Duration.ofDays(gap * k))));
        // a second line of the same order changes nothing
        engine.track(Event.builder(id, "order_placed").id(id + "-" + k + "-line-2")
            .at(t0.plus(Duration.ofDays(gap * k))));
      }
      seen.add(engine.customer(id).orElseThrow());
    }

    Population fitted = Population.fit(seen, Set.of("order_placed"));
    RhythmEngagement model = RhythmEngagement.builder(Set.of("order_placed"))
        .population(fitted).build();

    assertThat(fitted.r()).isPositive();
    assertThat(fitted.alphaDays()).isPositive();
    assertThat(model.population()).isEqualTo(fitted);
    assertThat(model.lapseRisk(seen.get(0))).isPresent();
    assertThat(Population.fit(seen, Set.of("order_placed"))).as("deterministic")
        .isEqualTo(fitted);
  }

  @Test
  void a_fit_without_repeat_engagements_is_refused() {
    Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
    Engine engine = Engine.builder().clock(Clock.fixed(t0, ZoneOffset.UTC)).build();
    List<Customer> seen = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      engine.track(Event.of("c-" + i, "order_placed", t0));
      seen.add(engine.customer("c-" + i).orElseThrow());
    }

    assertThatThrownBy(() -> Population.fit(seen, Set.of("order_placed")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rhythm engagement fit: 0 of 20 customers engaged more than once in "
            + "[order_placed]; a rhythm needs repeat engagements: give at least 10 such "
            + "customers (hundreds for a stable estimate), or keep Population.ofDefaults()");
  }
}
