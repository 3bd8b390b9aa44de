package dev.rapport.core.journey;

/**
 * Thrown when an enrollment is asked to make a move that {@link EnrollmentStatus} does not allow.
 * It signals a bug in the engine or in a custom step, never bad input.
 */
public final class IllegalTransitionException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** The journey. */
  private final String journey;
  /** The customer. */
  private final String customer;
  /** The state the enrollment was in. */
  private final EnrollmentStatus from;
  /** The state it was asked to move to. */
  private final EnrollmentStatus to;

  /**
   * Makes the exception.
   *
   * @param journey the journey
   * @param customer the customer
   * @param from the current state
   * @param to the state asked for
   */
  public IllegalTransitionException(String journey, String customer, EnrollmentStatus from,
      EnrollmentStatus to) {
    super("journey '" + journey + "', customer '" + customer + "': an enrollment cannot move "
        + "from " + from + " to " + to);
    this.journey = journey;
    this.customer = customer;
    this.from = from;
    this.to = to;
  }

  /**
   * Returns the journey.
   *
   * @return the journey's name
   */
  public String journey() {
    return journey;
  }

  /**
   * Returns the customer.
   *
   * @return the customer's id
   */
  public String customer() {
    return customer;
  }

  /**
   * Returns the state the enrollment was in.
   *
   * @return the current state
   */
  public EnrollmentStatus from() {
    return from;
  }

  /**
   * Returns the state asked for.
   *
   * @return the target state
   */
  public EnrollmentStatus to() {
    return to;
  }
}
