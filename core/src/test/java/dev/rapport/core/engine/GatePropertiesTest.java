package dev.rapport.core.engine;

import dev.rapport.core.policy.ContactPolicy;
import dev.rapport.core.policy.ChannelSettings;
import dev.rapport.core.policy.Cap;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Action;
import dev.rapport.core.Channel;
import dev.rapport.core.ConsentStatus;
import dev.rapport.core.Purpose;
import dev.rapport.core.TraitKey;
import dev.rapport.core.engine.Gate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What must hold for every customer, history and policy: the gate never lets a message exceed a
 * cap, and never sends marketing on an opt-in channel without a granted consent.
 */
class GatePropertiesTest {
  private static final Instant BASE = Instant.parse("2026-06-10T00:00:00Z");
  private static final List<Channel> CHANNELS =
      List.of(Channel.EMAIL, Channel.SMS, Channel.PUSH, Channel.IN_APP);

  @Property(tries = 500)
  void never_allows_a_message_that_would_exceed_a_cap(
      @ForAll("policies") ContactPolicy policy,
      @ForAll("histories") List<Contact> contacts,
      @ForAll("actions") Action action,
      @ForAll("customers") StubCustomer customer,
      @ForAll("nows") Instant now) {
    GateDecision d = Gate.evaluate(policy, customer, contacts, action, now, Set.of(), false,
        Optional.empty());

    if (d.isAllowed()) {
      Contact sent = new Contact(now, action.name(), d.channel().get(), action.topic(),
          action.purpose());
      for (Cap cap : policy.caps()) {
        if (counts(cap, sent)) {
          long inWindow = contacts.stream()
              .filter(c -> c.at().isAfter(now.minus(cap.window())) && !c.at().isAfter(now))
              .filter(c -> counts(cap, c)).count();
          assertThat(inWindow + 1).as("%s after sending %s", cap, sent)
              .isLessThanOrEqualTo(cap.limit());
        }
      }
    }
  }

  @Property(tries = 200)
  void caps_hold_in_every_window_of_a_history_the_gate_let_through(
      @ForAll("policies") ContactPolicy policy,
      @ForAll("customers") StubCustomer customer,
      @ForAll("attempts") List<Attempt> attempts) {
    List<Contact> sent = new ArrayList<>();
    Instant now = BASE;
    for (Attempt a : attempts) {
      now = now.plus(a.after);
      GateDecision d = Gate.evaluate(policy, customer, sent, a.action, now, Set.of(), false,
          Optional.empty());
      if (d.isAllowed()) {
        sent.add(new Contact(now, a.action.name(), d.channel().get(), a.action.topic(),
            a.action.purpose()));
      }
    }

    for (Cap cap : policy.caps()) {
      for (Contact end : sent) {
        long inWindow = sent.stream()
            .filter(c -> c.at().isAfter(end.at().minus(cap.window())) && !c.at().isAfter(end.at()))
            .filter(c -> counts(cap, c)).count();
        assertThat(inWindow).as("%s in the window ending %s", cap, end.at())
            .isLessThanOrEqualTo(cap.limit());
      }
    }
  }

  @Property(tries = 500)
  void never_allows_marketing_on_an_opt_in_channel_without_granted_consent(
      @ForAll("policies") ContactPolicy policy,
      @ForAll("histories") List<Contact> contacts,
      @ForAll("actions") Action action,
      @ForAll("customers") StubCustomer customer,
      @ForAll("nows") Instant now) {
    GateDecision d = Gate.evaluate(policy, customer, contacts, action, now, Set.of(), false,
        Optional.empty());

    if (d.isAllowed() && action.purpose() == Purpose.MARKETING) {
      Channel channel = d.channel().get();
      if (policy.channelSettings(channel).requiresOptIn()) {
        assertThat(customer.consent(channel, Purpose.MARKETING).status())
            .isEqualTo(ConsentStatus.GRANTED);
      }
    }
  }

  /** Whether a cap counts a contact, and so applies to sending it; the rule of {@link Cap}. */
  private static boolean counts(Cap cap, Contact c) {
    if (cap.purpose().isPresent()) {
      return c.purpose() == cap.purpose().get();
    }
    if (c.purpose() != Purpose.MARKETING) {
      return false;
    }
    if (cap.channel().isPresent()) {
      return c.channel().equals(cap.channel().get());
    }
    if (cap.topic().isPresent()) {
      return c.topic().equals(cap.topic());
    }
    return true;
  }

  @Provide
  Arbitrary<ContactPolicy> policies() {
    Arbitrary<Cap> cap = Combinators.combine(
        Arbitraries.integers().between(1, 4),
        Arbitraries.of(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(3),
            Duration.ofDays(7)),
        Arbitraries.integers().between(0, 3),
        Arbitraries.of(CHANNELS),
        Arbitraries.of("coffee", "tea"),
        Arbitraries.of(Purpose.class))
        .as((limit, window, scope, channel, topic, purpose) -> {
          Cap c = Cap.of(limit, window);
          switch (scope) {
            case 1:
              return c.on(channel);
            case 2:
              return c.onTopic(topic);
            case 3:
              return c.forPurpose(purpose);
            default:
              return c;
          }
        });
    Arbitrary<Boolean> gap = Arbitraries.of(true, false);
    return Combinators.combine(cap.list().ofMaxSize(5), gap, Arbitraries.of(true, false))
        .as((caps, withGap, optInApp) -> {
          ContactPolicy.Builder b = ContactPolicy.builder();
          List<Cap> given = new ArrayList<>();
          for (Cap c : caps) {
            // a policy refuses two caps of the same scope and window; keep the first
            boolean duplicate = given.stream().anyMatch(g -> g.window().equals(c.window())
                && g.channel().equals(c.channel()) && g.topic().equals(c.topic())
                && g.purpose().equals(c.purpose()));
            if (!duplicate) {
              given.add(c);
              b.cap(c);
            }
          }
          if (withGap) {
            b.minimumGap(Duration.ofMinutes(30));
          }
          if (optInApp) {
            b.channel(Channel.IN_APP, ChannelSettings.of(true, null));
          }
          return b.build();
        });
  }

  @Provide
  Arbitrary<List<Contact>> histories() {
    return contacts().list().ofMaxSize(25);
  }

  private Arbitrary<Contact> contacts() {
    return Combinators.combine(
        Arbitraries.longs().between(-10 * 24 * 60, 3 * 24 * 60),
        Arbitraries.of("brew-guide", "tea-guide", "receipt", "news"),
        Arbitraries.of(CHANNELS),
        Arbitraries.of("coffee", "tea").optional(),
        Arbitraries.of(Purpose.class))
        .as((minutes, action, channel, topic, purpose) -> new Contact(
            BASE.plus(Duration.ofMinutes(minutes)), action, channel, topic, purpose));
  }

  @Provide
  Arbitrary<Action> actions() {
    return Combinators.combine(
        Arbitraries.of("brew-guide", "tea-guide", "receipt", "news"),
        Arbitraries.of(Purpose.class),
        Arbitraries.of("coffee", "tea").optional(),
        Arbitraries.of(CHANNELS).set().ofMinSize(1).ofMaxSize(3),
        Arbitraries.of(true, false))
        .as((name, purpose, topic, channels, cooldown) -> {
          Action.Builder b = Action.builder(name).purpose(purpose);
          topic.ifPresent(b::topic);
          CHANNELS.stream().filter(channels::contains).forEach(b::via);
          if (cooldown) {
            b.cooldown(Duration.ofHours(6));
          }
          return b.build();
        });
  }

  @Provide
  Arbitrary<StubCustomer> customers() {
    Arbitrary<ConsentStatus> status = Arbitraries.of(ConsentStatus.class);
    return Combinators.combine(status.list().ofSize(CHANNELS.size()),
        Arbitraries.of(true, false), Arbitraries.of(true, false))
        .as((consents, email, phone) -> {
          StubCustomer c = StubCustomer.at(BASE).with(TraitKey.DEVICE_TOKEN, "tok");
          if (email) {
            c = c.with(TraitKey.EMAIL_ADDRESS, "a@example.com");
          }
          if (phone) {
            c = c.with(TraitKey.PHONE_NUMBER, "+100");
          }
          for (int i = 0; i < CHANNELS.size(); i++) {
            if (consents.get(i) != ConsentStatus.UNKNOWN) {
              c = c.consent(CHANNELS.get(i), Purpose.MARKETING, consents.get(i),
                  BASE.minus(Duration.ofDays(30)));
            }
          }
          return c;
        });
  }

  @Provide
  Arbitrary<Instant> nows() {
    return Arbitraries.longs().between(0, 2 * 24 * 60).map(m -> BASE.plus(Duration.ofMinutes(m)));
  }

  @Provide
  Arbitrary<List<Attempt>> attempts() {
    return Combinators.combine(Arbitraries.longs().between(0, 12 * 60), actions())
        .as((minutes, action) -> new Attempt(Duration.ofMinutes(minutes), action))
        .list().ofMaxSize(40);
  }

  /** One try to send an action, some minutes after the previous try. */
  static final class Attempt {
    final Duration after;
    final Action action;

    Attempt(Duration after, Action action) {
      this.after = after;
      this.action = action;
    }

    @Override
    public String toString() {
      return "+" + after + " " + action;
    }
  }
}
