/**
 * The plug-in point for Glue's connection types: a {@link io.dynaframe.connector.Connector}
 * per module (files in core; JDBC databases, table formats, streams in modules of their own),
 * found with {@link java.util.ServiceLoader} by the {@code connection_type} name a job gives.
 */
package io.dynaframe.connector;
