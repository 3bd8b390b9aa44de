package dev.rapport.core;

import dev.rapport.core.internal.Checks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An account health score that you compose: a weighted mean of parts, each a score in points
 * from 0 to 100, such as engagement, support load and sentiment. Named {@code health} unless you
 * name it.
 *
 * <pre>{@code
 * Score health = HealthScore.builder()
 *     .part(EngagementScore.builder(Set.of("logged_in")).build(), 0.5)
 *     .part(Scores.supportLoad(), 0.3)
 *     .part(Scores.sentiment(), 0.2)
 *     .build();
 * Condition needsCare = c -> c.score(health) < 40;
 * }</pre>
 *
 * <p><b>The formula.</b> {@code health = Σ weight_i * part_i / Σ weight_i}, over the parts that
 * have a value for the customer: a part with no value (NaN, such as sentiment for a customer who
 * never answered a survey) is left out and the others' weights are scaled up, so that silence
 * in a survey neither helps nor hurts. A customer none of whose parts has a value has no health
 * score (NaN) and is not counted in its distribution. The score is read again whenever one of
 * its parts may have changed ({@link #dependsOn}, {@link #nextReview}).
 */
public final class HealthScore implements Score {
  private final String name;
  private final Score[] parts;
  private final double[] weights;

  private HealthScore(String name, List<Score> parts, List<Double> weights) {
    this.name = name;
    this.parts = parts.toArray(new Score[0]);
    this.weights = new double[weights.size()];
    for (int i = 0; i < this.weights.length; i++) {
      this.weights[i] = weights.get(i);
    }
  }

  /**
   * Starts a health score named {@code health}.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder("health");
  }

  /**
   * Starts a health score of another name, for an engine that declares more than one.
   *
   * @param name the score's name
   * @return the builder
   * @throws IllegalArgumentException if the name is blank
   */
  public static Builder builder(String name) {
    return new Builder(Checks.name("health score", name));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Scale scale() {
    return Scale.POINTS;
  }

  @Override
  public double of(Customer customer) {
    double sum = 0;
    double weight = 0;
    for (int i = 0; i < parts.length; i++) {
      double v = parts[i].of(customer);
      if (!Double.isNaN(v)) {
        sum += weights[i] * Math.max(0, Math.min(100, v));
        weight += weights[i];
      }
    }
    return weight == 0 ? Double.NaN : sum / weight;
  }

  /** The earliest review any part asks for. */
  @Override
  public Optional<Instant> nextReview(Customer customer) {
    Instant next = null;
    for (Score part : parts) {
      Optional<Instant> r = part.nextReview(customer);
      if (r.isPresent() && (next == null || r.get().isBefore(next))) {
        next = r.get();
      }
    }
    return Optional.ofNullable(next);
  }

  @Override
  public boolean dependsOn(String eventType) {
    for (Score part : parts) {
      if (part.dependsOn(eventType)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("health score '").append(name).append("' of ");
    for (int i = 0; i < parts.length; i++) {
      s.append(i == 0 ? "" : ", ").append(parts[i].name()).append(" x ").append(weights[i]);
    }
    return s.toString();
  }

  /** The parts of a {@link HealthScore}, each once. */
  public static final class Builder {
    private final String name;
    private final List<Score> parts = new ArrayList<>();
    private final List<Double> weights = new ArrayList<>();
    private HealthScore built;

    private Builder(String name) {
      this.name = name;
    }

    /**
     * Adds a part with its weight.
     *
     * @param part a score in points (0 to 100)
     * @param weight its weight, positive; the weights need not add up to 1
     * @return this builder
     * @throws IllegalArgumentException if the part is null or not in points, or the weight not
     *     a positive number
     * @throws IllegalStateException if a part of that name is already in, or after build()
     */
    public Builder part(Score part, double weight) {
      String owner = "health score '" + name + "'";
      Checks.notBuilt(owner, "part", built != null, "HealthScore.builder()");
      Checks.notNull(owner, "part", part);
      if (part.scale() != Scale.POINTS) {
        throw new IllegalArgumentException(owner + ": part '" + part.name() + "' is on the "
            + part.scale() + " scale; a part must be in points from 0 to 100 (turn it into "
            + "points with Score.of(name, Score.Scale.POINTS, ...))");
      }
      if (!(weight > 0) || Double.isInfinite(weight)) {
        throw new IllegalArgumentException(owner + ": part '" + part.name() + "' has weight "
            + weight + "; give a positive weight, such as 0.5");
      }
      for (Score p : parts) {
        if (p.name().equals(part.name())) {
          throw new IllegalStateException(owner + ": part '" + part.name() + "' is added "
              + "twice; give each part once, with its whole weight");
        }
      }
      parts.add(part);
      weights.add(weight);
      return this;
    }

    /**
     * Returns the score; again, the same one.
     *
     * @return the score
     * @throws IllegalStateException if no part was added
     */
    public HealthScore build() {
      if (built == null) {
        if (parts.isEmpty()) {
          throw new IllegalStateException("health score '" + name + "' has no part; add one "
              + "with part(score, weight), such as part(Scores.supportLoad(), 0.3)");
        }
        built = new HealthScore(name, parts, weights);
      }
      return built;
    }
  }
}
