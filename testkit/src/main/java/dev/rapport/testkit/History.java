package dev.rapport.testkit;

import dev.rapport.core.Channel;
import dev.rapport.core.ConsentStatus;
import dev.rapport.core.Event;
import dev.rapport.core.Preferences;
import dev.rapport.core.Profile;
import dev.rapport.core.Purpose;
import dev.rapport.core.TraitKey;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A recorded life of a few customers, replayable on a fresh engine: who they are (contact
 * details, consents, time zone) and what they did when. {@link RapportArbitraries} generates
 * them; {@link EngineProperties} replays them to check what must hold for every history.
 *
 * @param start when the history starts
 * @param customers the customers, identified at the start
 * @param steps what happened, in time order
 */
public record History(Instant start, List<CustomerSpec> customers, List<Step> steps) {

  /**
   * Checks and copies the components, sorting the steps by time (stable).
   *
   * @param start when the history starts
   * @param customers the customers, identified at the start
   * @param steps what happened, in time order
   * @throws IllegalArgumentException if a component is null
   */
  public History {
    if (start == null || customers == null || steps == null) {
      throw new IllegalArgumentException("history: start, customers and steps must not be null");
    }
    customers = List.copyOf(customers);
    List<Step> sorted = new ArrayList<>(steps);
    sorted.sort(Comparator.comparing(Step::at));
    steps = List.copyOf(sorted);
  }

  /**
   * Who a customer is at the start of a history.
   *
   * @param id the customer's id
   * @param email whether they have an email address
   * @param phone whether they have a phone number
   * @param consents their marketing consent per channel (missing: never said)
   * @param zone their time zone
   */
  public record CustomerSpec(String id, boolean email, boolean phone,
      Map<Channel, ConsentStatus> consents, ZoneId zone) {

    /**
     * Checks and copies the components.
     *
     * @param id the customer's id
     * @param email whether they have an email address
     * @param phone whether they have a phone number
     * @param consents their marketing consent per channel (missing: never said)
     * @param zone their time zone
     * @throws IllegalArgumentException if a component is null
     */
    public CustomerSpec {
      if (id == null || consents == null || zone == null) {
        throw new IllegalArgumentException("customer spec: id, consents and zone must not be "
            + "null");
      }
      consents = Map.copyOf(consents);
    }

    /**
     * Returns the profile the customer is identified with.
     *
     * @return the profile
     */
    public Profile profile() {
      Profile p = Profile.empty().preferences(Preferences.builder().timeZone(zone).build());
      if (email) {
        p = p.set(TraitKey.EMAIL_ADDRESS, id + "@example.com");
      }
      if (phone) {
        p = p.set(TraitKey.PHONE_NUMBER, "+44 7700 900" + Math.abs(id.hashCode() % 1000));
      }
      for (Map.Entry<Channel, ConsentStatus> c : consents.entrySet()) {
        if (c.getValue() != ConsentStatus.UNKNOWN) {
          p = p.consent(c.getKey(), Purpose.MARKETING, c.getValue());
        }
      }
      return p;
    }
  }

  /** A step of a history: something happens, or time passes, at an offset from the start. */
  public sealed interface Step permits Track, Advance {
    /**
     * Returns when, as an offset from the history's start.
     *
     * @return the offset
     */
    Duration at();
  }

  /**
   * A customer's event.
   *
   * @param at when, from the start
   * @param customerId the customer
   * @param type the event type
   * @param properties its properties
   */
  public record Track(Duration at, String customerId, String type, Map<String, Object> properties)
      implements Step {
    /**
     * Checks and copies the components.
     *
     * @param at when, from the start
     * @param customerId the customer
     * @param type the event type
     * @param properties its properties
     * @throws IllegalArgumentException if a component is null
     */
    public Track {
      if (at == null || customerId == null || type == null || properties == null) {
        throw new IllegalArgumentException("history track: no component may be null");
      }
      properties = Map.copyOf(properties);
    }
  }

  /**
   * Time passing, firing the timers due.
   *
   * @param at until when, from the start
   */
  public record Advance(Duration at) implements Step {
    /**
     * Checks the component.
     *
     * @param at until when, from the start
     * @throws IllegalArgumentException if null
     */
    public Advance {
      if (at == null) {
        throw new IllegalArgumentException("history advance: at must not be null");
      }
    }
  }

  /**
   * Returns the same history with every event tracked twice in a row (the second time a
   * duplicate, by its id).
   *
   * @return the doubled history
   */
  public History withEveryEventTwice() {
    List<Step> doubled = new ArrayList<>();
    for (Step s : steps) {
      doubled.add(s);
      if (s instanceof Track) {
        doubled.add(s);
      }
    }
    return new History(start, customers, doubled);
  }

  /**
   * Returns the instant at which the history ends: its last step.
   *
   * @return the end
   */
  public Instant end() {
    return steps.isEmpty() ? start : start.plus(steps.get(steps.size() - 1).at());
  }

  /**
   * Replays the history on a fresh engine and returns what it sent.
   *
   * @param configure adds the host's definitions to a builder whose clock and dispatcher are
   *     set
   * @return the dispatches, in order
   */
  public List<Dispatch> replay(UnaryOperator<Engine.Builder> configure) {
    return replay(configure, d -> { }, e -> { });
  }

  /**
   * Replays the history on a fresh engine, telling a listener of each dispatch as it is made.
   *
   * @param configure adds the host's definitions
   * @param onDispatch called with each dispatch
   * @param onEngine called with the engine once built, before the replay
   * @return the dispatches, in order
   */
  public List<Dispatch> replay(UnaryOperator<Engine.Builder> configure,
      Consumer<Dispatch> onDispatch, Consumer<Engine> onEngine) {
    TestClock clock = TestClock.at(start);
    Outbox outbox = new Outbox();
    Engine engine = configure.apply(Engine.builder().clock(clock).dispatcher(d -> {
      outbox.dispatch(d);
      onDispatch.accept(d);
    })).build();
    onEngine.accept(engine);
    for (CustomerSpec c : customers) {
      engine.identify(c.id(), c.profile());
    }
    for (Step s : steps) {
      Instant at = start.plus(s.at());
      if (at.isAfter(clock.instant())) {
        clock.set(at);
      }
      engine.advanceTo(at);
      if (s instanceof Track) {
        Track t = (Track) s;
        engine.track(Event.builder(t.customerId(), t.type()).id("history-" + t.customerId()
            + "-" + t.type() + "-" + s.at().toMillis() + "-" + Integer.toHexString(
                t.properties().hashCode())).properties(t.properties()).at(at));
      }
    }
    return outbox.all();
  }
}
