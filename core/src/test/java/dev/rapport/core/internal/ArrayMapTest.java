package dev.rapport.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The array map behaves as a sorted map would, at every size, around the scan threshold. */
class ArrayMapTest {
  @Test
  void agrees_with_a_tree_map_over_random_changes() {
    SplittableRandom r = new SplittableRandom(11);
    for (int run = 0; run < 200; run++) {
      TreeMap<String, Integer> expected = new TreeMap<>();
      ArrayMap<Integer> actual = ArrayMap.empty();
      for (int step = 0; step < 40; step++) {
        String key = "k" + r.nextInt(20);
        if (r.nextInt(4) == 0) {
          expected.remove(key);
          actual = actual.without(key);
        } else {
          int v = r.nextInt(100);
          expected.put(key, v);
          actual = actual.with(key, v);
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.hashCode()).isEqualTo(expected.hashCode());
        assertThat(actual.toString()).isEqualTo(expected.toString());
        assertThat(new ArrayList<>(actual.keySet())).isEqualTo(new ArrayList<>(expected.keySet()));
        for (int k = 0; k < 20; k++) {
          String probe = new String("k" + k); // not the same instance as the key
          assertThat(actual.get(probe)).isEqualTo(expected.get(probe));
          assertThat(actual.containsKey(probe)).isEqualTo(expected.containsKey(probe));
        }
        assertThat(actual.get(42)).isNull();
      }
      assertThat(ArrayMap.copyOf(expected)).isEqualTo(expected);
    }
  }

  @Test
  void keeps_its_keys_sorted_and_maps_values() {
    ArrayMap<Integer> m = ArrayMap.copyOf(Map.of("b", 2, "a", 1, "c", 3));
    assertThat(List.copyOf(m.keySet())).containsExactly("a", "b", "c");
    assertThat(m.mapValues(v -> v * 10)).isEqualTo(Map.of("a", 10, "b", 20, "c", 30));
    assertThat(m.keyAt(1)).isEqualTo("b");
    assertThat(m.valueAt(2)).isEqualTo(3);
    assertThat(m.indexOf("z")).isEqualTo(-1);
  }
}
