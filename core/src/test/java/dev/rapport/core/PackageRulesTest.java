package dev.rapport.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/**
 * The floor plan of core, as rules: no two packages depend on each other (directly or around a
 * cycle), the model packages know nothing of the runtime, and the one package the module does
 * not export holds only leaf helpers that depend on nothing of Rapport.
 */
class PackageRulesTest {
  static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.rapport.core");

  /** One slice per package, the root package included. */
  static final SliceAssignment BY_PACKAGE = new SliceAssignment() {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass c) {
      return SliceIdentifier.of(c.getPackageName());
    }

    @Override
    public String getDescription() {
      return "the packages of core";
    }
  };

  @Test
  void no_package_depends_on_itself_through_another() {
    slices().assignedFrom(BY_PACKAGE).should().beFreeOfCycles().check(CORE);
  }

  @Test
  void the_model_packages_know_nothing_of_the_runtime() {
    noClasses().that().resideInAnyPackage("dev.rapport.core", "dev.rapport.core.journey",
            "dev.rapport.core.decision", "dev.rapport.core.policy", "dev.rapport.core.measure")
        .should().dependOnClassesThat().resideInAPackage("dev.rapport.core.engine")
        .check(CORE);
  }

  @Test
  void the_internal_package_holds_leaf_helpers_only() {
    classes().that().resideInAPackage("dev.rapport.core.internal")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..",
            "dev.rapport.core.internal")
        .check(CORE);
  }

  @Test
  void a_model_package_depends_only_on_the_model_below_it() {
    noClasses().that().resideInAPackage("dev.rapport.core.policy")
        .should().dependOnClassesThat().resideInAnyPackage("dev.rapport.core.journey",
            "dev.rapport.core.decision", "dev.rapport.core.measure")
        .check(CORE);
    noClasses().that().resideInAPackage("dev.rapport.core")
        .should().dependOnClassesThat().resideInAnyPackage("dev.rapport.core.journey",
            "dev.rapport.core.decision", "dev.rapport.core.measure", "dev.rapport.core.policy")
        .check(CORE);
  }
}
