package dev.rapport.benchmarks.nba;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects the actions that rules propose for one customer and picks the winners, with Rapport's
 * arbitration semantics: an action proposed by several rules keeps its best score; actions are
 * ranked by score, best first, ties broken by action name; the pick walks down the ranking,
 * skipping an action whose topic was already taken, until it has {@code n} actions.
 *
 * <p>Drools (as a global), Easy Rules (as a fact) and the hand-written loop all use it. Not
 * thread-safe: one per session or thread, {@link #clear() cleared} before each customer.
 */
public final class Proposals {
  private String[] actions = new String[16];
  private String[] topics = new String[16];
  private double[] scores = new double[16];
  private int size;

  /** Forgets every proposal. */
  public void clear() {
    Arrays.fill(actions, 0, size, null);
    Arrays.fill(topics, 0, size, null);
    size = 0;
  }

  /**
   * Proposes an action with score {@code weight x value}.
   *
   * @param action the action's name
   * @param topic its topic
   * @param weight the rule's weight
   * @param value the action's value for the rule
   */
  public void propose(String action, String topic, double weight, double value) {
    double score = weight * value;
    for (int i = 0; i < size; i++) {
      if (actions[i].equals(action)) {
        if (score > scores[i]) {
          scores[i] = score;
        }
        return;
      }
    }
    if (size == actions.length) {
      actions = Arrays.copyOf(actions, size * 2);
      topics = Arrays.copyOf(topics, size * 2);
      scores = Arrays.copyOf(scores, size * 2);
    }
    actions[size] = action;
    topics[size] = topic;
    scores[size] = score;
    size++;
  }

  /**
   * Returns how many distinct actions were proposed.
   *
   * @return the number
   */
  public int size() {
    return size;
  }

  /**
   * Picks the winners.
   *
   * @param n how many at most
   * @return their names, best first
   */
  public List<String> top(int n) {
    // selection by repeated scans: proposals are few, and this allocates nothing but the result
    List<String> out = new ArrayList<>(n);
    long taken = 0; // bit i: proposal i already considered (size is small; see below)
    boolean[] done = size > 64 ? new boolean[size] : null;
    String[] topicsWon = new String[n];
    int considered = 0;
    while (out.size() < n && considered < size) {
      int best = -1;
      for (int i = 0; i < size; i++) {
        boolean used = done == null ? (taken & (1L << i)) != 0 : done[i];
        if (used) {
          continue;
        }
        if (best < 0 || scores[i] > scores[best]
            || scores[i] == scores[best] && actions[i].compareTo(actions[best]) < 0) {
          best = i;
        }
      }
      if (done == null) {
        taken |= 1L << best;
      } else {
        done[best] = true;
      }
      considered++;
      boolean topicTaken = false;
      for (int k = 0; k < out.size(); k++) {
        topicTaken |= topicsWon[k].equals(topics[best]);
      }
      if (!topicTaken) {
        topicsWon[out.size()] = topics[best];
        out.add(actions[best]);
      }
    }
    return out;
  }
}
