package dev.rapport.kafka.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.Channel;
import dev.rapport.core.ConsentStatus;
import dev.rapport.core.Event;
import dev.rapport.core.EventTypes;
import dev.rapport.core.Profile;
import dev.rapport.core.Purpose;
import dev.rapport.core.TraitKey;
import dev.rapport.core.decision.Decision;
import dev.rapport.core.engine.Dispatch;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.measure.Guardrail;
import dev.rapport.core.measure.Metrics;
import dev.rapport.core.measure.GuardrailState;
import dev.rapport.core.policy.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * Guardrails on a partitioned host: each partition's observations count in one window, a breach
 * that only the combined window shows is detected, and once published it pauses what the
 * guardrail protects in every partition (marketing messages, here), never what it does not
 * (transactional ones). Two tasks' runtimes run side by side over one global store, published
 * into and synchronised as their punctuations do.
 */
class GuardrailAcrossPartitionsTest {
  private static final Instant T0 = Program.T0;
  /** The tests' program, with a guardrail of a small sample: 1 unsubscribe in 4 messages. */
  private static final Consumer<Engine.Builder> DEFINITIONS = b -> {
    Program.definitions(false).accept(b);
    b.guardrail(Guardrail.on(Metrics.unsubscribeRate()).below(0.25).minSample(5));
  };

  private final KeyValueStore<Bytes, byte[]> global = TestStores.inMemory("global");
  private final RemoteChanges remote = new RemoteChanges();

  /** One task: its runtime and what it dispatched. */
  private final class Task {
    final int partition;
    final List<Dispatch> sent = new ArrayList<>();
    final TaskRuntime runtime;

    Task(int partition) {
      this.partition = partition;
      this.runtime = new TaskRuntime(DEFINITIONS,
          TestStores.inMemory("p" + partition), global, partition, 100, new TaskRuntime.Sink() {
            @Override
            public void dispatch(Dispatch dispatch) {
              sent.add(dispatch);
            }

            @Override
            public void measure(Bytes key, byte[] value) {
              if (value == null) {
                global.delete(key);
              } else {
                global.put(key, value);
              }
              remote.published(Keys.partitionOf(key.get()));
            }
          });
    }

    void punctuate() {
      runtime.punctuate(remote.othersThan(partition));
    }

    /** A customer who signs up with a marketing consent on email: sent the welcome. */
    void signUp(String customer, Instant at) {
      runtime.input(customer, at.toEpochMilli(), calls -> {
        calls.identify(Profile.empty().set(TraitKey.EMAIL_ADDRESS, customer + "@example.com")
            .consent(Channel.EMAIL, Purpose.MARKETING, ConsentStatus.GRANTED, at));
        calls.track(Event.of(customer, "signed_up", at));
      });
    }

    void unsubscribe(String customer, Instant at) {
      runtime.input(customer, at.toEpochMilli(), calls -> calls.track(
          Event.builder(customer, EventTypes.UNSUBSCRIBED).with("channel", "email").at(at)));
    }

    Decision decideAndSend(String customer, Instant at) {
      Decision[] out = new Decision[1];
      runtime.input(customer, at.toEpochMilli(), calls -> out[0] = calls.decideAndSend());
      return out[0];
    }

    boolean breached() {
      return runtime.engine().guardrails().stream().anyMatch(GuardrailState::breached);
    }
  }

  @Test
  void a_breach_only_the_combined_window_shows_is_detected_and_pauses_every_partition() {
    // GIVEN partition 0: six welcomes sent, one unsubscribe (1 in 6, under the bound of 0.25)
    Task zero = new Task(0);
    Task one = new Task(1);
    for (int i = 0; i < 6; i++) {
      zero.signUp("a-" + i, T0.plusSeconds(i));
    }
    zero.unsubscribe("a-0", T0.plusSeconds(60));
    zero.punctuate();
    one.punctuate();
    Decision beforeBreach = zero.decideAndSend("a-1", T0.plusSeconds(70));

    // WHEN partition 1 sends two welcomes and has both unsubscribe: 2 in 2 alone is under the
    // guardrail's sample of 5, but 3 in 8 over both partitions breaks the bound
    one.signUp("b-0", T0.plusSeconds(100));
    one.signUp("b-1", T0.plusSeconds(101));
    one.unsubscribe("b-0", T0.plusSeconds(120));
    one.unsubscribe("b-1", T0.plusSeconds(121));
    boolean zeroBeforeItHeard = zero.breached();
    one.punctuate();
    zero.punctuate();

    // THEN both partitions hold back marketing, and still send transactional messages
    assertThat(beforeBreach.winners()).as("a decision before the breach").isNotEmpty();
    assertThat(one.breached()).as("partition 1, which saw the combined window break").isTrue();
    assertThat(zeroBeforeItHeard).as("partition 0 before partition 1 published").isFalse();
    assertThat(zero.breached()).as("partition 0 after its punctuation").isTrue();
    int sentBefore = zero.sent.size();
    Decision paused = zero.decideAndSend("a-2", T0.plusSeconds(200));
    assertThat(paused.winners()).isEmpty();
    assertThat(paused.rejected()).isNotEmpty()
        .allSatisfy(r -> assertThat(r.reason()).isEqualTo(Reason.GUARDRAIL_PAUSED));
    zero.signUp("a-9", T0.plusSeconds(210));
    assertThat(zero.sent.subList(sentBefore, zero.sent.size()))
        .extracting(d -> d.action().name() + " to " + d.customer())
        .containsExactly("welcome to a-9");
  }

  @Test
  void a_paused_journey_step_is_refused_in_a_partition_that_did_not_see_the_breach_itself() {
    // GIVEN partition 1 breaks the guardrail on its own, and partition 0 hears of it
    Task zero = new Task(0);
    Task one = new Task(1);
    zero.signUp("a-0", T0);
    for (int i = 0; i < 5; i++) {
      one.signUp("b-" + i, T0.plusSeconds(i));
    }
    for (int i = 0; i < 3; i++) {
      one.unsubscribe("b-" + i, T0.plusSeconds(60 + i));
    }
    one.punctuate();
    zero.punctuate();

    // WHEN partition 0's customer waits two days for an API key that never comes
    zero.runtime.tick(T0.plus(Duration.ofDays(3)).toEpochMilli());

    // THEN the timeout's marketing message is refused as paused, not sent
    assertThat(zero.sent).extracting(d -> d.action().name()).containsExactly("welcome");
    assertThat(zero.runtime.engine().journeyStats("onboarding").steps())
        .anySatisfy(s -> assertThat(s.refused()).containsKey(Reason.GUARDRAIL_PAUSED));
  }
}
