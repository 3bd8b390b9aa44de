package dev.rapport.core.measure;

import java.time.Instant;
import java.util.Optional;

/**
 * A guardrail and where it stands.
 *
 * @param guardrail its description, such as {@code unsubscribe_rate below 0.02 (min 200)}
 * @param protects what it pauses while breached, such as {@code everything} or {@code journey
 *     onboarding}
 * @param breached whether it is breached now
 * @param value the metric's latest value
 * @param sample the sample the value rests on
 * @param since when it last changed state, if it ever did
 */
public record GuardrailState(String guardrail, String protects, boolean breached, double value,
    long sample, Optional<Instant> since) {}
