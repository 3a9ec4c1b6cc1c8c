/**
 * Glue's JDBC connection types as a dynaframe connector: {@link io.dynaframe.jdbc.JdbcConnector}.
 * Read and write through {@link io.dynaframe.DynaContext#getSourceWithFormat} and {@link
 * io.dynaframe.DynaContext#getSinkWithFormat} with connection type {@code postgresql}, {@code
 * mysql}, {@code sqlserver}, {@code oracle} or {@code redshift}.
 */
package io.dynaframe.jdbc;
