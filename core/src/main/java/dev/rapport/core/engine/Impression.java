package dev.rapport.core.engine;

import java.time.Instant;
import java.util.Objects;

/**
 * A recommendation shown or sent to a customer, kept in their state so that outcome events
 * carrying its id ({@code impression_id}, or {@code dispatch_id} when the decision was sent) are
 * attributed to it and teach the propensity model.
 *
 * <p>The ids this engine makes are {@code i:} and a number in lower-case hex; such an id is kept
 * as its number and written out only when read, so that deciding builds no string for it. Any
 * other id (one a record of another form carries) is kept as given.
 */
final class Impression {
  private static final String PREFIX = "i:";

  /** The id's number, when the id is {@link #PREFIX} and that number in hex. */
  private final long key;
  /** The id, when it is not of that form; null when it is. */
  private final String other;
  private final String action;
  private final String ruleSet;
  private final String placement;
  private final String group;
  private final Instant at;
  private final boolean answered;

  private Impression(long key, String other, String action, String ruleSet, String placement,
      String group, Instant at, boolean answered) {
    this.key = key;
    this.other = other;
    this.action = action;
    this.ruleSet = ruleSet;
    this.placement = placement;
    this.group = group;
    this.at = at;
    this.answered = answered;
  }

  /**
   * An impression whose id is given as text (as a stored record carries it).
   *
   * @param id the stable id
   * @param action the action's name
   * @param ruleSet the rule set that proposed it
   * @param placement the placement's name
   * @param group the propensity model's group for this customer, such as a persona
   * @param at when it was decided
   * @param answered whether an outcome was already attributed to it
   */
  Impression(String id, String action, String ruleSet, String placement, String group,
      Instant at, boolean answered) {
    this(keyOf(id), keyOf(id) == NO_KEY ? id : null, action, ruleSet, placement, group, at,
        answered);
  }

  /** An impression whose id is {@code i:} and a number in hex, as the engine makes them. */
  static Impression made(long key, String action, String ruleSet, String placement, String group,
      Instant at) {
    return new Impression(key, key == NO_KEY ? idOf(key) : null, action, ruleSet, placement,
        group, at, false);
  }

  /** The id made of a number: {@code i:} and the number in lower-case hex. */
  static String idOf(long key) {
    return Arbiter.id(PREFIX, key);
  }

  /** No number: the id is not of the engine's form (no number is, as {@code i:0} is). */
  private static final long NO_KEY = Long.MIN_VALUE;

  /**
   * The number of an id of the engine's form, written exactly as {@link #idOf} writes it (no
   * leading zeros, lower case), or {@link #NO_KEY}. {@code i:8000000000000000}, the one number
   * that is {@link #NO_KEY}, is kept as text.
   */
  static long keyOf(String id) {
    int digits = id.length() - PREFIX.length();
    if (digits < 1 || digits > 16 || !id.startsWith(PREFIX)
        || (digits > 1 && id.charAt(PREFIX.length()) == '0')) {
      return NO_KEY;
    }
    long v = 0;
    for (int i = PREFIX.length(); i < id.length(); i++) {
      char c = id.charAt(i);
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (d < 0) {
        return NO_KEY;
      }
      v = (v << 4) | d;
    }
    return v;
  }

  /** The stable id. */
  String id() {
    return other != null ? other : idOf(key);
  }

  /** Whether this is the impression of an id, given as {@link #keyOf} reads it. */
  boolean hasId(String id, long idKey) {
    return other != null ? other.equals(id) : idKey != NO_KEY && idKey == key;
  }

  /** The action's name. */
  String action() {
    return action;
  }

  /** The rule set that proposed it. */
  String ruleSet() {
    return ruleSet;
  }

  /** The placement's name. */
  String placement() {
    return placement;
  }

  /** The propensity model's group for this customer, such as a persona. */
  String group() {
    return group;
  }

  /** When it was decided. */
  Instant at() {
    return at;
  }

  /** Whether an outcome was already attributed to it. */
  boolean answered() {
    return answered;
  }

  /** This impression with an outcome attributed. */
  Impression answer() {
    return new Impression(key, other, action, ruleSet, placement, group, at, true);
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof Impression i && key == i.key
        && Objects.equals(other, i.other) && Objects.equals(action, i.action)
        && Objects.equals(ruleSet, i.ruleSet) && Objects.equals(placement, i.placement)
        && Objects.equals(group, i.group) && Objects.equals(at, i.at)
        && answered == i.answered;
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, other, action, ruleSet, placement, group, at, answered);
  }

  @Override
  public String toString() {
    return "Impression[id=" + id() + ", action=" + action + ", ruleSet=" + ruleSet
        + ", placement=" + placement + ", group=" + group + ", at=" + at + ", answered="
        + answered + "]";
  }
}
