package dev.rapport.core;

import dev.rapport.core.internal.Murmur3;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Something a customer did or that happened to them, at a time of its own (event time).
 *
 * <p>Every event has an id: the host's, or one derived from its content (customer, type, time and
 * properties), so that the same event tracked twice is recognised and ignored.
 *
 * <pre>{@code
 * Event e = Event.builder("c-1", "purchased").with("sku", "grinder").with("qty", 1).at(now);
 * }</pre>
 */
public final class Event {
  private final String id;
  private final boolean derivedId;
  private final CustomerId customer;
  private final String type;
  private final Instant time;
  private final Properties properties;

  private Event(
      String id, boolean derivedId, CustomerId customer, String type, Instant time,
      Properties properties) {
    this.id = id;
    this.derivedId = derivedId;
    this.customer = customer;
    this.type = type;
    this.time = time;
    this.properties = properties;
  }

  /**
   * Starts an event of a customer.
   *
   * @param customerId the host's customer id
   * @param type the event type, such as {@code "signed_up"} or one of {@link EventTypes}
   * @return a builder, finished by {@link Builder#at(Instant)}
   * @throws IllegalArgumentException if the customer id or the type is null or blank
   */
  public static Builder builder(String customerId, String type) {
    return builder(CustomerId.of(customerId), type);
  }

  /**
   * Starts an event of a customer.
   *
   * @param customer the customer
   * @param type the event type
   * @return a builder, finished by {@link Builder#at(Instant)}
   * @throws IllegalArgumentException if the customer is null or the type null or blank
   */
  public static Builder builder(CustomerId customer, String type) {
    if (customer == null) {
      throw new IllegalArgumentException("event: customer is null; give the host's customer id");
    }
    return new Builder(customer, checkType(type));
  }

  /**
   * Returns an event with no properties and an id derived from its content.
   *
   * @param customerId the host's customer id
   * @param type the event type
   * @param time when it happened
   * @return the event
   * @throws IllegalArgumentException if an argument is null or blank
   */
  public static Event of(String customerId, String type, Instant time) {
    return builder(customerId, type).at(time);
  }

  private static String checkType(String type) {
    if (type == null) {
      throw new IllegalArgumentException("event: type is null; give an event type such as "
          + "\"signed_up\"");
    }
    if (type.isBlank() || !type.strip().equals(type)) {
      throw new IllegalArgumentException("event: type \"" + type
          + "\" is blank or has surrounding whitespace; give an event type such as \"signed_up\"");
    }
    return type;
  }

  /**
   * Returns the event's id: the host's, or one derived from its content.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * Tells whether the id was derived from the content rather than given by the host.
   *
   * @return whether the id is derived
   */
  public boolean hasDerivedId() {
    return derivedId;
  }

  /**
   * Returns whose event this is.
   *
   * @return the customer
   */
  public CustomerId customer() {
    return customer;
  }

  /**
   * Returns the event type.
   *
   * @return the type
   */
  public String type() {
    return type;
  }

  /**
   * Returns when the event happened (event time).
   *
   * @return the time
   */
  public Instant time() {
    return time;
  }

  /**
   * Returns the event's properties.
   *
   * @return the properties
   */
  public Properties properties() {
    return properties;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Event)) {
      return false;
    }
    Event e = (Event) o;
    return id.equals(e.id) && customer.equals(e.customer) && type.equals(e.type)
        && time.equals(e.time) && properties.equals(e.properties);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, customer, type, time);
  }

  /** Returns the id, customer, type and time; properties are left out, as in logs. */
  @Override
  public String toString() {
    return "Event{" + id + ", " + customer + ", " + type + ", " + time + "}";
  }

  /**
   * Builds an {@link Event}. {@link #at(Instant)} gives the time, which every event needs, and
   * returns the event: a builder is not an event until then (the compiler's "Builder cannot be
   * converted to Event" means the {@code .at(...)} is missing).
   *
   * <p>Single-use: nothing is added after {@link #at}, so that a builder kept after one event
   * cannot hand its properties to the next; {@link #at} may be called again, for the same event
   * at another time. The id is given once; properties are data, not settings, and a property
   * given again replaces the earlier value, as in a map (a host copying a record's fields needs
   * no check of its own).
   */
  public static final class Builder {
    private final CustomerId customer;
    private final String type;
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private String id;
    private boolean built;

    private void open(String call) {
      if (built) {
        throw new IllegalStateException("event '" + type + "': " + call + " comes after "
            + "at(time); the builder is single-use: start another with "
            + "Event.builder(customerId, type)");
      }
    }

    private Builder(CustomerId customer, String type) {
      this.customer = customer;
      this.type = type;
    }

    /**
     * Gives the event the host's own id, used to recognise duplicates.
     *
     * @param id the id
     * @return this builder
     * @throws IllegalArgumentException if the id is null or blank
     * @throws IllegalStateException if an id was already given, or after {@link #at}
     */
    public Builder id(String id) {
      open("id");
      if (id == null || id.isBlank()) {
        throw new IllegalArgumentException("event '" + type + "': id is "
            + (id == null ? "null" : "blank") + "; give a non-blank id or none at all");
      }
      if (this.id != null) {
        throw new IllegalStateException("event '" + type + "': id is already set to '"
            + this.id + "'; set it once");
      }
      this.id = id;
      return this;
    }

    /**
     * Adds a property.
     *
     * @param key the property name
     * @param value a JSON-like value: String, Boolean, a number, or a List or String-keyed Map
     *     of those
     * @return this builder
     * @throws IllegalArgumentException if the key is blank or the value null or unsupported
     * @throws IllegalStateException after {@link #at}
     */
    public Builder with(String key, Object value) {
      open("with");
      if (key == null || key.isBlank()) {
        throw new IllegalArgumentException("event '" + type + "': property name is "
            + (key == null ? "null" : "blank") + "; give a non-blank name");
      }
      // normalised now so that a bad value fails at the line that gave it
      properties.put(key, JsonValues.normaliseProperty("event '" + type + "'", key, value));
      return this;
    }

    /**
     * Adds every property of a map.
     *
     * @param values the properties
     * @return this builder
     * @throws IllegalArgumentException if a key is blank or a value null or unsupported
     * @throws IllegalStateException after {@link #at}
     */
    public Builder properties(Map<String, ?> values) {
      values.forEach(this::with);
      return this;
    }

    /**
     * Gives the event's time and returns the event.
     *
     * @param time when the event happened
     * @return the event
     * @throws IllegalArgumentException if the time is null
     */
    public Event at(Instant time) {
      if (time == null) {
        throw new IllegalArgumentException("event '" + type + "' of customer '" + customer
            + "': time is null; give the time the event happened with at(Instant)");
      }
      built = true;
      Properties props = Properties.ofNormalised(properties); // with() checked each one
      if (id != null) {
        return new Event(id, false, customer, type, time, props);
      }
      return new Event(contentId(customer, type, time, props), true, customer, type, time, props);
    }

    private static String contentId(CustomerId c, String type, Instant time, Properties p) {
      Murmur3 h = new Murmur3();
      h.putString(c.value()).putByte((byte) 0);
      h.putString(type).putByte((byte) 0);
      h.putLong(time.getEpochSecond()).putInt(time.getNano());
      // properties are sorted by name; each value is hashed with a tag of its type
      p.asMap().forEach((k, v) -> {
        h.putString(k).putByte((byte) 0);
        JsonValues.hash(h, v);
      });
      return h.hex("h:");
    }
  }
}
