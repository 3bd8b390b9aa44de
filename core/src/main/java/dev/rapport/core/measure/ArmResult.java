package dev.rapport.core.measure;

/**
 * One arm of an experiment: how many customers entered it and how many converted.
 *
 * @param name the arm's name ({@code treated}, {@code holdout}, or a split arm's name)
 * @param entered the customers who entered the arm
 * @param converted those who reached the journey's goal in time
 */
public record ArmResult(String name, long entered, long converted) {
  /**
   * Returns the conversion rate, or NaN with no customer.
   *
   * @return converted / entered
   */
  public double rate() {
    return entered == 0 ? Double.NaN : (double) converted / entered;
  }
}
