/**
 * Rapport on Kafka Streams: the same journeys, rules, policy and guardrails run as a Kafka
 * Streams topology partitioned by customer; see {@link
 * dev.rapport.kafka.streams.RapportTopology}.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.rapport.kafka.streams {
  requires transitive dev.rapport.core;
  requires transitive kafka.streams;
  requires transitive kafka.clients;
  requires org.slf4j;

  exports dev.rapport.kafka.streams;
}
