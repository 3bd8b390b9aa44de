/**
 * Rapport's leaf helpers, which import nothing of Rapport. Exported by the module descriptor to
 * Rapport's own report module only: nothing here is API, and any of it may change in any
 * release.
 */
package dev.rapport.core.internal;
