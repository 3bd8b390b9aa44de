package dev.rapport.kafka.streams;

import dev.rapport.core.CustomerId;
import dev.rapport.core.Event;
import dev.rapport.core.Profile;
import dev.rapport.core.Traits;
import dev.rapport.core.decision.Decision;
import dev.rapport.core.decision.Placement;
import dev.rapport.core.engine.Engine;
import java.time.Instant;

/** The calls of one record on an engine, held to the record's customer. */
final class EngineCalls implements CustomerCalls {
  private final Engine engine;
  private final String customer;
  private final Instant time;

  EngineCalls(Engine engine, String customer, Instant time) {
    this.engine = engine;
    this.customer = customer;
    this.time = time;
  }

  @Override
  public String customerId() {
    return customer;
  }

  @Override
  public Instant time() {
    return time;
  }

  @Override
  public boolean track(Event event) {
    if (event == null) {
      throw new IllegalArgumentException("track(event): event is null; give an Event");
    }
    if (!event.customer().equals(CustomerId.of(customer))) {
      throw new IllegalArgumentException("track(event): the event is of another customer "
          + "than the record's key; key each input record by the id of the customer it is "
          + "about, so that the customer's state lives in one partition");
    }
    return engine.track(event);
  }

  @Override
  public void identify(Profile profile) {
    engine.identify(customer, profile);
  }

  @Override
  public void identify(Traits traits) {
    engine.identify(customer, traits);
  }

  @Override
  public Decision decideAndSend() {
    return engine.decideAndSend(customer);
  }

  @Override
  public Decision decideAndSend(Placement placement) {
    return engine.decideAndSend(customer, placement);
  }

  @Override
  public boolean forget() {
    return engine.forget(customer);
  }

  @Override
  public boolean mergeFrom(String otherCustomerId) {
    return engine.merge(otherCustomerId, customer);
  }
}
