package dev.rapport.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.engine.Engine;
import dev.rapport.core.testing.ModuleDescriptors;
import java.lang.module.ModuleDescriptor;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The module descriptor exports exactly the API packages; the implementation stays private, but
 * for the leaf helpers, which Rapport's report module alone may read.
 */
class ModuleBoundaryTest {
  private final ModuleDescriptor descriptor = ModuleDescriptors.of(Engine.class);

  @Test
  void core_module_is_named_dev_rapport_core() {
    String name = descriptor.name();

    assertThat(name).isEqualTo("dev.rapport.core");
  }

  @Test
  void core_exports_exactly_its_api_packages() {
    Set<String> exported = ModuleDescriptors.exported(descriptor);

    assertThat(exported).containsExactlyInAnyOrder("dev.rapport.core", "dev.rapport.core.engine",
        "dev.rapport.core.decision", "dev.rapport.core.journey", "dev.rapport.core.measure",
        "dev.rapport.core.policy");
  }

  @Test
  void core_exports_its_leaf_helpers_to_its_report_module_only() {
    Set<ModuleDescriptor.Exports> qualified = ModuleDescriptors.qualifiedExports(descriptor);

    assertThat(qualified).singleElement().satisfies(e -> {
      assertThat(e.source()).isEqualTo("dev.rapport.core.internal");
      assertThat(e.targets()).containsExactly("dev.rapport.report");
    });
    assertThat(descriptor.opens()).isEmpty();
  }

  @Test
  void core_exports_no_implementation_package_to_everyone() {
    Set<String> packages = descriptor.packages();

    assertThat(packages).contains("dev.rapport.core.internal");
    assertThat(descriptor.exports())
        .filteredOn(e -> !e.isQualified())
        .noneMatch(e -> e.source().startsWith("dev.rapport.core.internal"));
  }

  @Test
  void core_requires_only_the_slf4j_api() {
    Set<String> required = ModuleDescriptors.requires(descriptor).keySet();

    assertThat(required).containsExactlyInAnyOrder("java.base", "org.slf4j");
  }
}
