/**
 * The engine, its builder and its SPIs.
 *
 * <p>{@link dev.rapport.core.engine.Engine} is the single entry point at run time; {@link
 * dev.rapport.core.engine.StateStore} is the SPI behind which all per-customer state lives, so
 * that durable and distributed hosts can run the same engine.
 */
package dev.rapport.core.engine;
