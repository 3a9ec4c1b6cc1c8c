/** The in-memory catalog, for unit tests. */
package io.dynaframe.catalog.memory;
