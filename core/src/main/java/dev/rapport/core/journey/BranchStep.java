package dev.rapport.core.journey;

import dev.rapport.core.Condition;
import dev.rapport.core.internal.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the steps of the first branch whose condition holds, or the {@code otherwise} steps, or
 * nothing; then goes on with the next step.
 *
 * <pre>{@code
 * when(c -> c.count("teammate_invited") > 0).then(send(teamSetup))
 *     .when(c -> c.in(soloUsers)).then(send(soloTips))
 *     .otherwise(send(inviteNudge))
 * }</pre>
 *
 * <p>A condition without its steps does not compile: {@link #when(Condition)} returns a {@link
 * Clause}, which is not a {@link Step} until {@link Clause#then(Step...)}.
 */
public final class BranchStep implements Step {
  private final List<Branch> branches;
  private final List<Step> otherwise;

  private BranchStep(List<Branch> branches, List<Step> otherwise) {
    this.branches = branches;
    this.otherwise = otherwise;
  }

  /**
   * Starts a branch.
   *
   * @param condition the first condition
   * @return the clause, to complete with {@link Clause#then(Step...)}
   * @throws IllegalArgumentException if null
   */
  public static Clause start(Condition condition) {
    Checks.notNull("when(condition)", "condition", condition);
    return new Clause(List.of(), condition);
  }

  /**
   * Adds another branch, tried if the earlier ones do not hold.
   *
   * @param condition its condition
   * @return the clause, to complete with {@link Clause#then(Step...)}
   * @throws IllegalArgumentException if null
   * @throws IllegalStateException if {@code otherwise} was already given
   */
  public Clause when(Condition condition) {
    Checks.notNull("when(condition)", "condition", condition);
    if (otherwise != null) {
      throw new IllegalStateException("when(...): comes after otherwise(...); "
          + "put otherwise(...) last");
    }
    return new Clause(branches, condition);
  }

  /**
   * Adds the steps run when no branch holds.
   *
   * @param steps the steps
   * @return the new step
   * @throws IllegalArgumentException if none is given or one is null
   * @throws IllegalStateException if {@code otherwise} was already given
   */
  public BranchStep otherwise(Step... steps) {
    Checks.once("when(...)", "otherwise", otherwise != null);
    return new BranchStep(branches, Steps.copy("otherwise", steps));
  }

  /**
   * Returns the branches, in the order they are tried.
   *
   * @return the branches
   */
  public List<Branch> branches() {
    return branches;
  }

  /**
   * Returns the steps run when no branch holds.
   *
   * @return the steps, if given
   */
  public Optional<List<Step>> otherwise() {
    return Optional.ofNullable(otherwise);
  }

  @Override
  public String describe() {
    return "when(" + branches.size() + (branches.size() == 1 ? " branch" : " branches")
        + (otherwise != null ? ", otherwise" : "") + ")";
  }

  @Override
  public String toString() {
    return describe();
  }

  /**
   * One branch: a condition and its steps.
   *
   * @param condition the condition
   * @param steps the steps run when it holds
   */
  public record Branch(Condition condition, List<Step> steps) {}

  /** A branch's condition waiting for its steps; not a step. */
  public static final class Clause {
    private final List<Branch> before;
    private final Condition condition;

    private Clause(List<Branch> before, Condition condition) {
      this.before = before;
      this.condition = condition;
    }

    /**
     * Gives the branch its steps.
     *
     * @param steps the steps
     * @return the branch step
     * @throws IllegalArgumentException if none is given or one is null
     */
    public BranchStep then(Step... steps) {
      List<Branch> all = new ArrayList<>(before);
      all.add(new Branch(condition, Steps.copy("when(...).then", steps)));
      return new BranchStep(List.copyOf(all), null);
    }
  }
}
