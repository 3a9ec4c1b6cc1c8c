package io.dynaframe;

import java.io.Serializable;

/**
 * A file a source found: its full path, size in bytes and last-modified time (epoch milliseconds).
 */
public record InputFile(String path, long length, long modificationTime) implements Serializable {}
