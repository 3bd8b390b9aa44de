package dev.rapport.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A guardrail's state in the store: format 2 reads back as written (pauses with their values at
 * both ends, the forgotten count), format 1 is upgraded, an unknown format refused.
 */
class GuardrailCodecTest {
  private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");

  @Test
  void a_state_reads_back_as_written() {
    GuardrailCodec.State state = new GuardrailCodec.State(true, 0.3, 40, T0.plusSeconds(60), 7,
        List.of(new GuardrailCodec.Pause(T0, T0.plusSeconds(30), 0.2, 30, 0.9, 35),
            new GuardrailCodec.Pause(T0.plusSeconds(60), 0.3, 40)));

    GuardrailCodec.State back = GuardrailCodec.INSTANCE.decode(
        GuardrailCodec.INSTANCE.encode(state));

    assertThat(back).isEqualTo(state);
  }

  @Test
  void a_state_of_format_1_is_read_with_nothing_forgotten_and_no_recovery_values() {
    Bytes.Writer w = new Bytes.Writer();
    w.byte1(1);
    w.bool(false);
    w.float64(0.1);
    w.varint(50);
    w.varint(Times.of(T0.plusSeconds(30)));
    w.uvarint(1);
    w.varint(Times.of(T0));
    w.varint(Times.of(T0.plusSeconds(30)));
    w.float64(0.25);
    w.varint(32);

    GuardrailCodec.State read = GuardrailCodec.INSTANCE.decode(w.toByteArray());

    assertThat(read.forgotten()).isZero();
    assertThat(read.pauses()).containsExactly(
        new GuardrailCodec.Pause(T0, T0.plusSeconds(30), 0.25, 32, Double.NaN, 0));
    assertThat(read.since()).isEqualTo(T0.plusSeconds(30));
  }

  @Test
  void an_unknown_format_is_refused() {
    assertThatThrownBy(() -> GuardrailCodec.INSTANCE.decode(new byte[] {9}))
        .isInstanceOf(Codec.CodecException.class)
        .hasMessage("guardrail state: format version 9 is not one this release reads (it reads "
            + "1 and 2); upgrade Rapport on this engine");
  }
}
