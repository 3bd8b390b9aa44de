package dev.rapport.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The module descriptor exports exactly the store's package, needs core and java.sql (and the
 * SLF4J API to log), and shows users two types.
 */
class ModuleBoundaryTest {

  private static Path classes() throws URISyntaxException {
    // tests run on the class path: read the compiled descriptor next to the store's classes
    return Path.of(JdbcStateStore.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
  }

  private static ModuleDescriptor descriptor() throws IOException, URISyntaxException {
    try (InputStream in = Files.newInputStream(classes().resolve("module-info.class"))) {
      return ModuleDescriptor.read(in);
    }
  }

  @Test
  void the_module_is_named_dev_rapport_store_jdbc() throws Exception {
    ModuleDescriptor descriptor = descriptor();

    String name = descriptor.name();

    assertThat(name).isEqualTo("dev.rapport.store.jdbc");
  }

  @Test
  void exports_exactly_its_api_package_to_everyone_and_opens_none() throws Exception {
    ModuleDescriptor descriptor = descriptor();

    Set<String> exported = descriptor.exports().stream().map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toSet());

    assertThat(exported).containsExactly("dev.rapport.store.jdbc");
    assertThat(descriptor.exports()).noneMatch(ModuleDescriptor.Exports::isQualified);
    assertThat(descriptor.opens()).isEmpty();
  }

  @Test
  void requires_core_and_java_sql_and_gives_them_to_its_users() throws Exception {
    ModuleDescriptor descriptor = descriptor();

    Set<String> required = descriptor.requires().stream().map(ModuleDescriptor.Requires::name)
        .collect(Collectors.toSet());

    assertThat(required).containsExactlyInAnyOrder("java.base", "dev.rapport.core", "java.sql",
        "org.slf4j");
    assertThat(descriptor.requires())
        .filteredOn(r -> r.name().equals("dev.rapport.core") || r.name().equals("java.sql"))
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.modifiers())
            .contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE));
  }

  @Test
  void shows_users_the_store_its_dialects_and_a_url_data_source_only() throws Exception {
    Set<String> publicTypes;
    try (var files = Files.list(classes().resolve("dev/rapport/store/jdbc"))) {
      publicTypes = files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".class") && !n.startsWith("package-info"))
          .map(n -> n.substring(0, n.length() - ".class".length()))
          .filter(n -> {
            try {
              Class<?> type = Class.forName("dev.rapport.store.jdbc." + n);
              return Modifier.isPublic(type.getModifiers())
                  && (type.getEnclosingClass() == null
                      || Modifier.isPublic(type.getEnclosingClass().getModifiers()));
            } catch (ClassNotFoundException e) {
              throw new IllegalStateException(e);
            }
          })
          .collect(Collectors.toSet());
    }

    assertThat(publicTypes).containsExactlyInAnyOrder("JdbcStateStore", "JdbcStateStore$Builder",
        "JdbcStateStore$Batch", "Dialect", "UrlDataSource");
  }

  @Test
  void ships_the_schema_of_each_database_where_migration_tools_can_read_it() {
    for (Dialect d : Dialect.values()) {
      assertThat(ModuleBoundaryTest.class.getClassLoader().getResource(d.schemaResource()))
          .as(d.schemaResource()).isNotNull();
    }
  }
}
