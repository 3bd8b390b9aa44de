package dev.rapport.core.engine;

/**
 * Turns values the engine keeps into bytes and back, for a {@link StateStore} that writes them
 * out. The engine hands its codecs to the store with every read and write; a store that keeps
 * values in memory need not use them, a durable one stores what {@link #encode} gives and
 * calls {@link #decode} when it reads it back.
 *
 * <p>Every encoded value starts with the version of its format, so that a value written by an
 * older release is read by a newer one (the newer codec upgrades it), and a value of an unknown
 * version is refused with a clear message instead of being misread.
 *
 * @param <T> the type of value
 */
public interface Codec<T> {
  /**
   * Writes a value.
   *
   * @param value the value
   * @return its bytes, starting with the format's version
   */
  byte[] encode(T value);

  /**
   * Reads a value written by {@link #encode}, in this format version or an older one.
   *
   * @param bytes the bytes
   * @return the value
   * @throws CodecException if the bytes are not a value of this codec, or of a version it does
   *     not know
   */
  T decode(byte[] bytes);

  /**
   * Bytes that a codec could not read.
   */
  final class CodecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes the exception.
     *
     * @param message what was wrong and what to do
     */
    public CodecException(String message) {
      super(message);
    }

    /**
     * Makes the exception.
     *
     * @param message what was wrong and what to do
     * @param cause the underlying failure
     */
    public CodecException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
