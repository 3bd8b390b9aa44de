package dev.rapport.core;

/** Whether a customer agreed to be contacted on a channel for a purpose. */
public enum ConsentStatus {
  /** The customer opted in. */
  GRANTED,
  /** The customer opted out or revoked an earlier consent. */
  DENIED,
  /** The customer never said. */
  UNKNOWN
}
