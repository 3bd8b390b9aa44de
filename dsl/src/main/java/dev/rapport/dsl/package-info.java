/**
 * The DSL: one static entry point, {@link dev.rapport.dsl.Rapport}, designed for static import,
 * and the staged step interfaces its builders move through. Each step offers only what may come
 * next, so that an incomplete definition (an action with no channel, a moment nothing reaches)
 * does not compile; what the types cannot express fails at {@code build()} with a message that
 * names the definition, the field and the fix.
 *
 * <p>Two models keep a step that is kept and used twice from leaking. A named definition (a
 * journey, a rule set, an action, a moment, a persona, a segment) is written in one chain: its
 * steps are single-use handles on the core builder of that definition ({@code
 * Journey.builder(name)} and the like), each call retires the step it was made on, and a step
 * continued a second time, or after {@code build()}, fails with an {@link
 * java.lang.IllegalStateException} naming the definition and the call. Two definitions of one
 * name are an error in an engine anyway, and a new version starts from the built journey with
 * {@code Journey.from(journey)}. A contact policy, which has no name and is the thing most often
 * shared, is copy-on-write (as Awaitility's {@code ConditionFactory}): each step is a value, and
 * two policies made from one step each get only their own clauses.
 *
 * <p>Every check of a value or of a repeated setting is the core builder's, so a definition gets
 * the same checks and the same messages whether it is written with the DSL or with the core
 * builders; the DSL adds only the order of the calls.
 */
package dev.rapport.dsl;
