package dev.rapport.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.rapport.core.Channel;
import dev.rapport.core.CustomerId;
import dev.rapport.core.Event;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A thread reuses its last call's transaction: readied for a call, a used one is field for field
 * what the constructor makes, whatever the call before left in it. Every field is dirtied first,
 * so a field added to {@link Txn} and left out of {@link Txn#init} fails here.
 */
class TxnReuseTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final dev.rapport.core.EngagementModel ENGAGEMENT =
      dev.rapport.core.EngagementModel.ofDefaults();
  /** Kept on purpose: only its entries below the number of counter keys are ever read. */
  private static final Set<String> KEPT = Set.of("counterDeltas");

  @Test
  void a_reused_transaction_is_a_new_one_field_by_field() throws Exception {
    Names names = new Names(List.of(Channel.EMAIL), List.of(), List.of(), List.of(), 100);
    Journal journal = new Journal();
    CustomerRecord first = new CustomerRecord(CustomerId.of("c-1"), names);
    CustomerRecord second = new CustomerRecord(CustomerId.of("c-2"), names);
    Txn used = new Txn(first, true, journal, T0, Duration.ofDays(1), names, ENGAGEMENT);
    for (Field f : fields()) {
      dirty(f, used);
    }
    used.count("a-counter", 3);
    used.release();

    used.init(second, false, journal, T0.plusSeconds(5), Duration.ofDays(2), names, ENGAGEMENT);
    Txn fresh = new Txn(second, false, journal, T0.plusSeconds(5), Duration.ofDays(2), names,
        ENGAGEMENT);

    for (Field f : fields()) {
      if (!KEPT.contains(f.getName())) {
        assertThat(same(f.get(used), f.get(fresh)))
            .as("field %s: %s after init, %s when new", f.getName(), f.get(used), f.get(fresh))
            .isTrue();
      }
    }
  }

  @Test
  void a_spare_transaction_holds_nothing_of_the_call_that_gave_it_back() throws Exception {
    Names names = new Names(List.of(Channel.EMAIL), List.of(), List.of(), List.of(), 100);
    Journal journal = new Journal();
    Txn t = journal.reuse(new CustomerRecord(CustomerId.of("c-1"), names), true, T0,
        Duration.ofDays(1), names, ENGAGEMENT);
    t.result = "something";
    t.processed.add(Event.of("c-1", "viewed", T0));
    journal.giveBack(t);

    for (Field f : fields()) {
      Object v = f.get(t);
      // nothing of the call: no reference but the engine-wide default retention, a constant
      boolean empty = v == null || v instanceof Number || v instanceof Boolean
          || v instanceof long[] || (v instanceof java.util.Collection<?> c && c.isEmpty())
          || v == RefusalRetention.ofDefaults();
      assertThat(empty).as("field %s holds %s", f.getName(), v).isTrue();
    }
    assertThat(journal.reuse(new CustomerRecord(CustomerId.of("c-2"), names), true, T0,
        Duration.ofDays(1), names, ENGAGEMENT)).isSameAs(t);
    assertThat(journal.reuse(new CustomerRecord(CustomerId.of("c-3"), names), true, T0,
        Duration.ofDays(1), names, ENGAGEMENT)).as("none spare while one is in use").isNotSameAs(t);
  }

  private static List<Field> fields() {
    List<Field> out = new ArrayList<>();
    for (Field f : Txn.class.getDeclaredFields()) {
      if (!Modifier.isStatic(f.getModifiers())) {
        f.setAccessible(true);
        out.add(f);
      }
    }
    return out;
  }

  /** Gives a field a value no new transaction has. */
  private static void dirty(Field f, Txn t) throws IllegalAccessException {
    if (Modifier.isFinal(f.getModifiers())) {
      // kept across calls, and must be emptied: the lists of events, dispatches, failures, keys
      if (f.get(t) instanceof java.util.Collection<?> kept) {
        @SuppressWarnings("unchecked")
        java.util.Collection<Object> any = (java.util.Collection<Object>) kept;
        any.add("dirty");
        return;
      }
      fail("final field %s of type %s: a transaction is reused, so give it a reset in "
          + "Txn.init and a dirty value here", f.getName(), f.getType().getName());
    }
    Class<?> type = f.getType();
    Object value;
    if (type == int.class) {
      value = 7;
    } else if (type == long.class) {
      value = 7L;
    } else if (type == boolean.class) {
      value = !f.getBoolean(t);
    } else if (type == String.class) {
      value = "dirty";
    } else if (type == List.class) {
      value = new ArrayList<>(List.of("dirty"));
    } else if (type == long[].class) {
      value = new long[] {7};
    } else if (type == Instant.class) {
      value = Instant.EPOCH;
    } else if (type == Object.class) {
      value = "dirty";
    } else if (type == java.util.Deque.class) {
      value = new ArrayDeque<>(List.of(Event.of("x", "y", T0)));
    } else if (type == Event.class) {
      value = Event.of("x", "y", T0);
    } else if (type == MetricsRuntime.Observation.class) {
      value = MetricsRuntime.Observation.NONE;
    } else if (type == RecordView.class) {
      value = t.view();
    } else if (f.get(t) != null) {
      value = null;
    } else {
      fail("field %s of type %s: give this test a value for it, and Txn.init a reset of it",
          f.getName(), type.getName());
      return;
    }
    f.set(t, value);
  }

  private static boolean same(Object a, Object b) {
    if (a instanceof long[] x && b instanceof long[] y) {
      return Arrays.equals(x, y);
    }
    return Objects.equals(a, b);
  }
}
