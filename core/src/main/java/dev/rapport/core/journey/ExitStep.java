package dev.rapport.core.journey;

/** Ends the enrollment; nothing may follow it in the same block. */
public final class ExitStep implements Step {
  private static final ExitStep INSTANCE = new ExitStep();

  private ExitStep() {}

  /**
   * Returns the exit step.
   *
   * @return the step
   */
  public static ExitStep of() {
    return INSTANCE;
  }

  @Override
  public String describe() {
    return "exit()";
  }

  @Override
  public String toString() {
    return describe();
  }
}
