package dev.rapport.kafka.streams;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global store of measures: every partition's share as the measures topic has it (a
 * null value deletes), and counts what each partition published for the tasks to notice.
 */
final class MeasuresUpdater implements Processor<Bytes, byte[], Void, Void> {
  private final String storeName;
  private final RemoteChanges remote;
  private KeyValueStore<Bytes, byte[]> store;

  MeasuresUpdater(String storeName, RemoteChanges remote) {
    this.storeName = storeName;
    this.remote = remote;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<Bytes, byte[]> record) {
    Bytes key = record.key();
    if (key == null || key.get().length < 5) {
      return; // not a measure of Rapport's: the topic is the topology's own
    }
    if (record.value() == null) {
      store.delete(key);
    } else {
      store.put(key, record.value());
    }
    remote.published(Keys.partitionOf(key.get()));
  }
}
