package dev.rapport.core.engine;

/**
 * Hears about every failure of the host's code that the engine contained (see {@link
 * Failure}), with its exception: where a host sends its error reports, since the engine's own
 * log lines above DEBUG carry no customer data and no exception message.
 *
 * <pre>{@code
 * Engine engine = Engine.builder()
 *     .failureListener(f -> errors.report(f.kind() + " " + f.source(), f.exception()))
 *     ...
 *     .build();
 * }</pre>
 *
 * <p>The engine calls it after the call that met the failure has committed, outside every lock,
 * in the calling thread. If it throws, the engine logs the exception's class at WARN and goes on.
 */
@FunctionalInterface
public interface FailureListener {
  /**
   * Hears about one failure.
   *
   * @param failure what failed, where, and the exception
   */
  void onFailure(Failure failure);
}
