/**
 * Rapport on Kafka Streams: the same definitions an in-process {@link
 * dev.rapport.core.engine.Engine} takes, run as a topology partitioned by customer, built by
 * {@link dev.rapport.kafka.streams.RapportTopology}. Each stream task runs an ordinary engine
 * over a state store kept in the task's Kafka Streams store (customer records through the
 * engine's codec, a timer index ordered by due time, the partition's share of the measures, the
 * outbox); dispatches are written to a topic in the same exactly-once transaction as the state
 * that made them, and read back with {@link dev.rapport.kafka.streams.DispatchSerde}.
 */
package dev.rapport.kafka.streams;
