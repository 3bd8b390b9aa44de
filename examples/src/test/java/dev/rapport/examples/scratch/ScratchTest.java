package dev.rapport.examples.scratch;

import dev.rapport.examples.Program;
import dev.rapport.testkit.History;
import dev.rapport.testkit.RapportArbitraries;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.*;
import net.jqwik.api.statistics.Statistics;

class ScratchTest {
  @Property(tries = 80)
  void explore(@ForAll("h") History history) {
    var d = history.replay(Program::configure);
    Statistics.label("any").collect(!d.isEmpty());
    Statistics.label("marketing").collect(d.stream().anyMatch(x -> x.action().purpose().name().equals("MARKETING")));
    Statistics.label("fallback").collect(d.stream().anyMatch(x -> x.attempt() > 1));
  }
  @Provide Arbitrary<History> h() {
    return RapportArbitraries.histories(List.of("signed_up","teammate_invited","purchased","renewal_upcoming","payment_failed","logged_in"), Duration.ofDays(20));
  }
}
