/** The JDBC connector's implementation: options, dialects, sources and sinks. Not an API. */
package io.dynaframe.jdbc.internal;
