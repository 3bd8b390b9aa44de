package dev.rapport.core.measure;

import dev.rapport.core.Score;
import java.util.List;
import java.util.Objects;

/**
 * How customers are spread over a declared {@link Score}, in one dimension: how many fall in
 * each bucket of its scale, and their mean, as of each customer's latest reading (after their
 * latest change, or the score's latest review).
 *
 * @param score the score's name
 * @param scale the score's scale, whose buckets {@code customers} follows
 * @param dimension {@code global}, or {@code persona:<name>} or {@code segment:<name>}
 * @param customers how many customers fall in each bucket of the scale, in its order
 * @param total how many customers have a value
 * @param mean their mean value, NaN when none has one
 */
public record ScoreDistribution(String score, Score.Scale scale, String dimension,
    List<Long> customers, long total, double mean) {

  /**
   * Checks the components.
   *
   * @param score the score's name
   * @param scale the score's scale
   * @param dimension where it was measured
   * @param customers customers per bucket
   * @param total customers with a value
   * @param mean their mean value
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if there is not one count per bucket of the scale
   */
  public ScoreDistribution {
    Objects.requireNonNull(score, "score");
    Objects.requireNonNull(scale, "scale");
    Objects.requireNonNull(dimension, "dimension");
    customers = List.copyOf(customers);
    if (customers.size() != scale.buckets()) {
      throw new IllegalArgumentException("score distribution '" + score + "': "
          + customers.size() + " counts for the " + scale.buckets() + " buckets of "
          + scale + "; give one count per bucket");
    }
  }

  /**
   * Returns the share of the customers with a value that fall in a bucket.
   *
   * @param bucket the bucket's index
   * @return the share, NaN when no customer has a value
   */
  public double share(int bucket) {
    return total == 0 ? Double.NaN : (double) customers.get(bucket) / total;
  }
}
