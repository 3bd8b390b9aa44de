/**
 * The SaaS onboarding on Kafka Streams: {@link dev.rapport.examples.kafka.KafkaOnboarding} runs
 * the same definitions as the in-process example, as a topology partitioned by customer, against
 * a broker.
 */
package dev.rapport.examples.kafka;
