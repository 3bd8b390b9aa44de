/**
 * Rapport's customer model: who a customer is and what may be said to them.
 *
 * <p>Every type here is an immutable value or definition. {@link dev.rapport.core.Customer} is the
 * read-only view that every condition receives; {@link dev.rapport.core.Event} is what the host
 * tracks; {@link dev.rapport.core.Persona}, {@link dev.rapport.core.Segment} and {@link
 * dev.rapport.core.Moment} describe customers; {@link dev.rapport.core.Action} and {@link
 * dev.rapport.core.Channel} describe what may be sent and where; {@link
 * dev.rapport.core.Consent} and {@link dev.rapport.core.Preferences} are the customer's own
 * boundaries, enforced centrally by the engine. The standard event names live in {@link
 * dev.rapport.core.EventTypes}.
 *
 * <p>Definitions are usually built with the static entry point {@code dev.rapport.dsl.Rapport}
 * of the {@code rapport-dsl} module; the plain builders here are what it delegates to.
 */
package dev.rapport.core;
