package dev.rapport.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.engine.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module descriptor exports exactly the API packages; the implementation stays private.
 */
class ModuleBoundaryTest {

  private static Path classes() throws URISyntaxException {
    // tests run on the class path: the compiled descriptor sits next to the core's classes
    return Path.of(Engine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static ModuleDescriptor descriptor() throws IOException, URISyntaxException {
    Path classes = classes();
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      return ModuleDescriptor.read(in, () -> packagesIn(classes));
    }
  }

  private static Set<String> packagesIn(Path classes) {
    try (Stream<Path> files = Files.walk(classes)) {
      return files.filter(p -> p.toString().endsWith(".class"))
          .map(p -> classes.relativize(p.getParent() == null ? classes : p.getParent()))
          .filter(p -> !p.toString().isEmpty())
          .map(p -> p.toString().replace(p.getFileSystem().getSeparator(), "."))
          .collect(Collectors.toSet());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void core_module_is_named_dev_rapport_core() throws Exception {
    ModuleDescriptor descriptor = descriptor();

    String name = descriptor.name();

    assertThat(name).isEqualTo("dev.rapport.core");
  }

  @Test
  void core_exports_exactly_its_api_packages() throws Exception {
    ModuleDescriptor descriptor = descriptor();

    Set<String> exported = descriptor.exports().stream().map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toSet());

    assertThat(exported).containsExactlyInAnyOrder("dev.rapport.core", "dev.rapport.core.engine",
        "dev.rapport.core.decision", "dev.rapport.core.journey", "dev.rapport.core.measure",
        "dev.rapport.core.policy");
  }

  @Test
  void core_exports_no_package_to_chosen_modules_only() throws Exception {
    ModuleDescriptor descriptor = descriptor();

    Set<ModuleDescriptor.Exports> qualified = descriptor.exports().stream()
        .filter(ModuleDescriptor.Exports::isQualified).collect(Collectors.toSet());

    assertThat(qualified).isEmpty();
    assertThat(descriptor.opens()).isEmpty();
  }

  @Test
  void core_keeps_its_implementation_package_unexported() throws Exception {
    ModuleDescriptor descriptor = descriptor();

    Set<String> packages = descriptor.packages();

    assertThat(packages).contains("dev.rapport.core.internal");
    assertThat(descriptor.exports())
        .noneMatch(e -> e.source().startsWith("dev.rapport.core.internal"));
  }

  @Test
  void core_requires_only_guava_and_the_slf4j_api() throws Exception {
    ModuleDescriptor descriptor = descriptor();

    Set<String> required = descriptor.requires().stream().map(ModuleDescriptor.Requires::name)
        .collect(Collectors.toSet());

    assertThat(required).containsExactlyInAnyOrder("java.base", "com.google.common", "org.slf4j");
  }
}
