/**
 * Rapport's implementation. Not exported by the module descriptor: nothing here is API, and any
 * of it may change in any release.
 */
package dev.rapport.core.internal;
