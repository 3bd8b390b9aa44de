package dev.rapport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class CustomerIdTest {

  @Test
  void id_is_a_value_equal_by_its_text() {
    CustomerId ada = CustomerId.of("c-1");

    CustomerId again = CustomerId.of("c-1");

    assertThat(again).isEqualTo(ada).hasSameHashCodeAs(ada);
    assertThat(ada.value()).isEqualTo("c-1");
    assertThat(ada.toString()).isEqualTo("c-1");
    assertThat(ada).isNotEqualTo(CustomerId.of("c-2"));
  }

  @Test
  void ids_sort_by_their_text() {
    List<CustomerId> ids = List.of(CustomerId.of("c-2"), CustomerId.of("a"), CustomerId.of("c-1"));

    TreeSet<CustomerId> sorted = new TreeSet<>(ids);

    assertThat(sorted).extracting(CustomerId::value).containsExactly("a", "c-1", "c-2");
  }

  @Test
  void null_id_is_rejected() {
    String value = null;

    Throwable thrown = catchThrowable(() -> CustomerId.of(value));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("customer id is null; give the host's customer id");
  }

  @Test
  void blank_id_is_rejected_naming_the_value() {
    String value = "   ";

    Throwable thrown = catchThrowable(() -> CustomerId.of(value));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("customer id is blank (\"   \"); give the host's customer id");
  }

  @Test
  void id_with_surrounding_whitespace_is_rejected_naming_the_value() {
    String value = "c-1 ";

    Throwable thrown = catchThrowable(() -> CustomerId.of(value));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("customer id \"c-1 \" has leading or trailing whitespace; strip it first");
  }
}
