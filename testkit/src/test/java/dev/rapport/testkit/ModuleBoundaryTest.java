package dev.rapport.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Requires;
import java.lang.module.ModuleDescriptor.Requires.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The module descriptor exports exactly the testkit's API package, gives its users core and
 * AssertJ, and needs jqwik only where it is present.
 */
class ModuleBoundaryTest {

  private static ModuleDescriptor descriptor() throws IOException, URISyntaxException {
    // tests run on the class path: read the compiled descriptor next to the testkit's classes
    Path classes = Path.of(Scenario.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      return ModuleDescriptor.read(in);
    }
  }

  private static Map<String, Set<Modifier>> requires() throws Exception {
    return descriptor().requires().stream()
        .collect(Collectors.toMap(Requires::name, Requires::modifiers));
  }

  @Test
  void testkit_module_is_named_dev_rapport_testkit() throws Exception {
    ModuleDescriptor descriptor = descriptor();

    String name = descriptor.name();

    assertThat(name).isEqualTo("dev.rapport.testkit");
  }

  @Test
  void testkit_exports_exactly_its_api_package() throws Exception {
    ModuleDescriptor descriptor = descriptor();

    Set<String> exported = descriptor.exports().stream().map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toSet());

    assertThat(exported).containsExactlyInAnyOrder("dev.rapport.testkit");
  }

  @Test
  void testkit_exports_no_package_to_chosen_modules_only() throws Exception {
    ModuleDescriptor descriptor = descriptor();

    Set<ModuleDescriptor.Exports> qualified = descriptor.exports().stream()
        .filter(ModuleDescriptor.Exports::isQualified).collect(Collectors.toSet());

    assertThat(qualified).isEmpty();
    assertThat(descriptor.opens()).isEmpty();
  }

  @Test
  void testkit_gives_its_users_core_and_assertj_transitively() throws Exception {
    Map<String, Set<Modifier>> requires = requires();

    assertThat(requires.get("dev.rapport.core")).contains(Modifier.TRANSITIVE);
    assertThat(requires.get("org.assertj.core")).contains(Modifier.TRANSITIVE);
  }

  @Test
  void testkit_needs_jqwik_only_where_it_is_present() throws Exception {
    Map<String, Set<Modifier>> requires = requires();

    // static: optional at run time; transitive: RapportArbitraries returns jqwik's Arbitrary
    assertThat(requires.get("net.jqwik.api")).contains(Modifier.STATIC, Modifier.TRANSITIVE);
  }

  @Test
  void testkit_requires_neither_the_dsl_nor_any_junit_module() throws Exception {
    Map<String, Set<Modifier>> requires = requires();

    assertThat(requires.keySet()).containsExactlyInAnyOrder("java.base", "dev.rapport.core",
        "org.assertj.core", "net.jqwik.api");
  }
}
