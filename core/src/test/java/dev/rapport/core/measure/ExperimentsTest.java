package dev.rapport.core.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExperimentsTest {
  private static final double Z_95 = 1.959963984540054;

  private static ExperimentResult compare(ArmResult control, ArmResult treatment) {
    return Experiments.compare("onboarding", "holdout", control, treatment, List.of(), 100);
  }

  // ------------------------------------------------------------ the normal distribution

  /** References computed with mpmath at 40 digits: Φ(x) = erfc(-x / √2) / 2. */
  @ParameterizedTest
  @CsvSource({
      "0, 0.5",
      "0.5, 0.69146246127401310364",
      "1, 0.84134474606854294859",
      "-1.5, 0.066807201268858066004",
      "1.959963984540054, 0.97499999999999998623",
      "2.5, 0.99379033467422386483",
      "2.9999, 0.99864965871704507603",
      "3, 0.99865010196836990547",
      "3.0001, 0.99865054508673928189",
      "-3, 0.0013498980316300945267",
      "4, 0.99996832875816688008"})
  void normal_cdf_matches_high_precision_references(double x, double expected) {
    assertThat(Experiments.normalCdf(x)).isCloseTo(expected, within(2e-16 + 1e-14 * expected));
  }

  /** The upper tail keeps its relative precision where 1 - Φ(x) rounds to 0. */
  @ParameterizedTest
  @CsvSource({
      "0.5, 0.30853753872598689636",
      "2.5, 0.006209665325776135167",
      "2.9999, 0.0013503412829549239701",
      "3.0001, 0.0013494549132607181062",
      "4, 0.000031671241833119921254",
      "5, 2.8665157187919391167e-7",
      "8, 6.2209605742717841235e-16",
      "10, 7.619853024160526066e-24",
      "20, 2.7536241186062336951e-89",
      "37, 5.7255712225245768227e-300"})
  void normal_upper_tail_is_accurate_far_into_the_tail(double x, double expected) {
    assertThat(Experiments.normalUpperTail(x)).isCloseTo(expected, withinPercentage(1e-11));
  }

  @Test
  void normal_cdf_handles_the_extremes() {
    assertThat(Experiments.normalCdf(Double.NEGATIVE_INFINITY)).isZero();
    assertThat(Experiments.normalCdf(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
    assertThat(Experiments.normalUpperTail(50)).isZero();
    assertThat(Experiments.normalCdf(Double.NaN)).isNaN();
  }

  @Property
  void normal_cdf_is_symmetric_and_increasing(@ForAll @DoubleRange(min = -12, max = 12) double x) {
    assertThat(Experiments.normalCdf(x) + Experiments.normalCdf(-x)).isCloseTo(1, within(1e-15));
    assertThat(Experiments.normalCdf(x + 1e-3)).isGreaterThanOrEqualTo(Experiments.normalCdf(x));
  }

  // ------------------------------------------------------------ lift, interval and p-value

  @Test
  void textbook_200_of_1000_against_150_of_1000() {
    ArmResult control = new ArmResult("control", 1000, 150);
    ArmResult treatment = new ArmResult("treatment", 1000, 200);

    ExperimentResult r = compare(control, treatment);

    // 0.05 / sqrt(0.175 * 0.825 * 0.002) = 2.94245, and 2 (1 - Φ(2.94245)) = 0.0032563
    // (mpmath, 40 digits); the Wald interval is 0.05 ± 1.96 sqrt(0.2*0.8/1000 + 0.15*0.85/1000)
    assertThat(r.absoluteLift()).isCloseTo(0.05, within(1e-15));
    assertThat(r.relativeLift()).isCloseTo(1.0 / 3, within(1e-15));
    assertThat(r.pValue()).isCloseTo(0.0032562696284120737, withinPercentage(1e-9));
    assertThat(r.ciLow()).isCloseTo(0.016767193754520806, within(1e-15));
    assertThat(r.ciHigh()).isCloseTo(0.083232806245479194, within(1e-15));
    assertThat(r.warning()).isEmpty();
    assertThat(r.journey()).isEqualTo("onboarding");
    assertThat(r.experiment()).isEqualTo("holdout");
    assertThat(r.control()).isEqualTo(control);
    assertThat(r.treatment()).isEqualTo(treatment);
    assertThat(r.otherArms()).isEmpty();
  }

  @Test
  void a_huge_sample_gives_a_tiny_p_value_with_full_precision() {
    ExperimentResult r = compare(new ArmResult("control", 50_000, 4_000),
        new ArmResult("treatment", 50_000, 5_000));

    assertThat(r.pValue()).isCloseTo(2.1947777640374181e-28, withinPercentage(1e-8));
    assertThat(r.ciLow()).isCloseTo(0.016454685731657745, within(1e-15));
    assertThat(r.ciHigh()).isCloseTo(0.023545314268342255, within(1e-15));
  }

  @ParameterizedTest
  @CsvSource({
      "1000, 150, 1000, 200",
      "460, 138, 4200, 1596",
      "100, 20, 900, 300",
      "1000, 120, 1000, 100",
      "2500, 31, 1800, 40",
      "333, 111, 777, 250"})
  void lift_interval_and_p_value_follow_the_formulas(long nc, long xc, long nt, long xt) {
    ExperimentResult r = compare(new ArmResult("control", nc, xc),
        new ArmResult("treatment", nt, xt));

    double pc = (double) xc / nc;
    double pt = (double) xt / nt;
    double diff = pt - pc;
    double half = Z_95 * Math.sqrt(pt * (1 - pt) / nt + pc * (1 - pc) / nc);
    double pooled = (double) (xc + xt) / (nc + nt);
    double z = diff / Math.sqrt(pooled * (1 - pooled) * (1.0 / nt + 1.0 / nc));
    assertThat(r.absoluteLift()).isCloseTo(diff, within(1e-15));
    assertThat(r.relativeLift()).isCloseTo(diff / pc, within(1e-13));
    assertThat(r.ciLow()).isCloseTo(diff - half, within(1e-15));
    assertThat(r.ciHigh()).isCloseTo(diff + half, within(1e-15));
    assertThat(r.pValue())
        .isCloseTo(2 * (1 - Experiments.normalCdf(Math.abs(z))), within(1e-14))
        .isCloseTo(2 * Experiments.normalUpperTail(Math.abs(z)), within(1e-15));
  }

  @Test
  void a_negative_lift_has_the_same_p_value_as_the_positive_one() {
    ExperimentResult worse = compare(new ArmResult("control", 1000, 120),
        new ArmResult("treatment", 1000, 100));
    ExperimentResult better = compare(new ArmResult("control", 1000, 100),
        new ArmResult("treatment", 1000, 120));

    assertThat(worse.absoluteLift()).isCloseTo(-0.02, within(1e-15));
    assertThat(worse.relativeLift()).isCloseTo(-1.0 / 6, within(1e-15));
    assertThat(worse.pValue()).isCloseTo(0.15291778186394597, withinPercentage(1e-9))
        .isEqualTo(better.pValue());
    assertThat(worse.ciLow()).isCloseTo(-0.047411481998019933, within(1e-15));
    assertThat(worse.ciHigh()).isCloseTo(0.007411481998019933, within(1e-15));
  }

  // ------------------------------------------------------------ splits

  @Test
  void further_arms_of_a_split_are_each_compared_with_the_control() {
    ArmResult a = new ArmResult("A", 1400, 532);
    ArmResult b = new ArmResult("B", 1400, 588);
    ArmResult c = new ArmResult("C", 1400, 505);

    ExperimentResult r =
        Experiments.compare("onboarding", "welcome_copy", a, b, List.of(c), 200);

    assertThat(r.treatment()).isEqualTo(b);
    assertThat(r.absoluteLift()).isCloseTo(0.04, within(1e-15));
    assertThat(r.otherArms()).singleElement().satisfies(other -> {
      ExperimentResult alone = Experiments.compare("onboarding", "welcome_copy", a, c,
          List.of(), 200);
      assertThat(other).isEqualTo(alone);
      assertThat(other.control()).isEqualTo(a);
      assertThat(other.treatment()).isEqualTo(c);
      assertThat(other.absoluteLift()).isCloseTo((505 - 532) / 1400.0, within(1e-15));
      assertThat(other.otherArms()).isEmpty();
    });
    assertThat(r.otherArms()).isUnmodifiable();
  }

  // ------------------------------------------------------------ warnings

  @Test
  void warns_when_an_arm_has_fewer_customers_than_the_minimum() {
    ExperimentResult r = Experiments.compare("win-back", "holdout",
        new ArmResult("held out", 90, 20), new ArmResult("treated", 820, 98), List.of(), 200);

    assertThat(r.warning()).hasValue(
        "too small a sample: arm 'held out' has 90 customers (minimum 200)");
    assertThat(r.pValue()).isBetween(0.0, 1.0);
  }

  @Test
  void warns_when_an_arm_has_fewer_than_ten_conversions_or_non_conversions() {
    ExperimentResult few = compare(new ArmResult("held out", 500, 9),
        new ArmResult("treated", 500, 30));
    ExperimentResult almostAll = compare(new ArmResult("held out", 500, 400),
        new ArmResult("treated", 500, 495));

    assertThat(few.warning()).hasValue(
        "too small a sample: arm 'held out' has 9 conversions (minimum 10)");
    assertThat(almostAll.warning()).hasValue(
        "too small a sample: arm 'treated' has 5 non-conversions (minimum 10)");
  }

  @Test
  void lists_every_problem_of_both_arms_in_one_warning() {
    ExperimentResult r = compare(new ArmResult("held out", 8, 2),
        new ArmResult("treated", 50, 45));

    assertThat(r.warning()).hasValue("too small a sample: "
        + "arm 'held out' has 8 customers (minimum 100); "
        + "arm 'held out' has 2 conversions (minimum 10); "
        + "arm 'held out' has 6 non-conversions (minimum 10); "
        + "arm 'treated' has 50 customers (minimum 100); "
        + "arm 'treated' has 5 non-conversions (minimum 10)");
  }

  @Test
  void no_warning_at_exactly_the_minimum() {
    ExperimentResult r = compare(new ArmResult("held out", 100, 10),
        new ArmResult("treated", 100, 90));

    assertThat(r.warning()).isEmpty();
  }

  // ------------------------------------------------------------ edge cases

  @Test
  void an_arm_with_no_customer_gives_no_number_and_a_warning() {
    ExperimentResult noControl = compare(new ArmResult("held out", 0, 0),
        new ArmResult("treated", 400, 80));
    ExperimentResult noTreatment = compare(new ArmResult("held out", 400, 80),
        new ArmResult("treated", 0, 0));

    for (ExperimentResult r : List.of(noControl, noTreatment)) {
      assertThat(r.absoluteLift()).isNaN();
      assertThat(r.relativeLift()).isNaN();
      assertThat(r.ciLow()).isNaN();
      assertThat(r.ciHigh()).isNaN();
      assertThat(r.pValue()).isNaN();
      assertThat(r.warning()).hasValueSatisfying(
          w -> assertThat(w).startsWith("too small a sample: ").contains("has 0 customers"));
    }
    assertThat(noControl.control().rate()).isNaN();
  }

  @Test
  void no_conversion_anywhere_gives_no_evidence_of_a_difference() {
    ExperimentResult none = compare(new ArmResult("held out", 500, 0),
        new ArmResult("treated", 500, 0));
    ExperimentResult all = compare(new ArmResult("held out", 500, 500),
        new ArmResult("treated", 500, 500));

    assertThat(none.pValue()).isEqualTo(1.0);
    assertThat(none.absoluteLift()).isZero();
    assertThat(none.relativeLift()).isNaN();
    assertThat(none.ciLow()).isZero();
    assertThat(none.ciHigh()).isZero();
    assertThat(all.pValue()).isEqualTo(1.0);
    assertThat(all.relativeLift()).isZero();
  }

  @Test
  void a_control_that_never_converts_has_no_relative_lift_but_a_p_value() {
    ExperimentResult r = compare(new ArmResult("held out", 500, 0),
        new ArmResult("treated", 500, 25));

    assertThat(r.relativeLift()).isNaN();
    assertThat(r.absoluteLift()).isCloseTo(0.05, within(1e-15));
    assertThat(r.pValue()).isGreaterThan(0).isLessThan(1e-6);
  }

  @Test
  void refuses_more_conversions_than_customers() {
    assertThatThrownBy(() -> compare(new ArmResult("held out", 100, 10),
        new ArmResult("treated", 10, 12)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("experiment 'holdout' of journey 'onboarding': treatment arm 'treated' has"
            + " 12 conversions of 10 customers; counts must be 0 or more, with conversions at"
            + " most the customers");
  }

  @Test
  void refuses_negative_counts_and_a_negative_minimum() {
    assertThatThrownBy(() -> compare(new ArmResult("held out", -1, 0),
        new ArmResult("treated", 10, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("control arm 'held out' has 0 conversions of -1 customers");
    assertThatThrownBy(() -> Experiments.compare("onboarding", "holdout",
        new ArmResult("held out", 10, 1), new ArmResult("treated", 10, 2), List.of(), -5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("experiment 'holdout' of journey 'onboarding': minSamplePerArm is -5;"
            + " use 0 or more");
  }
}
