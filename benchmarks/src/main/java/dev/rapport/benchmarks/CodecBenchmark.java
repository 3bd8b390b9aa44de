package dev.rapport.benchmarks;

import dev.rapport.core.CustomerId;
import dev.rapport.core.Event;
import dev.rapport.core.engine.Codec;
import dev.rapport.core.engine.Engine;
import dev.rapport.core.engine.StateStore;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The customer record's codec, as every durable store uses it once per call that changes a
 * customer: nanoseconds to encode and to decode the records of the journey benchmark's
 * customers (the onboarding journey, each customer enrolled and sent a few events), taken from
 * the engine through the store SPI as a durable store receives them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {
  private static final int CUSTOMERS = 1024;

  private Codec<Object> codec;
  private Object[] records;
  private byte[][] encoded;
  private int next;

  /** Runs the journey for a population and keeps each customer's last record and codec. */
  @Setup(Level.Trial)
  public void setUp() {
    Map<CustomerId, Object> last = new HashMap<>();
    StateStore store = capturing(StateStore.inMemory(), last);
    Clock clock = Onboarding.clock();
    Engine engine = Onboarding.engine(clock, new LongAdder(), store);
    Onboarding.enroll(engine, CUSTOMERS);
    for (Event e : Onboarding.events(CUSTOMERS, CUSTOMERS * Integer.getInteger("eventsPerCustomer", 6))) {
      engine.track(e);
    }
    records = last.values().toArray();
    encoded = new byte[records.length][];
    long bytes = 0;
    for (int i = 0; i < records.length; i++) {
      encoded[i] = codec.encode(records[i]);
      bytes += encoded[i].length;
    }
    System.out.printf("%n%d records, %d bytes each on average%n", records.length,
        bytes / records.length);
  }

  private int nextIndex() {
    int i = next;
    next = i + 1 == records.length ? 0 : i + 1;
    return i;
  }

  /**
   * Encodes the next customer's record.
   *
   * @return the bytes
   */
  @Benchmark
  public byte[] encode() {
    return codec.encode(records[nextIndex()]);
  }

  /**
   * Decodes the next customer's record.
   *
   * @return the record
   */
  @Benchmark
  public Object decode() {
    return codec.decode(encoded[nextIndex()]);
  }

  /** A store that forwards to another and keeps the last record each customer's calls wrote. */
  private StateStore capturing(StateStore delegate, Map<CustomerId, Object> last) {
    InvocationHandler storeCalls = (proxy, method, args) -> {
      Object result = invoke(delegate, method, args);
      if (method.getName().equals("begin")) {
        StateStore.Transaction tx = (StateStore.Transaction) result;
        return Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {StateStore.Transaction.class}, (p, m, a) -> {
              if (m.getName().equals("write")) {
                @SuppressWarnings("unchecked")
                Codec<Object> c = (Codec<Object>) a[1];
                codec = c;
                last.put(tx.customer(), a[0]);
              }
              return invoke(tx, m, a);
            });
      }
      return result;
    };
    return (StateStore) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {StateStore.class}, storeCalls);
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
