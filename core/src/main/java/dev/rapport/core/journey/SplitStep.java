package dev.rapport.core.journey;

import dev.rapport.core.internal.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends each customer down one of several named, weighted arms, chosen by a deterministic hash of
 * the journey, the split and the customer: the same customer always gets the same arm, across
 * runs and machines. Conversion is measured per arm. After the arm's steps, the journey goes on
 * with the next step.
 *
 * <pre>{@code
 * split("subject-line")
 *     .arm("short", 1, send(welcomeShort))
 *     .arm("long", 1, send(welcomeLong))
 * }</pre>
 */
public final class SplitStep implements Step {
  private final String name;
  private final List<Arm> arms;

  private SplitStep(String name, List<Arm> arms) {
    this.name = name;
    this.arms = arms;
  }

  /**
   * Starts a split with no arm yet; a journey refuses a split with fewer than two.
   *
   * @param name the split's name, used in measurement
   * @return the split
   * @throws IllegalArgumentException if the name is null or blank
   */
  public static SplitStep named(String name) {
    return new SplitStep(Checks.name("split", name), List.of());
  }

  /**
   * Returns a copy with one more arm.
   *
   * @param armName the arm's name, unique in the split
   * @param weight its weight, positive
   * @param steps the arm's steps, possibly none (a control arm)
   * @return the new split
   * @throws IllegalArgumentException if the name is blank or repeated, or the weight not positive
   */
  public SplitStep arm(String armName, double weight, Step... steps) {
    String owner = "split '" + name + "'";
    Checks.name(owner + ": arm", armName);
    if (!(weight > 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException(owner + ": arm '" + armName + "' has weight " + weight
          + "; give a positive, finite weight");
    }
    for (Arm a : arms) {
      if (a.name().equals(armName)) {
        throw new IllegalArgumentException(owner + ": arm '" + armName
            + "' is given twice; give each arm a unique name");
      }
    }
    List<Step> armSteps = steps.length == 0 ? List.of()
        : Steps.copy(owner + ": arm '" + armName + "'", steps);
    List<Arm> all = new ArrayList<>(arms);
    all.add(new Arm(armName, weight, armSteps));
    return new SplitStep(name, List.copyOf(all));
  }

  /**
   * Returns the split's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the arms.
   *
   * @return the arms
   */
  public List<Arm> arms() {
    return arms;
  }

  @Override
  public String describe() {
    return "split(" + name + ")";
  }

  @Override
  public String toString() {
    return describe();
  }

  /**
   * One arm of a split.
   *
   * @param name the arm's name
   * @param weight its weight
   * @param steps its steps
   */
  public record Arm(String name, double weight, List<Step> steps) {}
}
