package dev.rapport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PropertiesTest {

  private static Properties sample() {
    return Properties.of(Map.of("sku", "grinder", "qty", 2, "total", 120.5, "gift", true,
        "themes", List.of("speed", "price"), "exact", new BigDecimal("10.10"),
        "huge", new BigInteger("123456789012345678901234567890"), "whole", 3.0));
  }

  @Test
  void typed_getters_return_values_of_their_type() {
    Properties p = sample();

    String sku = p.getString("sku").orElseThrow();
    long qty = p.getLong("qty").orElseThrow();
    double total = p.getDouble("total").orElseThrow();
    boolean gift = p.getBoolean("gift").orElseThrow();
    List<Object> themes = p.getList("themes");
    BigDecimal exact = p.getDecimal("exact").orElseThrow();

    assertThat(sku).isEqualTo("grinder");
    assertThat(qty).isEqualTo(2L);
    assertThat(total).isEqualTo(120.5);
    assertThat(gift).isTrue();
    assertThat(themes).containsExactly("speed", "price");
    assertThat(exact).isEqualTo(new BigDecimal("10.10"));
  }

  @Test
  void typed_getters_return_empty_for_absent_properties() {
    Properties p = Properties.of();

    boolean anyPresent = p.getString("x").isPresent() || p.getLong("x").isPresent()
        || p.getDouble("x").isPresent() || p.getBoolean("x").isPresent()
        || p.getDecimal("x").isPresent();

    assertThat(anyPresent).isFalse();
    assertThat(p.getList("x")).isEmpty();
    assertThat(p.get("x")).isNull();
    assertThat(p.has("x")).isFalse();
    assertThat(p.isEmpty()).isTrue();
  }

  @Test
  void numbers_convert_between_getters_where_exact() {
    Properties p = sample();

    long whole = p.getLong("whole").orElseThrow();
    double qtyAsDouble = p.getDouble("qty").orElseThrow();
    BigDecimal qtyAsDecimal = p.getDecimal("qty").orElseThrow();
    BigDecimal hugeAsDecimal = p.getDecimal("huge").orElseThrow();
    BigDecimal totalAsDecimal = p.getDecimal("total").orElseThrow();

    assertThat(whole).isEqualTo(3L);
    assertThat(qtyAsDouble).isEqualTo(2.0);
    assertThat(qtyAsDecimal).isEqualTo(BigDecimal.valueOf(2));
    assertThat(hugeAsDecimal).isEqualTo(new BigDecimal("123456789012345678901234567890"));
    assertThat(totalAsDecimal).isEqualTo(new BigDecimal("120.5"));
  }

  @Test
  void a_single_string_reads_as_a_list_of_one() {
    Properties p = sample();

    List<Object> list = p.getList("sku");

    assertThat(list).containsExactly("grinder");
  }

  @Test
  void reading_a_number_as_a_string_names_the_property_and_its_type() {
    Properties p = sample();

    Throwable thrown = catchThrowable(() -> p.getString("qty"));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("property 'qty' is a Long (2), not a String");
  }

  @Test
  void reading_a_fraction_as_an_integral_number_is_rejected() {
    Properties p = sample();

    Throwable thrown = catchThrowable(() -> p.getLong("total"));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("property 'total' is a Double (120.5), not an integral number");
  }

  @Test
  void reading_a_string_as_a_number_is_rejected() {
    Properties p = sample();

    Throwable thrown = catchThrowable(() -> p.getDouble("sku"));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("property 'sku' is a String (grinder), not a number");
  }

  @Test
  void reading_a_string_as_a_decimal_is_rejected() {
    Properties p = sample();

    Throwable thrown = catchThrowable(() -> p.getDecimal("sku"));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("property 'sku' is a String (grinder), not a number");
  }

  @Test
  void reading_a_string_as_a_boolean_is_rejected() {
    Properties p = sample();

    Throwable thrown = catchThrowable(() -> p.getBoolean("sku"));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("property 'sku' is a String (grinder), not a Boolean");
  }

  @Test
  void reading_a_boolean_as_a_list_is_rejected() {
    Properties p = sample();

    Throwable thrown = catchThrowable(() -> p.getList("gift"));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("property 'gift' is a Boolean (true), not a List");
  }

  @Test
  void with_returns_a_copy_and_leaves_the_original_unchanged() {
    Properties original = Properties.of(Map.of("sku", "grinder"));

    Properties changed = original.with("sku", "kettle").with("qty", 1);

    assertThat(original.asMap()).containsExactly(Map.entry("sku", "grinder"));
    assertThat(changed.asMap()).containsExactly(Map.entry("qty", 1L), Map.entry("sku", "kettle"));
  }

  @Test
  void properties_are_a_copy_of_the_map_they_were_made_from() {
    Map<String, Object> source = new HashMap<>();
    source.put("sku", "grinder");
    Properties p = Properties.of(source);

    source.put("sku", "kettle");

    assertThat(p.get("sku")).isEqualTo("grinder");
    assertThat(catchThrowable(() -> p.asMap().put("x", "y")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void names_are_sorted_and_equal_content_is_equal() {
    Properties a = Properties.of(Map.of("b", 1, "a", 2L));

    Properties b = Properties.of().with("a", 2).with("b", 1L);

    assertThat(a.names()).containsExactly("a", "b");
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.size()).isEqualTo(2);
  }

  @Test
  void blank_key_is_rejected() {
    Map<String, Object> values = Map.of(" ", 1);

    Throwable thrown = catchThrowable(() -> Properties.of(values));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("property name is blank; give a non-blank name");
  }

  @Test
  void unsupported_value_is_rejected_naming_the_property_and_type() {
    Properties p = Properties.of();

    Throwable thrown = catchThrowable(() -> p.with("at", java.time.LocalDate.of(2025, 1, 2)));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("property 'at' has unsupported type java.time.LocalDate (2025-01-02); use "
            + "one of String, Boolean, Integer, Long, Short, Byte, Float, Double, BigInteger, "
            + "BigDecimal, and Lists or String-keyed Maps of those");
  }
}
