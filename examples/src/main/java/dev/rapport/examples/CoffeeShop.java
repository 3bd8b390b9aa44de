package dev.rapport.examples;

import static dev.rapport.dsl.Rapport.EMAIL;
import static dev.rapport.dsl.Rapport.EMAIL_ADDRESS;
import static dev.rapport.dsl.Rapport.GRANTED;
import static dev.rapport.dsl.Rapport.MARKETING;
import static dev.rapport.dsl.Rapport.action;
import static dev.rapport.dsl.Rapport.event;
import static dev.rapport.dsl.Rapport.moment;
import static dev.rapport.dsl.Rapport.persona;
import static dev.rapport.dsl.Rapport.preferences;
import static dev.rapport.dsl.Rapport.profile;
import static dev.rapport.dsl.Rapport.segment;

import dev.rapport.core.Action;
import dev.rapport.core.Moment;
import dev.rapport.core.Persona;
import dev.rapport.core.Segment;
import dev.rapport.core.engine.Engine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * A coffee-equipment store, from the playbooks: customers who buy a grinder become home baristas,
 * a second purchase is the moment that matters, and lapsed buyers form a win-back segment.
 */
public final class CoffeeShop {
  /** The first purchase. */
  public static final Moment FIRST_PURCHASE = moment("first-purchase").reachedOn("purchased")
      .build();

  /** The second purchase: the moment that turns a buyer into a customer. */
  public static final Moment SECOND_PURCHASE = moment("second-purchase")
      .reachedWhen(c -> c.count("purchased") >= 2).build();

  /** Bought a grinder: brews at home and wants better coffee. */
  public static final Persona HOME_BARISTA = persona("home-barista")
      .goals("better coffee at home", "consistent results")
      .painPoints("inconsistent grind", "too many choices")
      .interests("coffee", "brewing")
      .matching(c -> c.hasDone("purchased", p -> "grinder".equals(p.get("sku"))))
      .build();

  /** Bought once, nothing for 60 days. */
  public static final Segment LAPSED = segment("lapsed")
      .matching(c -> c.since("purchased").map(d -> d.compareTo(Duration.ofDays(60)) > 0)
          .orElse(false))
      .build();

  /** Bought at least three times in 90 days. */
  public static final Segment REGULARS = segment("regulars")
      .matching(c -> c.count("purchased", Duration.ofDays(90)) >= 3)
      .build();

  /** Brewing guides for grinder owners. */
  public static final Action BREW_GUIDE = action("brew-guide").topic("coffee").via(EMAIL)
      .value(3.0).build();

  private CoffeeShop() {}

  /**
   * Returns an engine with the store's definitions.
   *
   * @param clock the engine's clock
   * @return the engine
   */
  public static Engine engine(Clock clock) {
    return Engine.builder()
        .clock(clock)
        .moments(FIRST_PURCHASE, SECOND_PURCHASE)
        .personas(HOME_BARISTA)
        .segments(LAPSED, REGULARS)
        .build();
  }

  /**
   * Plays a short story for one customer: sign-up with consent, a grinder, beans, filters.
   *
   * @param engine the engine
   * @param customerId the customer
   * @param start when the story starts
   */
  public static void story(Engine engine, String customerId, Instant start) {
    engine.identify(customerId, profile()
        .set(EMAIL_ADDRESS, customerId + "@example.com")
        .consent(EMAIL, MARKETING, GRANTED)
        .preferences(preferences().timeZone(ZoneId.of("Europe/London"))
            .quietHours(LocalTime.of(21, 0), LocalTime.of(8, 0)).build()));
    engine.track(event(customerId, "signed_up").at(start));
    engine.track(event(customerId, "purchased").id(customerId + "-o1")
        .with("sku", "grinder").with("total", 129.0).at(start.plus(Duration.ofDays(1))));
    engine.track(event(customerId, "purchased").id(customerId + "-o2")
        .with("sku", "beans").with("total", 14.5).at(start.plus(Duration.ofDays(12))));
    engine.track(event(customerId, "purchased").id(customerId + "-o3")
        .with("sku", "filters").with("total", 6.0).at(start.plus(Duration.ofDays(30))));
  }
}
