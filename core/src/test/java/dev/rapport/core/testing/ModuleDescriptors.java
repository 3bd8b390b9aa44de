package dev.rapport.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the module-boundary test of each published module reads: the module's compiled
 * descriptor, what it exports and requires, and the public types of a package. Tests run on the
 * class path, so the descriptor is read from the {@code module-info.class} beside the module's
 * classes, found from one class of the module.
 *
 * <p>Shared with the other modules' tests through core's test-jar, which holds this package
 * only: core is the one module every other module already depends on, so that every module
 * (core included) can use it without a cycle.
 */
public final class ModuleDescriptors {
  private ModuleDescriptors() {}

  /**
   * Returns the folder (or jar) that holds a class of the module.
   *
   * @param member a class of the module
   * @return where the module's classes are
   */
  public static Path classes(Class<?> member) {
    try {
      return Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads the descriptor of the module that holds a class, with the packages its classes are in.
   *
   * @param member a class of the module
   * @return the descriptor
   */
  public static ModuleDescriptor of(Class<?> member) {
    Path classes = classes(member);
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      return ModuleDescriptor.read(in, () -> packagesIn(classes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns the packages a module exports to everyone (not those it exports to chosen modules
   * only: see {@link #qualifiedExports}).
   *
   * @param descriptor the module's descriptor
   * @return the packages
   */
  public static Set<String> exported(ModuleDescriptor descriptor) {
    return descriptor.exports().stream().filter(e -> !e.isQualified())
        .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
  }

  /**
   * Returns the exports of a module to chosen modules only.
   *
   * @param descriptor the module's descriptor
   * @return the qualified exports
   */
  public static Set<ModuleDescriptor.Exports> qualifiedExports(ModuleDescriptor descriptor) {
    return descriptor.exports().stream().filter(ModuleDescriptor.Exports::isQualified)
        .collect(Collectors.toSet());
  }

  /**
   * Returns the modules a module requires, with the modifiers of each.
   *
   * @param descriptor the module's descriptor
   * @return the required modules by name
   */
  public static Map<String, Set<ModuleDescriptor.Requires.Modifier>> requires(
      ModuleDescriptor descriptor) {
    return descriptor.requires().stream().collect(
        Collectors.toMap(ModuleDescriptor.Requires::name, ModuleDescriptor.Requires::modifiers));
  }

  /**
   * Returns the simple names of the public top-level types of the package of a class.
   *
   * @param member a class of the package
   * @return the public types' names
   */
  public static Set<String> publicTypes(Class<?> member) {
    String pkg = member.getPackageName();
    Path folder = classes(member).resolve(pkg.replace('.', '/'));
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".class") && !n.contains("$") && !n.startsWith("package-info"))
          .map(n -> n.substring(0, n.length() - ".class".length()))
          .filter(n -> isPublic(pkg + "." + n, member.getClassLoader()))
          .collect(Collectors.toSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isPublic(String type, ClassLoader loader) {
    try {
      return Modifier.isPublic(Class.forName(type, false, loader).getModifiers());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
