package dev.rapport.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Why a message is sent, which decides the consent it needs.
 *
 * <p>Marketing needs the customer's consent for marketing on the channel (an explicit opt-in on
 * email, SMS and push by default) and counts against contact caps; transactional messages (a
 * receipt, a password reset, a billing reminder) need only reachability.
 */
public enum Purpose {
  /** Promotion, nurture, cross-sell: needs marketing consent, counts against caps. */
  MARKETING,
  /** Messages the customer needs to use the service; exempt from marketing consent and caps. */
  TRANSACTIONAL;

  /**
   * Returns the name used in events, such as {@code "marketing"}.
   *
   * @return the lower-case name
   */
  public String wireName() {
    return wire;
  }

  private final String wire = name().toLowerCase(Locale.ROOT);

  /**
   * Returns the purpose of a name used in events, ignoring case.
   *
   * @param name such as {@code "marketing"}
   * @return the purpose
   * @throws IllegalArgumentException if the name is not a purpose, naming the known ones
   */
  public static Purpose parse(String name) {
    for (Purpose p : values()) {
      if (p.wireName().equalsIgnoreCase(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown purpose '" + name + "'; use one of "
        + Arrays.stream(values()).map(Purpose::wireName).collect(Collectors.joining(", ")));
  }
}
