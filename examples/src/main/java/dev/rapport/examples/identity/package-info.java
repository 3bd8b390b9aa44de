/**
 * Identity merge when an anonymous visitor signs up: {@link
 * dev.rapport.examples.identity.SignUp}.
 */
package dev.rapport.examples.identity;
