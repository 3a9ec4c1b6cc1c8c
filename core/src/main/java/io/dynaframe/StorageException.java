package io.dynaframe;

/**
 * A purge or storage-class transition of stored files ({@link DynaContext#purgeS3Path}, {@link
 * DynaContext#purgeTable}, {@link DynaContext#transitionS3Path}, {@link
 * DynaContext#transitionTable}) cannot run: a bad option, a path that does not exist, or an action
 * the path's file system cannot do. Raised before any file is touched.
 */
public final class StorageException extends DynaFrameException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message) {
    super(message);
  }

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
