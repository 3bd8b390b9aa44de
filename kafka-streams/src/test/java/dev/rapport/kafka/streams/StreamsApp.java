package dev.rapport.kafka.streams;

import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * The streams application of the broker tests: the tests' program on the topology, exactly
 * once. Its {@link #main} runs it in a child process that a test kills.
 */
final class StreamsApp {
  static final String APPLICATION = "rapport-eos-test";

  private StreamsApp() {}

  static Properties config(String bootstrap, Path stateDir) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 2_000);
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 500);
    return p;
  }

  /** The topology, each record made slow by {@code pauseMillis} so a kill lands mid-stream. */
  static Topology topology(long pauseMillis) {
    InputHandler<String> handler = Program.handler();
    return RapportTopology.builder()
        .engine(Program.definitions(false))
        .input(Hosts.CALLS, Program.text(), (value, calls) -> {
          if (pauseMillis > 0) {
            try {
              Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          handler.handle(value, calls);
        })
        .dispatches(Hosts.DISPATCHES)
        .measures(Hosts.MEASURES)
        .punctuationInterval(java.time.Duration.ofMillis(200))
        .build();
  }

  /**
   * Runs the application until killed.
   *
   * @param args bootstrap servers, state directory, pause per record in milliseconds
   */
  public static void main(String[] args) throws InterruptedException {
    KafkaStreams streams = new KafkaStreams(topology(Long.parseLong(args[2])),
        config(args[0], Path.of(args[1])));
    streams.start();
    new CountDownLatch(1).await();
  }
}
