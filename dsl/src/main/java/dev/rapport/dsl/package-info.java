/**
 * The DSL: one static entry point, {@link dev.rapport.dsl.Rapport}, designed for static import,
 * and the staged step interfaces its builders move through. Each step offers only what may come
 * next, so that an incomplete definition (an action with no channel, a moment nothing reaches)
 * does not compile; what the types cannot express fails at {@code build()} with a message that
 * names the definition, the field and the fix.
 */
package dev.rapport.dsl;
