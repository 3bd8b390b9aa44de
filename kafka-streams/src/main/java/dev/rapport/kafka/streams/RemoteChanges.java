package dev.rapport.kafka.streams;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many measures each partition published, as the global store received them in this
 * process: lets a task see, at its punctuation, that the other partitions published since its
 * last one. A hint only; what the engine reads is always the global store itself.
 */
final class RemoteChanges {
  private final ConcurrentHashMap<Integer, AtomicLong> byPartition = new ConcurrentHashMap<>();

  /** Counts one measure published by a partition. */
  void published(int partition) {
    byPartition.computeIfAbsent(partition, p -> new AtomicLong()).incrementAndGet();
  }

  /** How many measures the partitions other than one published so far. */
  long othersThan(int partition) {
    long n = 0;
    for (var e : byPartition.entrySet()) {
      if (e.getKey() != partition) {
        n += e.getValue().get();
      }
    }
    return n;
  }
}
