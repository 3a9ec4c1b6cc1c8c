package io.dynaframe.internal.io;

import java.io.Serializable;

/** One input file: its full path, size in bytes and last-modified time in milliseconds. */
public record FileEntry(String path, long length, long modificationTime) implements Serializable {}
