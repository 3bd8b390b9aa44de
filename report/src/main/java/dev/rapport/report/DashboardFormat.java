package dev.rapport.core.internal;

import dev.rapport.core.EngagementLevel;
import dev.rapport.core.LifecycleStage;
import dev.rapport.core.journey.StepStats;
import dev.rapport.core.measure.ExperimentResult;
import dev.rapport.core.policy.Reason;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the dashboard writes numbers, times and names, the same way in text, Markdown and HTML:
 * always {@link Locale#ROOT}, and a dash for a value that does not exist (NaN).
 */
final class DashboardFormat {
  /** Shown for a value that does not exist. */
  static final String NONE = "–";

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final MathContext FOUR_DIGITS = new MathContext(4);
  private static final String EIGHTHS = " ▏▎▍▌▋▊▉";

  private DashboardFormat() {}

  /** Replaces control characters, which would break a table or a terminal, and null. */
  static String clean(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(c -> {
      if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
        b.append('\uFFFD');
      } else {
        b.appendCodePoint(c);
      }
    });
    return b.toString();
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** A metric value: four significant digits below 1,000, whole numbers with grouping above. */
  static String number(double v) {
    if (!Double.isFinite(v)) {
      return NONE;
    }
    if (Math.abs(v) >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (v == 0) {
      return "0";
    }
    return new BigDecimal(v).round(FOUR_DIGITS).stripTrailingZeros().toPlainString();
  }

  /** A share in [0, 1] as a percentage with one decimal. */
  static String percent(double share) {
    return Double.isFinite(share) ? String.format(Locale.ROOT, "%.1f%%", share * 100) : NONE;
  }

  /** A share of a total, or a dash when the total is 0. */
  static String percent(long part, long total) {
    return total == 0 ? NONE : percent((double) part / total);
  }

  /** A difference of rates, in signed percentage points. */
  static String points(double diff) {
    return Double.isFinite(diff) ? String.format(Locale.ROOT, "%+.2f pp", diff * 100) : NONE;
  }

  /** A relative change, as a signed percentage. */
  static String relative(double ratio) {
    return Double.isFinite(ratio) ? String.format(Locale.ROOT, "%+.1f%%", ratio * 100) : NONE;
  }

  static String interval(double low, double high) {
    if (!Double.isFinite(low) || !Double.isFinite(high)) {
      return NONE;
    }
    return String.format(Locale.ROOT, "[%+.2f, %+.2f] pp", low * 100, high * 100);
  }

  static String pValue(double p) {
    if (!Double.isFinite(p)) {
      return NONE;
    }
    return p < 0.0001 ? "< 0.0001" : String.format(Locale.ROOT, "%.4f", p);
  }

  /** Whether the result is significant at 5%, in words. */
  static String verdict(ExperimentResult r) {
    if (!Double.isFinite(r.pValue())) {
      return NONE;
    }
    if (r.pValue() >= 0.05) {
      return "not significant";
    }
    return r.absoluteLift() > 0 ? "significant, better" : "significant, worse";
  }

  static String instant(Instant at) {
    return at == null ? NONE : TIME.format(at);
  }

  /** The two largest units of a duration: {@code 3d 4h}, {@code 5h 12m}, {@code 45s}. */
  static String duration(Duration d) {
    if (d == null) {
      return NONE;
    }
    if (d.isNegative()) {
      return "-" + duration(d.negated());
    }
    long s = d.getSeconds();
    long days = s / 86_400;
    long hours = s % 86_400 / 3600;
    long minutes = s % 3600 / 60;
    long seconds = s % 60;
    if (days > 0) {
      return hours == 0 ? days + "d" : days + "d " + hours + "h";
    }
    if (hours > 0) {
      return minutes == 0 ? hours + "h" : hours + "h " + minutes + "m";
    }
    if (minutes > 0) {
      return seconds == 0 ? minutes + "m" : minutes + "m " + seconds + "s";
    }
    if (s == 0 && d.getNano() > 0) {
      return d.toMillis() + "ms";
    }
    return seconds + "s";
  }

  /** A bar of {@code width} cells for a fraction in [0, 1], drawn with eighth blocks. */
  static String bar(double fraction, int width) {
    if (!Double.isFinite(fraction) || fraction <= 0) {
      return "";
    }
    int eighths = (int) Math.round(Math.min(1, fraction) * width * 8);
    if (eighths == 0) {
      eighths = 1;
    }
    StringBuilder b = new StringBuilder();
    b.append("█".repeat(eighths / 8));
    if (eighths % 8 > 0) {
      b.append(EIGHTHS.charAt(eighths % 8));
    }
    return b.toString();
  }

  static long refusedTotal(StepStats s) {
    long sum = 0;
    for (long n : s.refused().values()) {
      sum += n;
    }
    return sum;
  }

  /** The refusals of a step, most frequent first: {@code CAPPED 12, NO_CONSENT 3}. */
  static String refusals(StepStats s) {
    List<Map.Entry<Reason, Long>> entries = new ArrayList<>(s.refused().entrySet());
    entries.removeIf(e -> e.getValue() == null || e.getValue() == 0);
    entries.sort((a, b) -> a.getValue().equals(b.getValue())
        ? a.getKey().compareTo(b.getKey())
        : Long.compare(b.getValue(), a.getValue()));
    List<String> parts = new ArrayList<>();
    for (Map.Entry<Reason, Long> e : entries) {
      parts.add(e.getKey().name() + " " + count(e.getValue()));
    }
    return parts.isEmpty() ? NONE : String.join(", ", parts);
  }

  static String label(EngagementLevel level) {
    switch (level) {
      case HIGH:
        return "high";
      case LOW_ORGANIC:
        return "low, organic";
      case LOW_DISAFFECTED:
        return "low, disaffected";
      case DISENGAGED:
        return "disengaged";
      case LOST:
        return "lost";
      default:
        return level.name().toLowerCase(Locale.ROOT);
    }
  }

  static String label(LifecycleStage stage) {
    switch (stage) {
      case NEW:
        return "new";
      case ONBOARDING:
        return "onboarding";
      case ACTIVE:
        return "active";
      case AT_RISK:
        return "at risk";
      case LOYAL:
        return "loyal";
      case WIN_BACK:
        return "win-back";
      default:
        return stage.name().toLowerCase(Locale.ROOT);
    }
  }

  /** Counts for every constant of an enum, in declaration order, with 0 for a missing one. */
  static <E extends Enum<E>> long[] counts(Class<E> type, Map<E, Long> map) {
    E[] constants = type.getEnumConstants();
    long[] out = new long[constants.length];
    for (int i = 0; i < constants.length; i++) {
      Long n = map == null ? null : map.get(constants[i]);
      out[i] = n == null ? 0 : n;
    }
    return out;
  }

  static long sum(long[] values) {
    long s = 0;
    for (long v : values) {
      s += v;
    }
    return s;
  }

  static long max(long[] values) {
    long m = 0;
    for (long v : values) {
      m = Math.max(m, v);
    }
    return m;
  }

  /** Whether any step of a journey's funnel belongs to another version than the first. */
  static boolean severalVersions(List<StepStats> steps) {
    return steps.stream().mapToInt(StepStats::version).distinct().count() > 1;
  }
}
