/**
 * Events per second through the Kafka Streams host: in Kafka Streams' test driver ({@link
 * dev.rapport.benchmarks.kafka.TopologyDriverBenchmark}) and end to end through a broker in the
 * benchmark's JVM ({@link dev.rapport.benchmarks.kafka.BrokerBenchmark}).
 */
package dev.rapport.benchmarks.kafka;
