package dev.rapport.core.decision;

import dev.rapport.core.Action;
import dev.rapport.core.Customer;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Estimates how likely a customer is to respond to an action: the propensity factor of a
 * recommendation's priority. The engine calls {@link #estimate} for every suitable candidate and
 * {@link #observe} for every impression and every outcome attributed to one.
 *
 * <p>Two models come with Rapport: {@link #fixed(double)} (the same propensity for everything,
 * or one per action) and {@link #adaptive(long)}, which learns online. A custom model keeps any
 * state it needs through {@link Context#shared()}, which lives in the engine's state store, so
 * that it survives restarts and is shared by the engines of a cluster.
 */
public interface PropensityModel {

  /**
   * Estimates a customer's propensity to respond to an action.
   *
   * @param customer the customer
   * @param action the candidate action
   * @param context the decision's context
   * @return the estimate
   */
  Estimate estimate(Customer customer, Action action, Context context);

  /**
   * Learns from an impression or an attributed outcome. The default ignores it.
   *
   * @param customer the customer
   * @param action the action
   * @param group the group the impression was made in (see {@link Estimate#group()})
   * @param outcome what happened
   * @param context the context
   */
  default void observe(Customer customer, Action action, String group, Outcome outcome,
      Context context) {}

  /**
   * Returns a model with the same propensity for every action.
   *
   * @param propensity from 0 to 1
   * @return the model
   * @throws IllegalArgumentException if out of range
   */
  static PropensityModel fixed(double propensity) {
    return new FixedPropensity(propensity, Map.of());
  }

  /**
   * Returns a model with a propensity per action name, and a default for the others.
   *
   * @param byAction propensities by action name, each from 0 to 1
   * @param otherwise the propensity of the other actions
   * @return the model
   * @throws IllegalArgumentException if a propensity is out of range
   */
  static PropensityModel fixed(Map<String, Double> byAction, double otherwise) {
    return new FixedPropensity(otherwise, byAction);
  }

  /**
   * Returns the adaptive model: Thompson sampling on a Beta-Bernoulli model per action and
   * persona, learning online from attributed outcomes, deterministic for a given seed. See
   * the implementation's notes in {@code AdaptivePropensity} for why Thompson sampling.
   *
   * @param seed the seed of its draws
   * @return the model
   */
  static PropensityModel adaptive(long seed) {
    return new AdaptivePropensity(seed);
  }

  /**
   * An estimate.
   *
   * @param propensity from 0 to 1
   * @param group the group the estimate was made for (a persona, or {@code *}), remembered with
   *     the impression so that its outcome teaches the same group
   * @param note how the model arrived at it, for explanations
   */
  record Estimate(double propensity, String group, String note) {
    /**
     * Checks the estimate.
     *
     * @param propensity from 0 to 1
     * @param group the group the estimate was made for (a persona, or {@code *}), remembered with * the impression so that its outcome teaches the same group
     * @param note how the model arrived at it, for explanations
     * @throws IllegalArgumentException if the propensity is not between 0 and 1
     */
    public Estimate {
      if (!(propensity >= 0 && propensity <= 1)) {
        throw new IllegalArgumentException("propensity estimate is " + propensity
            + "; a propensity model must return a number from 0 to 1");
      }
      if (group == null || note == null) {
        throw new IllegalArgumentException("propensity estimate: group and note must not be "
            + "null");
      }
    }
  }

  /** What happened to a recommendation. */
  enum Outcome {
    /** It was recommended (an impression, a trial). */
    IMPRESSION,
    /** The customer clicked or converted. */
    SUCCESS,
    /** The customer dismissed it. */
    FAILURE
  }

  /** What a model may use besides the customer and the action. */
  interface Context {
    /**
     * Returns the engine's time of the decision.
     *
     * @return now
     */
    Instant now();

    /**
     * Returns the placement decided for.
     *
     * @return the placement
     */
    Placement placement();

    /**
     * Returns a random source seeded by the engine's seed, the customer, the action and the
     * decision's time: the same inputs give the same draws.
     *
     * @return the random source
     */
    SplittableRandom random();

    /**
     * Returns state shared by every customer, kept in the engine's state store.
     *
     * @return the shared state
     */
    Shared shared();
  }

  /**
   * Counters shared by every customer, kept in the engine's state store: what a model learns
   * from all customers (impressions, successes), durable with the store and shared by every
   * engine on it. Counters only grow by additions, so engines never conflict over them.
   */
  interface Shared {
    /**
     * Reads a counter.
     *
     * @param key the counter's key, unique to the model (prefix it with the model's name)
     * @return its value, zero if never written
     */
    long counter(String key);

    /**
     * Adds to a counter.
     *
     * @param key the counter's key
     * @param delta what to add
     */
    void add(String key, long delta);
  }
}
