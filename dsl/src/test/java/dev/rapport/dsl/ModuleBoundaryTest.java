package dev.rapport.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.testing.ModuleDescriptors;
import java.lang.module.ModuleDescriptor;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The module descriptor exports exactly the DSL's API package. */
class ModuleBoundaryTest {
  private final ModuleDescriptor descriptor = ModuleDescriptors.of(Rapport.class);

  @Test
  void dsl_module_is_named_dev_rapport_dsl() {
    String name = descriptor.name();

    assertThat(name).isEqualTo("dev.rapport.dsl");
  }

  @Test
  void dsl_exports_exactly_its_api_package() {
    Set<String> exported = ModuleDescriptors.exported(descriptor);

    assertThat(exported).containsExactlyInAnyOrder("dev.rapport.dsl");
  }

  @Test
  void dsl_exports_no_package_to_chosen_modules_only() {
    Set<ModuleDescriptor.Exports> qualified = ModuleDescriptors.qualifiedExports(descriptor);

    assertThat(qualified).isEmpty();
    assertThat(descriptor.opens()).isEmpty();
  }

  @Test
  void dsl_gives_its_users_the_core_module_transitively() {
    Set<ModuleDescriptor.Requires.Modifier> core =
        ModuleDescriptors.requires(descriptor).get("dev.rapport.core");

    assertThat(core).contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE);
  }
}
