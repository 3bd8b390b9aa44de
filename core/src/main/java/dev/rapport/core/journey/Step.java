package dev.rapport.core.journey;

/**
 * One step of a journey. The built-in kinds are {@link SendStep}, {@link WaitStep}, {@link
 * WaitUntilStep}, {@link WaitForStep}, {@link BranchStep}, {@link SplitStep}, {@link ExitStep}
 * and {@link DecideStep}, immutable values usually made with the DSL's verbs; a step of the
 * host's own is a {@link CustomStep}. The set is sealed, so that the engine knows every kind it
 * may meet.
 */
public sealed interface Step permits SendStep, WaitStep, WaitUntilStep, WaitForStep, BranchStep,
    SplitStep, ExitStep, DecideStep, CustomStep {
  /**
   * Returns a short description for diagrams and explanations, such as {@code send(welcome)}.
   *
   * @return the description
   */
  String describe();
}
