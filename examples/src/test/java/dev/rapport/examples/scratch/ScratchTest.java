package dev.rapport.examples.scratch;

import static dev.rapport.dsl.Rapport.*;

import dev.rapport.examples.store.CoffeeStore;
import dev.rapport.testkit.Scenario;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScratchTest {
  @Test
  void explore() {
    Scenario s = Scenario.startingAt("2026-03-02T09:00:00Z", CoffeeStore::configure);
    s.given("w-1", profile().set(EMAIL_ADDRESS, "a@example.com").consent(EMAIL, MARKETING, GRANTED));
    s.track(event("w-1", "purchased").with("sku", "beans"));
    for (int d = 1; d <= 100; d++) {
      s.after(Duration.ofDays(1));
      var c = s.engine().customer("w-1").orElseThrow();
      if (c.in("lapsed") || s.explain("w-1").enrollment("win-back").isPresent()) {
        System.out.println("day " + d + " in lapsed=" + c.in("lapsed") + " " + s.explain("w-1"));
        break;
      }
    }
    System.out.println(s.outbox());
  }
}
