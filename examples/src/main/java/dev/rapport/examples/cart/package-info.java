/**
 * An abandoned-cart journey whose waits are keyed on the cart:
 * {@link dev.rapport.examples.cart.AbandonedCart}.
 */
package dev.rapport.examples.cart;
