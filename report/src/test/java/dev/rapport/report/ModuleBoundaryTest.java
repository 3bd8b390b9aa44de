package dev.rapport.report;

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

/** The module descriptor exports exactly the report's API package and needs only core. */
class ModuleBoundaryTest {

  private static ModuleDescriptor descriptor() throws IOException, URISyntaxException {
    // tests run on the class path: read the compiled descriptor next to the report's classes
    Path classes = Path.of(DashboardReport.class.getProtectionDomain().getCodeSource()
        .getLocation().toURI());
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      return ModuleDescriptor.read(in);
    }
  }

  @Test
  void report_module_is_named_dev_rapport_report() throws Exception {
    ModuleDescriptor descriptor = descriptor();

    String name = descriptor.name();

    assertThat(name).isEqualTo("dev.rapport.report");
  }

  @Test
  void report_exports_exactly_its_api_package() throws Exception {
    ModuleDescriptor descriptor = descriptor();

    Set<String> exported = descriptor.exports().stream().map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toSet());

    assertThat(exported).containsExactlyInAnyOrder("dev.rapport.report");
  }

  @Test
  void report_exports_no_package_to_chosen_modules_only() throws Exception {
    ModuleDescriptor descriptor = descriptor();

    Set<ModuleDescriptor.Exports> qualified = descriptor.exports().stream()
        .filter(ModuleDescriptor.Exports::isQualified).collect(Collectors.toSet());

    assertThat(qualified).isEmpty();
    assertThat(descriptor.opens()).isEmpty();
  }

  @Test
  void report_requires_core_only_and_gives_it_to_its_users() throws Exception {
    ModuleDescriptor descriptor = descriptor();

    Set<String> required = descriptor.requires().stream().map(ModuleDescriptor.Requires::name)
        .collect(Collectors.toSet());

    assertThat(required).containsExactlyInAnyOrder("java.base", "dev.rapport.core");
    assertThat(descriptor.requires()).filteredOn(r -> r.name().equals("dev.rapport.core"))
        .singleElement().satisfies(r -> assertThat(r.modifiers())
            .contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE));
  }

  @Test
  void report_shows_users_two_classes_only() throws Exception {
    Path classes = Path.of(DashboardReport.class.getProtectionDomain().getCodeSource()
        .getLocation().toURI()).resolve("dev/rapport/report");
    Set<String> publicTypes;
    try (var files = Files.list(classes)) {
      publicTypes = files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".class") && !n.contains("$") && !n.startsWith("package-info"))
          .map(n -> n.substring(0, n.length() - ".class".length()))
          .filter(n -> {
            try {
              return java.lang.reflect.Modifier.isPublic(
                  Class.forName("dev.rapport.report." + n).getModifiers());
            } catch (ClassNotFoundException e) {
              throw new IllegalStateException(e);
            }
          })
          .collect(Collectors.toSet());
    }

    assertThat(publicTypes).containsExactlyInAnyOrder("DashboardReport", "JourneyDiagram");
  }
}
