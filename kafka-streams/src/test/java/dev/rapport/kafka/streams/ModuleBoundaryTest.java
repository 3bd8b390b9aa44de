package dev.rapport.kafka.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.testing.ModuleDescriptors;
import java.lang.module.ModuleDescriptor;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The module descriptor exports exactly the host's API package, needs core and Kafka Streams
 * (and the SLF4J API to log), and shows users four top-level types.
 */
class ModuleBoundaryTest {
  private final ModuleDescriptor descriptor = ModuleDescriptors.of(RapportTopology.class);

  @Test
  void the_module_is_named_dev_rapport_kafka_streams() {
    String name = descriptor.name();

    assertThat(name).isEqualTo("dev.rapport.kafka.streams");
  }

  @Test
  void exports_exactly_its_api_package_to_everyone_and_opens_none() {
    Set<String> exported = ModuleDescriptors.exported(descriptor);

    assertThat(exported).containsExactly("dev.rapport.kafka.streams");
    assertThat(ModuleDescriptors.qualifiedExports(descriptor)).isEmpty();
    assertThat(descriptor.opens()).isEmpty();
  }

  @Test
  void requires_core_and_kafka_streams_and_gives_them_to_its_users() {
    Map<String, Set<ModuleDescriptor.Requires.Modifier>> requires =
        ModuleDescriptors.requires(descriptor);

    assertThat(requires.keySet()).containsExactlyInAnyOrder("java.base", "dev.rapport.core",
        "kafka.streams", "kafka.clients", "org.slf4j");
    assertThat(requires.get("dev.rapport.core"))
        .contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE);
    assertThat(requires.get("kafka.streams"))
        .contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE);
  }

  @Test
  void shows_users_the_topology_its_input_types_and_the_dispatch_serde_only() {
    Set<String> publicTypes = ModuleDescriptors.publicTypes(RapportTopology.class);

    assertThat(publicTypes).containsExactlyInAnyOrder("RapportTopology", "InputHandler",
        "CustomerCalls", "DispatchSerde");
  }
}
