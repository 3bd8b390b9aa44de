package dev.rapport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rapport.core.RhythmEngagement.Population;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The expected coming occasions under BG/NBD ({@link Population#expectedOccasions}), what the
 * predicted customer lifetime value multiplies: the published figure of the model's paper, and
 * its closed form wherever that applies ({@code a > 1}).
 */
class BgNbdExpectationTest {

  @Test
  void matches_the_published_cdnow_example() {
    // Fader, Hardie and Lee (2005), section 5: the CDNOW parameters (weeks as the unit), a
    // customer with 2 repeat purchases, the latest at 30.43 weeks, observed for 38.86 weeks,
    // expects 1.226 purchases over the next 39 weeks
    Population cdnow = new Population(0.243, 4.414, 0.793, 2.426);

    double expected = cdnow.expectedOccasions(2, 30.43, 38.86, 39);

    assertThat(expected).isCloseTo(1.226, within(0.0005));
  }

  @ParameterizedTest(name = "r={0} alpha={1} a={2} b={3} x={4} t={5} T={6} H={7}")
  @CsvSource({
      "2, 20, 1.5, 4, 5, 80, 120, 365",
      "0.5, 10, 3, 2, 0, 0, 40, 90",
      "1.2, 45, 2.2, 0.7, 7, 300, 310, 730",
      "1, 30, 4, 3, 1, 10, 25, 365"})
  void agrees_with_the_closed_form_where_it_applies(double r, double alpha, double a, double b,
      long x, double t, double age, double horizon) {
    double closed = closedForm(r, alpha, a, b, x, t, age, horizon);

    double integrated = new Population(r, alpha, a, b).expectedOccasions(x, t, age, horizon);

    assertThat(integrated).isCloseTo(closed, within(1e-9 * Math.max(1, closed)));
  }

  @ParameterizedTest(name = "r={0} alpha={1} a={2} b={3} x={4} t={5} T={6} H={7}")
  @CsvSource({
      "1, 30, 1000, 1e8, 3, 100, 150, 365, 8.11040184571515647",
      "2, 40, 50, 200, 5, 100, 150, 365, 1.49231513978595709",
      "0.5, 20, 300, 80, 2, 30, 60, 365, 0.0958819259796550769"})
  void keeps_its_digits_for_populations_far_from_the_defaults(double r, double alpha, double a,
      double b, long x, double t, double age, double horizon, double mpmath) {
    // the reference: the same integral by mpmath at 30 digits, split around the peak
    double integrated = new Population(r, alpha, a, b).expectedOccasions(x, t, age, horizon);

    assertThat(integrated).isCloseTo(mpmath, within(1e-8 * mpmath));
  }

  @Test
  void silence_lowers_and_a_longer_horizon_raises_the_expectation() {
    Population p = Population.ofDefaults();

    double recent = p.expectedOccasions(4, 60, 65, 365);
    double silent = p.expectedOccasions(4, 60, 200, 365);
    double longer = p.expectedOccasions(4, 60, 65, 730);

    assertThat(silent).isLessThan(recent);
    assertThat(longer).isGreaterThan(recent);
    assertThat(p.expectedOccasions(4, 60, 65, 0)).isZero();
  }

  @Test
  void bad_arguments_are_refused_with_what_to_do() {
    Population p = Population.ofDefaults();

    assertThatThrownBy(() -> p.expectedOccasions(-1, 0, 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rhythm engagement: expectedOccasions has -1 repeat occasions; give 0 or "
            + "more");
    assertThatThrownBy(() -> p.expectedOccasions(1, 10, 5, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rhythm engagement: expectedOccasions has firstToNowDays 5.0 below "
            + "firstToLatestDays 10.0; the latest occasion cannot be after now");
    assertThatThrownBy(() -> p.expectedOccasions(1, 0, 5, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rhythm engagement: expectedOccasions has horizonDays NaN; give a finite "
            + "number of days, 0 or more");
  }

  /** Fader, Hardie and Lee (2005), equation 10, with the Gauss hypergeometric series. */
  private static double closedForm(double r, double alpha, double a, double b, long x, double t,
      double age, double h) {
    double z = h / (alpha + age + h);
    double f = hypergeometric(r + x, b + x, a + b + x - 1, z);
    double num = (a + b + x - 1) / (a - 1)
        * (1 - Math.pow((alpha + age) / (alpha + age + h), r + x) * f);
    double den = 1 + (x > 0 ? a / (b + x - 1) * Math.pow((alpha + age) / (alpha + t), r + x) : 0);
    return num / den;
  }

  private static double hypergeometric(double a, double b, double c, double z) {
    double term = 1;
    double sum = 1;
    for (int n = 0; n < 100_000 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
      term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
      sum += term;
    }
    return sum;
  }
}
