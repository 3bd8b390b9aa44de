package dev.rapport.report;

import dev.rapport.core.EngagementLevel;
import dev.rapport.core.LifecycleStage;
import dev.rapport.core.Score;
import dev.rapport.core.journey.StepStats;
import dev.rapport.core.measure.ActionRoi;
import dev.rapport.core.measure.Dashboard;
import dev.rapport.core.measure.ExperimentResult;
import dev.rapport.core.measure.GuardrailHistory;
import dev.rapport.core.measure.GuardrailPause;
import dev.rapport.core.measure.Metric;
import dev.rapport.core.measure.MetricValue;
import dev.rapport.core.measure.RoiResult;
import dev.rapport.core.measure.ScoreDistribution;
import dev.rapport.core.measure.ThemeStats;
import dev.rapport.core.measure.Trend;
import dev.rapport.core.measure.TrendPoint;
import dev.rapport.core.internal.Durations;
import dev.rapport.core.policy.Reason;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the dashboard writes numbers, times and names, the same way in text, Markdown and HTML:
 * always {@link Locale#ROOT}, a dash for a value that does not exist (NaN), and each metric in
 * its own terms: rates and shares as percentages, net shares on the -100 to 100 scale of a net
 * promoter score, hours as durations, survey means with their scale.
 */
final class DashboardFormat {
  /** Shown for a value that does not exist. */
  static final String NONE = "–";

  /** A day of a trend without a value, or a day without a pause. */
  static final char QUIET = '·';

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("MMM d", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final MathContext FOUR_DIGITS = new MathContext(4);
  private static final MathContext TWO_DIGITS = new MathContext(2);
  private static final String EIGHTHS = " ▏▎▍▌▋▊▉";
  private static final String SPARKS = "▁▂▃▄▅▆▇█";
  /** An ISO-8601 duration as {@code Duration.toString()} writes it, such as PT48H or P2DT3H. */
  private static final Pattern ISO_DURATION = Pattern.compile(
      "(?<![\\w.])-?P(?:\\d+D)?(?:T(?:-?\\d+H)?(?:-?\\d+M)?(?:-?\\d+(?:\\.\\d+)?S)?)?(?![\\w.])");
  /** The scales of the standard survey kinds, as {@code Metrics.csat()} and nps() read them. */
  private static final Map<String, Metric.Scale> SURVEY_SCALES = Map.of(
      "csat", new Metric.Scale(1, 5), "nps", new Metric.Scale(0, 10),
      "ces", new Metric.Scale(1, 7));

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

  /**
   * Cleans a text from the model and writes the durations in it as a person would: {@code
   * waitFor(api_key_created, atMost PT48H)} becomes {@code waitFor(api_key_created, atMost 2d)}.
   */
  static String human(String s) {
    String clean = clean(s);
    if (clean.indexOf('P') < 0) {
      return clean;
    }
    Matcher m = ISO_DURATION.matcher(clean);
    StringBuilder out = new StringBuilder(clean.length());
    while (m.find()) {
      String token = m.group();
      String human;
      try {
        human = token.equals("P") || token.endsWith("T") ? token
            : duration(Duration.parse(token));
      } catch (DateTimeParseException e) {
        human = token;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(human));
    }
    m.appendTail(out);
    return out.toString();
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** A plain number: four significant digits below 1,000, whole numbers with grouping above. */
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

  /**
   * A share as a percentage: one decimal from 1%, two significant digits below (so that 0.041%
   * is not shown as 0.0%), and {@code 0%} for nothing.
   */
  static String percent(double share) {
    if (!Double.isFinite(share)) {
      return NONE;
    }
    double p = share * 100;
    if (p == 0) {
      return "0%";
    }
    if (Math.abs(p) >= 1) {
      return String.format(Locale.ROOT, "%.1f%%", p);
    }
    return new BigDecimal(p).round(TWO_DIGITS).stripTrailingZeros().toPlainString() + "%";
  }

  /** A share of a total, or a dash when the total is 0. */
  static String percent(long part, long total) {
    return total == 0 ? NONE : percent((double) part / total);
  }

  /** A net share from -1 to 1 on the -100 to 100 scale of a net promoter score: {@code +21}. */
  static String netScore(double v) {
    if (!Double.isFinite(v)) {
      return NONE;
    }
    long score = Math.round(v * 100);
    return score > 0 ? "+" + score : Long.toString(score);
  }

  /** A scale such as {@code 1–7}. */
  static String scale(Metric.Scale s) {
    return number(s.low()) + "–" + number(s.high());
  }

  /**
   * A metric's value in its own terms, as its definition says: {@code 2.1%}, {@code +21},
   * {@code 14h 30m}, {@code 4.13 on 1–7}; a plain number when the definition is unknown.
   */
  static String value(Optional<Metric> definition, double v, Optional<Currency> currency) {
    if (definition.isEmpty()) {
      return number(v);
    }
    Metric m = definition.get();
    switch (m.kind()) {
      case RATE:
      case SHARE:
        return percent(v);
      case NET_SHARE:
        return netScore(v);
      default:
        if (!Double.isFinite(v)) {
          return NONE;
        }
        if (m.unit() == Metric.Unit.HOURS) {
          return duration(Duration.ofSeconds(Math.round(v * 3600)));
        }
        if (m.unit() == Metric.Unit.MONEY) {
          return money(v, currency);
        }
        return m.scale().map(s -> score(v) + " on " + scale(s)).orElse(number(v));
    }
  }

  /**
   * An amount of money with its currency's code: {@code GBP 1,234.50}, whole units from
   * 100,000; a plain amount when the currency is unknown.
   */
  static String money(double v, Optional<Currency> currency) {
    if (!Double.isFinite(v)) {
      return NONE;
    }
    double rounded = Math.abs(v) < 0.005 ? 0 : v;
    String amount = Math.abs(rounded) >= 100_000 ? String.format(Locale.ROOT, "%,.0f", rounded)
        : String.format(Locale.ROOT, "%,.2f", rounded);
    return currency.map(c -> c.getCurrencyCode() + " " + amount).orElse(amount);
  }

  /**
   * A bucket of a score's scale: {@code 40–50} for points, {@code < 0}, {@code 0}, {@code 0–10}
   * and {@code 100,000 or more} for money and numbers.
   */
  static String bucket(Score.Scale scale, int bucket) {
    double low = scale.low(bucket);
    double high = scale.high(bucket);
    if (Double.isInfinite(low)) {
      return "< " + amount(high);
    }
    if (scale != Score.Scale.POINTS && low == 0 && high == Double.MIN_VALUE) {
      return "0";
    }
    if (Double.isInfinite(high)) {
      return amount(low) + " or more";
    }
    return amount(low == Double.MIN_VALUE ? 0 : low) + "–" + amount(high);
  }

  private static String amount(double v) {
    return String.format(Locale.ROOT, "%,.0f", v);
  }

  /**
   * The buckets of a distribution worth showing: every bucket of points, and for money and
   * numbers those from the first with a customer to the last (none when nobody has a value).
   */
  static int[] shownBuckets(ScoreDistribution s) {
    int n = s.scale().buckets();
    if (s.scale() == Score.Scale.POINTS) {
      int[] all = new int[n];
      for (int i = 0; i < n; i++) {
        all[i] = i;
      }
      return all;
    }
    int first = -1;
    int last = -1;
    for (int i = 0; i < n; i++) {
      if (s.customers().get(i) > 0) {
        first = first < 0 ? i : first;
        last = i;
      }
    }
    if (first < 0) {
      return new int[0];
    }
    int[] shown = new int[last - first + 1];
    for (int i = first; i <= last; i++) {
      shown[i - first] = i;
    }
    return shown;
  }

  /** A score's value: money with the currency, points and numbers to one decimal. */
  static String scoreValue(Dashboard d, Score.Scale scale, double v) {
    return scale == Score.Scale.MONEY ? money(v, d.currency()) : score(v);
  }

  private static final java.util.Set<String> SURVEYS = java.util.Set.of("csat", "nps", "ces");

  /** The tiers of the return section: what proves value, what rolls up to it, activity. */
  enum Tier {
    HEADLINE,
    SECONDARY,
    ACTIVITY
  }

  /**
   * A metric's tier: the value metrics are headline; the standard survey metrics ({@code
   * csat}, {@code nps}, {@code ces}), any metric on a scale or a net score, and times (support
   * response) are secondary; the rest (rates of opens, clicks, unsubscribes, counts) is
   * activity.
   */
  static Tier tier(Optional<Metric> definition) {
    if (definition.isEmpty()) {
      return Tier.ACTIVITY;
    }
    Metric m = definition.get();
    if (m.valueSource().isPresent()) {
      return Tier.HEADLINE;
    }
    if (m.kind() == Metric.Kind.NET_SHARE || m.scale().isPresent()
        || m.unit() == Metric.Unit.HOURS || SURVEYS.contains(m.name())) {
      return Tier.SECONDARY;
    }
    return Tier.ACTIVITY;
  }

  /** The global values of the metrics of a tier, in the dashboard's order. */
  static List<MetricValue> inTier(Dashboard d, Tier tier) {
    List<MetricValue> out = new ArrayList<>();
    for (MetricValue m : d.metrics()) {
      if (m.dimension().equals("global") && tier(d.definition(m.metric())) == tier) {
        out.add(m);
      }
    }
    return out;
  }

  /** Whether the dashboard has a return section: a revenue definition or a declared score. */
  static boolean hasReturns(Dashboard d) {
    return d.currency().isPresent() || !d.scores().isEmpty();
  }

  /** The returns of the actions measured against their holdouts, in the dashboard's order. */
  static List<RoiResult> actionHoldouts(Dashboard d) {
    List<RoiResult> out = new ArrayList<>();
    for (ActionRoi a : d.actionReturns()) {
      a.holdout().ifPresent(out::add);
    }
    return out;
  }

  /** The incremental revenue with its interval: {@code EUR 1,200.00 (EUR 300.00 to ...)}. */
  static String incremental(Dashboard d, RoiResult r) {
    if (!Double.isFinite(r.incrementalRevenue())) {
      return NONE;
    }
    return money(r.incrementalRevenue(), d.currency());
  }

  /** The 95% interval of the incremental revenue, or a dash. */
  static String interval(Dashboard d, RoiResult r) {
    if (!Double.isFinite(r.standardError())) {
      return NONE;
    }
    return money(r.ciLow(), Optional.empty()) + " to " + money(r.ciHigh(), Optional.empty());
  }

  /** What a journey's return says, in words. */
  static String verdict(RoiResult r) {
    if (r.heldOut() == 0) {
      return "no holdout";
    }
    if (!Double.isFinite(r.standardError())) {
      return "no data";
    }
    if (r.ciLow() > 0) {
      return "adds revenue";
    }
    if (r.ciHigh() < 0) {
      return "costs revenue";
    }
    return "no clear effect";
  }

  /** A return on cost as a multiple: {@code 3.2x}, or a dash. */
  static String multiple(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1fx", v) : NONE;
  }

  /** A mean survey score, to one decimal as scores are read: {@code 4.1}. */
  static String score(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : NONE;
  }

  /** A metric's value, its definition looked up in the dashboard. */
  static String value(Dashboard d, String metric, double v) {
    return value(d.definition(metric), v, d.currency());
  }

  /** What a metric's value is on the dashboard, such as {@code rate}, {@code NPS -100 to 100}. */
  static String reading(Optional<Metric> definition) {
    if (definition.isEmpty()) {
      return "";
    }
    Metric m = definition.get();
    switch (m.kind()) {
      case RATE:
        return "rate";
      case SHARE:
        return "share";
      case NET_SHARE:
        return "net score, -100 to 100";
      case SUM:
        return m.unit() == Metric.Unit.MONEY ? "total" : "sum";
      case RATIO:
        return "ratio";
      default:
        if (m.unit() == Metric.Unit.HOURS) {
          return "mean time";
        }
        return m.scale().map(s -> "mean score on " + scale(s)).orElse("mean");
    }
  }

  /** What a metric measures, in words, with its durations written as a person would. */
  static String description(Optional<Metric> definition) {
    return definition.map(m -> m.description().equals(m.name()) ? "" : human(m.description()))
        .orElse("");
  }

  /**
   * A guardrail in its metric's terms: {@code unsubscribe_rate below 2.0% (min sample 200)};
   * the scope (a journey, an action, a channel) is said where it is shown.
   */
  static String guardrail(Dashboard d, GuardrailHistory h) {
    return clean(h.trend().metric()) + " " + h.direction().name().toLowerCase(Locale.ROOT) + " "
        + value(d, h.trend().metric(), h.bound()) + " (min sample " + count(h.minSample()) + ")";
  }

  /** A theme's mean scores, each with its survey and scale: {@code CSAT 2.4 on 1–5}. */
  static String meanScores(Dashboard d, ThemeStats t) {
    if (t.meanScores().isEmpty()) {
      return NONE;
    }
    List<String> parts = new ArrayList<>();
    t.meanScores().forEach((kind, mean) -> {
      Metric.Scale s = d.definition(kind).flatMap(Metric::scale)
          .orElse(SURVEY_SCALES.get(kind));
      String name = SURVEY_SCALES.containsKey(kind) ? kind.toUpperCase(Locale.ROOT) : clean(kind);
      parts.add(name + " " + (s == null ? number(mean) : score(mean) + " on " + scale(s)));
    });
    return String.join(" · ", parts);
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

  /** An instant to the minute, in UTC. */
  static String instant(Instant at) {
    return at == null ? NONE : TIME.format(at);
  }

  /** A day, such as {@code Mar 2}. */
  static String day(Instant at) {
    return DAY.format(at);
  }

  /** The two largest units of a duration, as the engine's messages write it: {@code 3d 4h}. */
  static String duration(Duration d) {
    return d == null ? NONE : Durations.text(d);
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

  /**
   * A sparkline of a trend, one block character a point, from the lowest value (▁) to the
   * highest (█); a point without a value is {@link #QUIET}.
   */
  static String sparkline(Trend trend) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (TrendPoint p : trend.points()) {
      if (Double.isFinite(p.value())) {
        lo = Math.min(lo, p.value());
        hi = Math.max(hi, p.value());
      }
    }
    StringBuilder b = new StringBuilder(trend.points().size());
    for (TrendPoint p : trend.points()) {
      if (!Double.isFinite(p.value())) {
        b.append(QUIET);
      } else if (hi - lo < 1e-12) {
        b.append(SPARKS.charAt(hi == 0 ? 0 : SPARKS.length() / 2));
      } else {
        int level = (int) Math.round((p.value() - lo) / (hi - lo) * (SPARKS.length() - 1));
        b.append(SPARKS.charAt(level));
      }
    }
    return b.toString();
  }

  /**
   * A strip under a trend's sparkline: {@code ━} under each point whose day (the day before
   * the point, for a day's end) overlaps a pause, {@link #QUIET} under the others.
   */
  static String pauseStrip(Trend trend, List<GuardrailPause> pauses, Instant now) {
    StringBuilder b = new StringBuilder(trend.points().size());
    Instant previous = null;
    for (TrendPoint p : trend.points()) {
      Instant from = previous == null ? p.at().minus(Duration.ofDays(1)) : previous;
      boolean paused = false;
      for (GuardrailPause pause : pauses) {
        Instant until = pause.until().orElse(now);
        boolean begun = pause.from().isBefore(p.at())
            || pause.isOpen() && pause.from().equals(p.at());
        if (begun && until.isAfter(from)) {
          paused = true;
          break;
        }
      }
      b.append(paused ? '━' : QUIET);
      previous = p.at();
    }
    return b.toString();
  }

  /** A trend's first and last values, such as {@code 0.4% on Jan 6 → 2.1% now}. */
  static String course(Dashboard d, Trend trend) {
    TrendPoint first = null;
    TrendPoint last = null;
    for (TrendPoint p : trend.points()) {
      if (p.hasValue()) {
        first = first == null ? p : first;
        last = p;
      }
    }
    if (first == null) {
      return "no value yet";
    }
    String from = value(d, trend.metric(), first.value()) + " on " + day(first.at());
    String to = value(d, trend.metric(), last.value())
        + (last.at().equals(d.at()) ? " now" : " on " + day(last.at()));
    return first == last ? to : from + " → " + to;
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

  /**
   * A journey's steps in the order a customer meets them: by version, then by place, a nested
   * block ({@code 2/timeout/1}) right after the step it belongs to, blocks of one step in the
   * order the journey declares them.
   */
  static List<StepStats> inFlowOrder(List<StepStats> steps) {
    Map<String, Integer> firstSeen = new HashMap<>();
    for (StepStats s : steps) {
      String[] parts = place(s).split("/");
      StringBuilder prefix = new StringBuilder();
      for (String part : parts) {
        prefix.append(part).append('/');
        firstSeen.putIfAbsent(s.version() + ":" + prefix, firstSeen.size());
      }
    }
    Comparator<StepStats> byPlace = (a, b) -> {
      List<Long> ka = key(a, firstSeen);
      List<Long> kb = key(b, firstSeen);
      for (int i = 0; i < Math.min(ka.size(), kb.size()); i++) {
        int c = Long.compare(ka.get(i), kb.get(i));
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(ka.size(), kb.size());
    };
    List<StepStats> out = new ArrayList<>(steps);
    out.sort(Comparator.comparingInt(StepStats::version).thenComparing(byPlace));
    return out;
  }

  /** A step's place, the label before its description: {@code 2/timeout/1}. */
  private static String place(StepStats s) {
    int space = s.step().indexOf(' ');
    return space < 0 ? s.step() : s.step().substring(0, space);
  }

  /** A numbered part sorts by its number, a named part by where the journey first shows it. */
  private static List<Long> key(StepStats s, Map<String, Integer> firstSeen) {
    List<Long> key = new ArrayList<>();
    StringBuilder prefix = new StringBuilder();
    for (String part : place(s).split("/")) {
      prefix.append(part).append('/');
      if (!part.isEmpty() && part.chars().allMatch(Character::isDigit) && part.length() < 10) {
        key.add(Long.parseLong(part));
      } else {
        key.add((long) firstSeen.get(s.version() + ":" + prefix));
      }
    }
    return key;
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

  /** The result itself, then each further arm of a split. */
  static List<ExperimentResult> comparisons(ExperimentResult e) {
    List<ExperimentResult> all = new ArrayList<>();
    all.add(e);
    if (e.otherArms() != null) {
      all.addAll(e.otherArms());
    }
    return all;
  }

  /** The history of the guardrail at an index, if the dashboard has it for that guardrail. */
  static Optional<GuardrailHistory> history(Dashboard d, int i) {
    if (i < d.guardrailHistory().size()
        && d.guardrailHistory().get(i).guardrail().equals(d.guardrails().get(i).guardrail())) {
      return Optional.of(d.guardrailHistory().get(i));
    }
    return Optional.empty();
  }
}
