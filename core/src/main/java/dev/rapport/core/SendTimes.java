package dev.rapport.core;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.Set;

/**
 * Send-time optimisation: each customer's likely best hour of the week, learned from the times
 * of their own responses and purchases and shrunk towards the population's when they have little
 * history. A journey's send step uses it with {@code send(x).atBestTimeWithin(Duration)}; a host
 * that sends its own decisions asks {@code engine.bestSendTime(customer, action, within)}.
 *
 * <pre>{@code
 * Engine engine = Engine.builder()
 *     .sendTimes(SendTimes.builder().responses(Set.of("opened", "clicked", "purchased"))
 *         .priorStrength(4).build())
 *     .journeys(journey("reminder").enterOn("cart_abandoned")
 *         .steps(send(reminder).atBestTimeWithin(Duration.ofDays(1))).build())
 *     .build();
 * }</pre>
 *
 * <p><b>The model.</b> The week has 168 hours, Monday 00:00 to Sunday 23:00, in the customer's
 * time zone (their preference, else the contact policy's default zone). For a customer with
 * {@code n_h} responses in hour {@code h} (from the history the engine keeps), and a population
 * whose responses fall in hour {@code h} with share {@code p_h}, the weight of an hour is
 *
 * <pre>
 *   w_h = sum over d in {-1, 0, +1} of kernel(d) * r_(h+d),   kernel = 1/4, 1/2, 1/4
 *   r_h = n_h + g * m_(h mod 24) / 7 + k * p_h
 * </pre>
 *
 * <p>the customer's own counts at that hour of the week, plus their counts {@code m} at that
 * hour of the day on every day spread over the seven days with the {@linkplain
 * Builder#dailyWeight daily weight} {@code g} (1 by default: a habit at 19:00 on weekdays says
 * something about Monday 19:00 even with no Monday in the history), plus {@code k}
 * pseudo-responses spread as the population's (a Dirichlet prior of strength {@code k}, the
 * {@linkplain Builder#priorStrength prior strength}, 4 by default), smoothed over the
 * neighbouring hours (a customer who opens at 18:55 and at 19:05 has one habit, not two). A customer with no history gets the population's best
 * hour; one with a few responses is pulled towards it; one with many is judged on their own. The
 * best hour is the one of highest weight; ties go to the earliest. Everything is a function of
 * the customer's history and the population's counts, so the choice is deterministic.
 */
public final class SendTimes {
  /** Hours in a week. */
  public static final int HOURS = 168;
  private static final double[] KERNEL = {0.25, 0.5, 0.25};

  private final Set<String> responses;
  private final double priorStrength;
  private final double dailyWeight;

  private SendTimes(Set<String> responses, double priorStrength, double dailyWeight) {
    this.responses = responses;
    this.priorStrength = priorStrength;
    this.dailyWeight = dailyWeight;
  }

  /**
   * Returns the default model: responses are {@code opened}, {@code clicked} and {@code
   * converted} (the engine adds its revenue events), prior strength 4.
   *
   * @return the model
   */
  public static SendTimes ofDefaults() {
    return builder().build();
  }

  /**
   * Starts a model with the defaults.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the event types whose times teach the model (the engine adds its revenue events).
   *
   * @return the types
   */
  public Set<String> responses() {
    return responses;
  }

  /**
   * Returns how many pseudo-responses, spread as the population's, each customer starts with.
   *
   * @return the prior strength
   */
  public double priorStrength() {
    return priorStrength;
  }

  /**
   * Returns how much a customer's habit at an hour of the day on the other days counts on each
   * day.
   *
   * @return the daily weight
   */
  public double dailyWeight() {
    return dailyWeight;
  }

  /**
   * Returns the hour of the week of an instant in a zone: 0 for Monday 00:00-00:59, 167 for
   * Sunday 23:00-23:59.
   *
   * @param at the instant
   * @param zone the zone
   * @return the hour of the week
   */
  public static int hourOfWeek(Instant at, ZoneId zone) {
    ZonedDateTime z = at.atZone(zone);
    return (z.getDayOfWeek().getValue() - 1) * 24 + z.getHour();
  }

  /**
   * Names an hour of the week: {@code Tue 19:00}.
   *
   * @param hourOfWeek the hour, 0 to 167
   * @return its name
   * @throws IllegalArgumentException if out of range
   */
  public static String label(int hourOfWeek) {
    if (hourOfWeek < 0 || hourOfWeek >= HOURS) {
      throw new IllegalArgumentException("send times: hour of week " + hourOfWeek + " is not "
          + "from 0 (Monday 00:00) to 167 (Sunday 23:00)");
    }
    String day = DayOfWeek.of(hourOfWeek / 24 + 1).getDisplayName(java.time.format.TextStyle.SHORT,
        java.util.Locale.ROOT);
    return day + " " + String.format(java.util.Locale.ROOT, "%02d:00", hourOfWeek % 24);
  }

  /**
   * Counts instants per hour of the week in a zone: a customer's history, or a population's.
   *
   * @param times the instants
   * @param zone the zone
   * @return 168 counts
   */
  public static long[] histogram(Collection<Instant> times, ZoneId zone) {
    long[] h = new long[HOURS];
    for (Instant t : times) {
      h[hourOfWeek(t, zone)]++;
    }
    return h;
  }

  /**
   * Returns the weight of every hour of the week for a customer (see the class description).
   *
   * @param own the customer's responses per hour of the week, 168 counts
   * @param population the population's responses per hour of the week, 168 counts
   * @return 168 weights
   * @throws IllegalArgumentException if an array does not hold 168 counts
   */
  public double[] weights(long[] own, long[] population) {
    check("own", own);
    check("population", population);
    double total = 0;
    for (long p : population) {
      total += p;
    }
    double[] daily = new double[24];
    for (int h = 0; h < HOURS; h++) {
      daily[h % 24] += own[h];
    }
    double[] raw = new double[HOURS];
    for (int h = 0; h < HOURS; h++) {
      double share = total == 0 ? 1.0 / HOURS : population[h] / total;
      raw[h] = own[h] + dailyWeight * daily[h % 24] / 7 + priorStrength * share;
    }
    double[] w = new double[HOURS];
    for (int h = 0; h < HOURS; h++) {
      for (int d = -1; d <= 1; d++) {
        w[h] += KERNEL[d + 1] * raw[Math.floorMod(h + d, HOURS)];
      }
    }
    return w;
  }

  /**
   * Returns the customer's best hour of the week: the one of highest weight, the earliest on a
   * tie.
   *
   * @param own the customer's responses per hour of the week, 168 counts
   * @param population the population's responses per hour of the week, 168 counts
   * @return the best hour, 0 to 167
   * @throws IllegalArgumentException if an array does not hold 168 counts
   */
  public int bestHour(long[] own, long[] population) {
    double[] w = weights(own, population);
    int best = 0;
    for (int h = 1; h < HOURS; h++) {
      if (w[h] > w[best]) {
        best = h;
      }
    }
    return best;
  }

  /**
   * Tells on what a customer's choice rests: their own history, their history pulled towards
   * the population's, or the population's alone.
   *
   * @param responses the customer's responses the model saw
   * @return the basis
   */
  public Basis basisOf(long responses) {
    if (responses == 0) {
      return Basis.POPULATION;
    }
    return responses < priorStrength ? Basis.SHRUNK : Basis.OWN_HISTORY;
  }

  private static void check(String what, long[] counts) {
    if (counts == null || counts.length != HOURS) {
      throw new IllegalArgumentException("send times: " + what + " counts hold "
          + (counts == null ? "nothing" : counts.length + " hours") + "; give 168, one per hour "
          + "of the week from Monday 00:00");
    }
  }

  @Override
  public String toString() {
    return "send times from " + responses + " with a prior of " + priorStrength
        + " responses spread as the population's and a daily weight of " + dailyWeight;
  }

  /** What a customer's best hour rests on. */
  public enum Basis {
    /** Their own responses: as many as the prior strength or more. */
    OWN_HISTORY,
    /** A few responses of their own, pulled towards the population's best hours. */
    SHRUNK,
    /** No response of their own: the population's best hour. */
    POPULATION;

    /**
     * Says it in words.
     *
     * @return the words
     */
    public String describe() {
      switch (this) {
        case OWN_HISTORY:
          return "their own responses";
        case SHRUNK:
          return "their few responses, shrunk towards the population's";
        default:
          return "the population's responses (none of their own)";
      }
    }
  }

  /** The settings of {@link SendTimes}, each once. */
  public static final class Builder {
    private static final String OWNER = "send times";
    private final SingleUse<SendTimes> use = new SingleUse<>(OWNER, "SendTimes.builder()");
    private Set<String> responses = Set.of(EventTypes.OPENED, EventTypes.CLICKED,
        EventTypes.CONVERTED);
    private double priorStrength = 4;
    private double dailyWeight = 1;

    private Builder() {}

    /**
     * Sets the event types whose times teach the model; {@code opened}, {@code clicked} and
     * {@code converted} by default. The engine adds its revenue events (purchases) to them.
     *
     * @param eventTypes the types
     * @return this builder
     * @throws IllegalArgumentException if the set is null or empty or holds a blank type
     * @throws IllegalStateException if already set
     */
    public Builder responses(Set<String> eventTypes) {
      Set<String> checked = EngagementEvents.check(OWNER, eventTypes);
      use.once("responses");
      this.responses = checked;
      return this;
    }

    /**
     * Sets how many pseudo-responses, spread as the population's, each customer starts with:
     * the more, the more history a customer needs before their own habits win; 4 by default.
     *
     * @param responses the strength, positive
     * @return this builder
     * @throws IllegalArgumentException if not a positive number
     * @throws IllegalStateException if already set
     */
    public Builder priorStrength(double responses) {
      if (!(responses > 0) || Double.isInfinite(responses)) {
        throw new IllegalArgumentException(OWNER + ": priorStrength(" + responses + ") is not "
            + "positive; give the pseudo-responses each customer starts with, such as 4");
      }
      use.once("priorStrength");
      this.priorStrength = responses;
      return this;
    }

    /**
     * Sets how much a customer's habit at an hour of the day on the other days of the week
     * counts on each day: 0 treats every hour of the week apart, 1 (the default) adds a
     * seventh of the customer's responses at that hour of the day, on any day, to each day.
     *
     * @param weight the weight, 0 or more
     * @return this builder
     * @throws IllegalArgumentException if negative or not finite
     * @throws IllegalStateException if already set
     */
    public Builder dailyWeight(double weight) {
      if (!(weight >= 0) || Double.isInfinite(weight)) {
        throw new IllegalArgumentException(OWNER + ": dailyWeight(" + weight + ") is not 0 or "
            + "more; give how much a habit on other days counts, such as 1");
      }
      use.once("dailyWeight");
      this.dailyWeight = weight;
      return this;
    }

    /**
     * Returns the model; again, the same one.
     *
     * @return the model
     */
    public SendTimes build() {
      return use.build(() -> new SendTimes(responses, priorStrength, dailyWeight));
    }
  }
}
