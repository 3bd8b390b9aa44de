package dev.rapport.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.testing.ModuleDescriptors;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Requires.Modifier;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The module descriptor exports exactly the testkit's API package, gives its users core and
 * AssertJ, and needs jqwik only where it is present.
 */
class ModuleBoundaryTest {
  private final ModuleDescriptor descriptor = ModuleDescriptors.of(Scenario.class);

  private Map<String, Set<Modifier>> requires() {
    return ModuleDescriptors.requires(descriptor);
  }

  @Test
  void testkit_module_is_named_dev_rapport_testkit() {
    String name = descriptor.name();

    assertThat(name).isEqualTo("dev.rapport.testkit");
  }

  @Test
  void testkit_exports_exactly_its_api_package() {
    Set<String> exported = ModuleDescriptors.exported(descriptor);

    assertThat(exported).containsExactlyInAnyOrder("dev.rapport.testkit");
  }

  @Test
  void testkit_exports_no_package_to_chosen_modules_only() {
    Set<ModuleDescriptor.Exports> qualified = ModuleDescriptors.qualifiedExports(descriptor);

    assertThat(qualified).isEmpty();
    assertThat(descriptor.opens()).isEmpty();
  }

  @Test
  void testkit_gives_its_users_core_and_assertj_transitively() {
    Map<String, Set<Modifier>> requires = requires();

    assertThat(requires.get("dev.rapport.core")).contains(Modifier.TRANSITIVE);
    assertThat(requires.get("org.assertj.core")).contains(Modifier.TRANSITIVE);
  }

  @Test
  void testkit_needs_jqwik_only_where_it_is_present() {
    Map<String, Set<Modifier>> requires = requires();

    // static: optional at run time; transitive: RapportArbitraries returns jqwik's Arbitrary
    assertThat(requires.get("net.jqwik.api")).contains(Modifier.STATIC, Modifier.TRANSITIVE);
  }

  @Test
  void testkit_requires_neither_the_dsl_nor_any_junit_module() {
    Map<String, Set<Modifier>> requires = requires();

    assertThat(requires.keySet()).containsExactlyInAnyOrder("java.base", "dev.rapport.core",
        "org.assertj.core", "net.jqwik.api");
  }
}
