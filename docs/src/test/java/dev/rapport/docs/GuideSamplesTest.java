package dev.rapport.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every sample of the guide (and of the README) marked {@code <!-- snippet: NAME -->} must be, word for word (up to
 * indentation), the region {@code // snippet: NAME} ... {@code // end} of a test in this module,
 * which the build compiles and runs.
 */
class GuideSamplesTest {
  private static final Pattern GUIDE_SAMPLE =
      Pattern.compile("<!-- snippet: ([\\w-]+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern TEST_REGION =
      Pattern.compile("// snippet: ([\\w-]+)\\n(.*?)\\n\\s*// end", Pattern.DOTALL);

  @Test
  void every_guide_sample_is_a_compiled_and_run_test_region() throws IOException {
    Map<String, String> regions = testRegions();
    List<String> problems = new ArrayList<>();
    int samples = 0;

    List<Path> all = new ArrayList<>();
    try (Stream<Path> pages = Files.list(Path.of("guide"))) {
      pages.filter(p -> p.toString().endsWith(".md")).sorted().forEach(all::add);
    }
    all.add(Path.of("..", "README.md")); // the README's samples are run too
    for (Path page : all) {
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
