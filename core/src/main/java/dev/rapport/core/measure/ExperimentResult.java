package dev.rapport.core.measure;

import java.util.List;
import java.util.Optional;

/**
 * The result of an experiment: a journey's holdout (treated against held out) or one of its
 * random splits (each arm against the first). Lift is the treatment's conversion rate minus the
 * control's (absolute) and that difference over the control's rate (relative); the 95% interval
 * and the p-value come from the two-proportion z-test.
 *
 * @param journey the journey
 * @param experiment {@code holdout}, or the split's name
 * @param control the control arm
 * @param treatment the treatment arm compared with it
 * @param absoluteLift treatment rate minus control rate
 * @param relativeLift the absolute lift over the control rate (NaN if the control rate is 0)
 * @param ciLow the low end of the 95% confidence interval of the absolute lift
 * @param ciHigh the high end of the 95% confidence interval of the absolute lift
 * @param pValue the two-sided p-value of the two-proportion z-test (pooled)
 * @param warning why the result should not be trusted yet, such as too small a sample
 * @param otherArms further arms of a split, each compared with the control in its own result
 */
public record ExperimentResult(String journey, String experiment, ArmResult control,
    ArmResult treatment, double absoluteLift, double relativeLift, double ciLow, double ciHigh,
    double pValue, Optional<String> warning, List<ExperimentResult> otherArms) {

  /**
   * Compares the arms of an experiment: each treatment against the control, with the
   * two-proportion z-test.
   *
   * @param journey the journey the experiment belongs to
   * @param experiment {@code holdout}, or the split's name
   * @param control the control arm
   * @param treatment the treatment compared with it in the result itself
   * @param otherTreatments further arms of a split, each compared with the control in {@link
   *     #otherArms()}, in this order
   * @param minSamplePerArm the fewest customers an arm needs before the result is trusted
   * @return the lifts, the 95% interval of the absolute lift, the p-value, and a warning when the
   *     sample is too small
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if an arm has a negative count or more conversions than
   *     customers, or the minimum sample is negative
   */
  public static ExperimentResult of(String journey, String experiment, ArmResult control,
      ArmResult treatment, List<ArmResult> otherTreatments, long minSamplePerArm) {
    return Experiments.compare(journey, experiment, control, treatment, otherTreatments,
        minSamplePerArm);
  }
}
