package dev.rapport.core.journey;

/**
 * One step of a journey. The kinds are {@link SendStep}, {@link WaitStep}, {@link WaitUntilStep},
 * {@link WaitForStep}, {@link BranchStep}, {@link SplitStep} and {@link ExitStep}; they are
 * immutable values, usually made with the DSL's verbs.
 */
public interface Step {
  /**
   * Returns a short description for diagrams and explanations, such as {@code send(welcome)}.
   *
   * @return the description
   */
  String describe();
}
