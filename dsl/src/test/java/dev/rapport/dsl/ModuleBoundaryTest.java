package dev.rapport.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The module descriptor exports exactly the DSL's API package. */
class ModuleBoundaryTest {

  private static ModuleDescriptor descriptor() throws IOException, URISyntaxException {
    // tests run on the class path: read the compiled descriptor next to the DSL's classes
    Path classes = Path.of(Rapport.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      return ModuleDescriptor.read(in);
    }
  }

  @Test
  void dsl_module_is_named_dev_rapport_dsl() throws Exception {
    ModuleDescriptor descriptor = descriptor();

    String name = descriptor.name();

    assertThat(name).isEqualTo("dev.rapport.dsl");
  }

  @Test
  void dsl_exports_exactly_its_api_package() throws Exception {
    ModuleDescriptor descriptor = descriptor();

    Set<String> exported = descriptor.exports().stream().map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toSet());

    assertThat(exported).containsExactlyInAnyOrder("dev.rapport.dsl");
  }

  @Test
  void dsl_exports_no_package_to_chosen_modules_only() throws Exception {
    ModuleDescriptor descriptor = descriptor();

    Set<ModuleDescriptor.Exports> qualified = descriptor.exports().stream()
        .filter(ModuleDescriptor.Exports::isQualified).collect(Collectors.toSet());

    assertThat(qualified).isEmpty();
    assertThat(descriptor.opens()).isEmpty();
  }

  @Test
  void dsl_gives_its_users_the_core_module_transitively() throws Exception {
    ModuleDescriptor descriptor = descriptor();

    Set<ModuleDescriptor.Requires> core = descriptor.requires().stream()
        .filter(r -> r.name().equals("dev.rapport.core")).collect(Collectors.toSet());

    assertThat(core).singleElement().satisfies(r -> assertThat(r.modifiers())
        .contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE));
  }
}
