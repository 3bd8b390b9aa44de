package dev.rapport.testkit;

import dev.rapport.core.Channel;
import dev.rapport.core.engine.Dispatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on what an {@link Outbox} received. Every failure lists everything that was sent,
 * so that the message shows what happened instead; when a scenario's outbox holds nothing that
 * matches, the failure also lists what the engine's gate refused of the action, with the reason
 * (for the customer asked about, or else for every customer the scenario met).
 *
 * <pre>{@code
 * assertThat(outbox).sent("welcome").to("c-1").within(Duration.ofMinutes(1));
 * assertThat(outbox).sent("api-key-help").to("c-1").via(IN_APP);
 * assertThat(outbox).didNotSend("promo").to("c-2");
 * }</pre>
 */
public final class OutboxAssert extends AbstractAssert<OutboxAssert, Outbox> {

  OutboxAssert(Outbox actual) {
    super(actual, OutboxAssert.class);
  }

  /**
   * Checks that an action was sent, to anyone; narrow it with the returned assertion.
   *
   * @param action the action's name
   * @return an assertion on those dispatches
   */
  public SentAssert sent(String action) {
    isNotNull();
    List<Dispatch> matching = actual.of(action);
    if (matching.isEmpty()) {
      failWithMessage("expected '%s' to be sent, but the outbox holds:%n%s%s", action, actual,
          actual.refusals(action, actual.customersMet()));
    }
    return new SentAssert(actual, action, matching, "'" + action + "'", null);
  }

  /**
   * Starts a check that an action was not sent (to anyone, or to one customer).
   *
   * @param action the action's name
   * @return an assertion to complete with {@code to(...)} or {@code toAnyone()}
   */
  public NotSentAssert didNotSend(String action) {
    isNotNull();
    return new NotSentAssert(actual, action);
  }

  /**
   * Checks that nothing at all was sent.
   *
   * @return this assertion
   */
  public OutboxAssert sentNothing() {
    isNotNull();
    if (actual.size() > 0) {
      failWithMessage("expected nothing to be sent, but the outbox holds:%n%s", actual);
    }
    return this;
  }

  /** Narrows and checks the dispatches of one action. */
  public static final class SentAssert extends AbstractAssert<SentAssert, List<Dispatch>> {
    private final Outbox outbox;
    private final String action;
    private final String what;
    private final String customer;

    SentAssert(Outbox outbox, String action, List<Dispatch> matching, String what,
        String customer) {
      super(matching, SentAssert.class);
      this.outbox = outbox;
      this.action = action;
      this.what = what;
      this.customer = customer;
    }

    /** Keeps the dispatches that meet a condition, which must exist. */
    private SentAssert narrow(Predicate<Dispatch> keep, String more, String toCustomer) {
      List<Dispatch> kept = new ArrayList<>();
      for (Dispatch d : actual) {
        if (keep.test(d)) {
          kept.add(d);
        }
      }
      String now = what + " " + more;
      if (kept.isEmpty()) {
        failWithMessage("expected %s, but the outbox holds:%n%s%s", now, outbox,
            outbox.refusals(action, toCustomer != null ? List.of(toCustomer)
                : outbox.customersMet()));
      }
      return new SentAssert(outbox, action, kept, now, toCustomer);
    }

    /**
     * Keeps the dispatches to one customer, which must exist.
     *
     * @param customerId the customer
     * @return the narrowed assertion
     */
    public SentAssert to(String customerId) {
      return narrow(d -> d.customer().value().equals(customerId), "sent to " + customerId,
          customerId);
    }

    /**
     * Keeps the dispatches on one channel, which must exist.
     *
     * @param channel the channel
     * @return the narrowed assertion
     */
    public SentAssert via(Channel channel) {
      return narrow(d -> d.channel().equals(channel), "via " + channel, customer);
    }

    /**
     * Keeps the dispatches made no later than a time after the outbox's mark (the last event a
     * scenario tracked), which must exist.
     *
     * @param time the time
     * @return the narrowed assertion
     * @throws IllegalStateException if the outbox was never marked
     */
    public SentAssert within(Duration time) {
      Instant mark = outbox.marked().orElseThrow(() -> new IllegalStateException(
          "within(" + time + "): the outbox has no mark to count from; track events through a "
              + "Scenario, or call outbox.mark(instant)"));
      return narrow(d -> !d.at().isBefore(mark) && !d.at().isAfter(mark.plus(time)),
          "within " + time + " of " + mark, customer);
    }

    /**
     * Keeps the dispatches made at an instant, which must exist.
     *
     * @param at the instant
     * @return the narrowed assertion
     */
    public SentAssert at(Instant at) {
      return narrow(d -> d.at().equals(at), "at " + at, customer);
    }

    /**
     * Checks how many dispatches remain after narrowing.
     *
     * @param n the expected number
     * @return this assertion
     */
    public SentAssert times(int n) {
      if (actual.size() != n) {
        failWithMessage("expected %s %d time(s), but it was %d time(s); the outbox holds:%n%s",
            what, n, actual.size(), outbox);
      }
      return this;
    }
  }

  /** Checks that an action was not sent. */
  public static final class NotSentAssert {
    private final Outbox outbox;
    private final String action;

    NotSentAssert(Outbox outbox, String action) {
      this.outbox = outbox;
      this.action = action;
    }

    /**
     * Checks that the action was not sent to a customer.
     *
     * @param customerId the customer
     */
    public void to(String customerId) {
      for (Dispatch d : outbox.of(action)) {
        if (d.customer().value().equals(customerId)) {
          throw new AssertionError(String.format("expected '%s' not to be sent to %s, but the "
              + "outbox holds:%n%s", action, customerId, outbox));
        }
      }
    }

    /** Checks that the action was not sent to anyone. */
    public void toAnyone() {
      if (!outbox.of(action).isEmpty()) {
        throw new AssertionError(String.format("expected '%s' not to be sent, but the outbox "
            + "holds:%n%s", action, outbox));
      }
    }
  }
}
