package dev.rapport.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.core.testing.ModuleDescriptors;
import java.lang.module.ModuleDescriptor;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The module descriptor exports exactly the report's API package and needs only core. */
class ModuleBoundaryTest {
  private final ModuleDescriptor descriptor = ModuleDescriptors.of(DashboardReport.class);

  @Test
  void report_module_is_named_dev_rapport_report() {
    String name = descriptor.name();

    assertThat(name).isEqualTo("dev.rapport.report");
  }

  @Test
  void report_exports_exactly_its_api_package() {
    Set<String> exported = ModuleDescriptors.exported(descriptor);

    assertThat(exported).containsExactlyInAnyOrder("dev.rapport.report");
  }

  @Test
  void report_exports_no_package_to_chosen_modules_only() {
    Set<ModuleDescriptor.Exports> qualified = ModuleDescriptors.qualifiedExports(descriptor);

    assertThat(qualified).isEmpty();
    assertThat(descriptor.opens()).isEmpty();
  }

  @Test
  void report_requires_core_only_and_gives_it_to_its_users() {
    Map<String, Set<ModuleDescriptor.Requires.Modifier>> requires =
        ModuleDescriptors.requires(descriptor);

    assertThat(requires.keySet()).containsExactlyInAnyOrder("java.base", "dev.rapport.core");
    assertThat(requires.get("dev.rapport.core"))
        .contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE);
  }

  @Test
  void report_shows_users_two_classes_only() {
    Set<String> publicTypes = ModuleDescriptors.publicTypes(DashboardReport.class);

    assertThat(publicTypes).containsExactlyInAnyOrder("DashboardReport", "JourneyDiagram");
  }
}
