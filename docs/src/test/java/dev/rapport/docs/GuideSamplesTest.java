package dev.rapport.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every sample of the guide (and of the README) marked {@code <!-- snippet: NAME -->} must be,
 * word for word (up to indentation), the region {@code // snippet: NAME} ... {@code // end} of a
 * test in this module, which the build compiles and runs; and every page with samples shows, once
 * and before them, the imports they need ({@code <!-- imports -->}).
 */
class GuideSamplesTest {
  private static final Pattern GUIDE_SAMPLE =
      Pattern.compile("<!-- snippet: ([\\w-]+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern IMPORTS =
      Pattern.compile("<!-- imports -->\\s*```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern TEST_REGION =
      Pattern.compile("// snippet: ([\\w-]+)\\n(.*?)\\n\\s*// end", Pattern.DOTALL);
  private static final Pattern IMPORT =
      Pattern.compile("import (static )?([\\w.]+?)(\\.\\*)?;");
  /** A type's simple name where a sample uses it: capitalized, not after a dot (qualified). */
  private static final Pattern TYPE_USE = Pattern.compile("(?<![\\w.])([A-Z][a-z0-9]\\w*)");
  /** A constant where a sample uses it unqualified: upper case, not after a dot. */
  private static final Pattern CONSTANT_USE = Pattern.compile("(?<![\\w.])([A-Z][A-Z0-9_]+)\\b");
  private static final Pattern DECLARED_CONSTANT = Pattern.compile("\\b([A-Z][A-Z0-9_]+)\\s*=");
  /** An unqualified call: a lower-case name and a parenthesis, not after a dot or '::'. */
  private static final Pattern CALL = Pattern.compile("(?<![\\w.:])([a-z]\\w*)\\s*\\(");
  /** A method the sample itself declares: a type, then the name and a parenthesis. */
  private static final Pattern DECLARED_METHOD = Pattern.compile(
      "\\b(?:[A-Z][\\w.]*(?:<[^;=()]*>)?|void|boolean|int|long|double)(?:\\[])*\\s+([a-z]\\w*)\\s*\\(");
  private static final Pattern DECLARED_TYPE =
      Pattern.compile("\\b(?:class|interface|record|enum)\\s+([A-Z]\\w*)");
  /** The supertypes a sample's class names, whose member types and constants it inherits. */
  private static final Pattern SUPERTYPES =
      Pattern.compile("\\b(?:implements|extends)\\s+([\\w.<>, ]+?)\\s*\\{");
  /** An enum constant as a switch label, which needs no import. */
  private static final Pattern CASE_LABEL = Pattern.compile("\\bcase\\s+([A-Z][A-Z0-9_]*)");
  /** A name in code font in the page's prose, which may introduce a sample's fixture. */
  private static final Pattern PROSE_CODE = Pattern.compile("`([^`\\n]+)`");
  private static final Pattern FENCED = Pattern.compile("(?s)```.*?```");
  private static final Set<String> KEYWORDS = Set.of("if", "for", "while", "switch", "catch",
      "synchronized", "return", "new", "super", "this", "assert", "throw", "else", "try", "case",
      "yield");

  @Test
  void every_guide_sample_is_a_compiled_and_run_test_region() throws IOException {
    Map<String, String> regions = testRegions();
    List<String> problems = new ArrayList<>();
    int samples = 0;

    for (Path page : pages()) {
      Matcher m = GUIDE_SAMPLE.matcher(Files.readString(page, StandardCharsets.UTF_8));
      while (m.find()) {
        samples++;
        String name = m.group(1);
        String region = regions.get(name);
        if (region == null) {
          problems.add(page + ": sample '" + name + "' has no region '// snippet: " + name
              + "' in src/test/java");
        } else if (!dedent(region).equals(dedent(m.group(2)))) {
          problems.add(page + ": sample '" + name + "' differs from its test region:\n--- guide\n"
              + dedent(m.group(2)) + "\n--- test\n" + dedent(region));
        }
      }
    }

    assertThat(samples).as("samples found in the guide").isPositive();
    assertThat(problems).isEmpty();
  }

  @Test
  void every_page_with_samples_shows_the_imports_they_need_once_before_them() throws IOException {
    List<String> problems = new ArrayList<>();
    int pagesWithImports = 0;

    for (Path page : pages()) {
      String text = Files.readString(page, StandardCharsets.UTF_8);
      StringBuilder samples = new StringBuilder();
      Matcher sample = GUIDE_SAMPLE.matcher(text);
      int firstSample = -1;
      while (sample.find()) {
        firstSample = firstSample < 0 ? sample.start() : firstSample;
        samples.append(sample.group(2)).append('\n');
      }
      if (firstSample < 0) {
        continue;
      }
      Matcher imports = IMPORTS.matcher(text);
      if (!imports.find()) {
        problems.add(page + ": no '<!-- imports -->' block before its samples");
        continue;
      }
      pagesWithImports++;
      if (imports.start() > firstSample) {
        problems.add(page + ": the imports come after the first sample; show them at the top");
      }
      if (imports.find()) {
        problems.add(page + ": more than one imports block; show them once");
      }
      imports.reset().find();
      problems.addAll(importProblems(page, imports.group(1), code(samples.toString()),
          introduced(text)));
    }

    assertThat(pagesWithImports).as("pages with an imports block").isPositive();
    assertThat(problems).isEmpty();
  }

  /**
   * Checks one page's import block against its samples: every import names something that
   * exists; every type the samples use is imported, java.lang's, declared or inherited by a
   * sample; every constant and unqualified call is imported, declared by a sample or introduced
   * in the page's prose (such as a fixture: "`MONDAY` is ..."); and every single import is used.
   */
  private static List<String> importProblems(Path page, String block, String code,
      Set<String> introduced) {
    List<String> problems = new ArrayList<>();
    Map<String, String> types = new HashMap<>(); // simple name -> import
    Map<String, Class<?>> classes = new HashMap<>(); // simple name -> the class it imports
    Map<String, String> members = new HashMap<>(); // statically imported name -> import
    Set<String> singles = new LinkedHashSet<>(); // names imported one by one, to be used
    for (String line : block.strip().split("\n")) {
      if (line.isBlank() || line.strip().startsWith("//")) {
        continue;
      }
      Matcher m = IMPORT.matcher(line.strip());
      if (!m.matches()) {
        problems.add(page + ": not an import: " + line);
        continue;
      }
      boolean isStatic = m.group(1) != null;
      boolean onDemand = m.group(3) != null;
      String name = m.group(2);
      if (!isStatic && !onDemand) {
        Class<?> imported = type(name);
        String simple = name.substring(name.lastIndexOf('.') + 1);
        if (imported == null) {
          problems.add(page + ": " + line.strip() + " names no class");
        } else {
          classes.put(simple, imported);
        }
        types.put(simple, line.strip());
        singles.add(simple);
      } else if (isStatic && onDemand) {
        Class<?> owner = type(name);
        if (owner == null) {
          problems.add(page + ": " + line.strip() + " names no class");
          continue;
        }
        for (String member : staticMembers(owner)) {
          members.putIfAbsent(member, line.strip());
        }
        for (Class<?> nested : owner.getClasses()) {
          types.putIfAbsent(nested.getSimpleName(), line.strip());
          classes.putIfAbsent(nested.getSimpleName(), nested);
        }
      } else if (isStatic) {
        String member = name.substring(name.lastIndexOf('.') + 1);
        Class<?> owner = type(name.substring(0, name.lastIndexOf('.')));
        if (owner == null || !staticMembers(owner).contains(member)) {
          problems.add(page + ": " + line.strip() + " names no static member");
        }
        members.put(member, line.strip());
        singles.add(member);
      } else {
        problems.add(page + ": " + line.strip() + ": import the types one by one");
      }
    }

    Set<String> declaredTypes = names(DECLARED_TYPE, code);
    Set<String> inheritedConstants = new TreeSet<>();
    for (String supertypes : names(SUPERTYPES, code)) {
      for (String name : supertypes.replaceAll("<[^>]*>", "").split(",")) {
        Class<?> supertype = classes.get(name.strip());
        if (supertype != null) {
          inherit(supertype, declaredTypes, inheritedConstants);
        }
      }
    }
    Set<String> declaredMethods = names(DECLARED_METHOD, code);
    Set<String> usedTypes = names(TYPE_USE, code);
    Set<String> calls = names(CALL, code);
    Set<String> constants = names(CONSTANT_USE, code);
    constants.removeAll(names(DECLARED_CONSTANT, code));
    constants.removeAll(names(CASE_LABEL, code));
    constants.removeAll(inheritedConstants);
    for (String t : usedTypes) {
      if (!types.containsKey(t) && !declaredTypes.contains(t) && type("java.lang." + t) == null) {
        problems.add(page + ": the samples use " + t + " but the page does not import it");
      }
    }
    for (String c : calls) {
      if (!members.containsKey(c) && !declaredMethods.contains(c) && !KEYWORDS.contains(c)
          && !introduced.contains(c)) {
        problems.add(page + ": the samples call " + c
            + "(...) but the page neither imports it nor introduces it in its text");
      }
    }
    for (String c : constants) {
      if (!members.containsKey(c) && !introduced.contains(c)) {
        problems.add(page + ": the samples use " + c
            + " but the page neither imports it nor introduces it in its text");
      }
    }
    for (String name : singles) {
      if (!usedTypes.contains(name) && !calls.contains(name) && !constants.contains(name)) {
        problems.add(page + ": imports " + name + ", which no sample uses");
      }
    }
    return problems;
  }

  /** Adds a supertype's member types, and its constants, with those of its own supertypes. */
  private static void inherit(Class<?> type, Set<String> memberTypes, Set<String> constants) {
    for (Class<?> nested : type.getClasses()) {
      memberTypes.add(nested.getSimpleName());
    }
    for (Field f : type.getFields()) {
      if (Modifier.isStatic(f.getModifiers())) {
        constants.add(f.getName());
      }
    }
    for (Class<?> i : type.getInterfaces()) {
      inherit(i, memberTypes, constants);
    }
    if (type.getSuperclass() != null) {
      inherit(type.getSuperclass(), memberTypes, constants);
    }
  }

  /** The names the page's prose shows in code font, outside its code blocks. */
  private static Set<String> introduced(String page) {
    Set<String> out = new TreeSet<>();
    Matcher m = PROSE_CODE.matcher(FENCED.matcher(page).replaceAll(""));
    while (m.find()) {
      Matcher word = Pattern.compile("^[A-Za-z_]\\w*").matcher(m.group(1));
      if (word.find()) {
        out.add(word.group());
      }
    }
    return out;
  }

  /** The samples without comments and string literals, whose words are no code. */
  private static String code(String samples) {
    return samples.replaceAll("(?s)\"\"\".*?\"\"\"", "\"\"")
        .replaceAll("\"(?:[^\"\\\\\n]|\\\\.)*\"", "\"\"")
        .replaceAll("'(?:[^'\\\\\n]|\\\\.)'", "' '")
        .replaceAll("//[^\n]*", "")
        .replaceAll("(?s)/\\*.*?\\*/", "");
  }

  private static Set<String> names(Pattern pattern, String code) {
    Set<String> out = new TreeSet<>();
    Matcher m = pattern.matcher(code);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** Loads a class by its canonical name, nested classes included; null if there is none. */
  private static Class<?> type(String canonicalName) {
    String name = canonicalName;
    while (true) {
      try {
        return Class.forName(name, false, GuideSamplesTest.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
          return null;
        }
        name = name.substring(0, dot) + '$' + name.substring(dot + 1);
      }
    }
  }

  private static Set<String> staticMembers(Class<?> owner) {
    Set<String> out = new TreeSet<>();
    List<Member> all = new ArrayList<>(List.of(owner.getMethods()));
    all.addAll(List.of(owner.getFields()));
    for (Member m : all) {
      if (Modifier.isStatic(m.getModifiers()) && (m instanceof Method || m instanceof Field)) {
        out.add(m.getName());
      }
    }
    return out;
  }

  /** The guide's pages, then the README, whose samples are run too. */
  private static List<Path> pages() throws IOException {
    List<Path> all = new ArrayList<>();
    try (Stream<Path> pages = Files.list(Path.of("guide"))) {
      pages.filter(p -> p.toString().endsWith(".md")).sorted().forEach(all::add);
    }
    all.add(Path.of("..", "README.md"));
    return all;
  }

  private static Map<String, String> testRegions() throws IOException {
    Map<String, String> regions = new HashMap<>();
    try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
        Matcher m = TEST_REGION.matcher(Files.readString(f, StandardCharsets.UTF_8));
        while (m.find()) {
          regions.put(m.group(1), m.group(2));
        }
      }
    }
    return regions;
  }

  private static String dedent(String text) {
    List<String> lines = text.strip().isEmpty() ? List.of() : List.of(text.split("\n"));
    int indent = lines.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    StringBuilder out = new StringBuilder();
    for (String l : lines) {
      out.append(l.length() >= indent ? l.substring(indent) : l.strip()).append('\n');
    }
    return out.toString().strip();
  }
}
