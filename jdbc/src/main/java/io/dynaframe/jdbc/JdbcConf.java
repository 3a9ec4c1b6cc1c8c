package io.dynaframe.jdbc;

import io.dynaframe.jdbc.internal.Redaction;
import java.util.Objects;
import java.util.Optional;

/**
 * What Glue's {@code extract_jdbc_conf} returns for a JDBC connection of the Data Catalog: its URL,
 * user, password and vendor ({@code postgresql}, {@code mysql}, {@code sqlserver}, {@code oracle},
 * {@code redshift}), a {@code SECRET_ID} resolved. {@link #toString()} never shows the password
 * (nor a password in the URL).
 */
public final class JdbcConf {
  private final String url;
  private final String user;
  private final String password;
  private final String vendor;

  JdbcConf(String url, String user, String password, String vendor) {
    this.url = Objects.requireNonNull(url, "url");
    this.user = user;
    this.password = password;
    this.vendor = Objects.requireNonNull(vendor, "vendor");
  }

  /** The JDBC URL. */
  public String url() {
    return url;
  }

  /** The user name, if the connection has one. */
  public Optional<String> user() {
    return Optional.ofNullable(user);
  }

  /** The password, if the connection has one; never log it. */
  public Optional<String> password() {
    return Optional.ofNullable(password);
  }

  /** Glue's vendor: the JDBC connection type of the URL. */
  public String vendor() {
    return vendor;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JdbcConf c
        && c.url.equals(url)
        && Objects.equals(c.user, user)
        && Objects.equals(c.password, password)
        && c.vendor.equals(vendor);
  }

  @Override
  public int hashCode() {
    return Objects.hash(url, user, password, vendor);
  }

  /** The vendor, URL and user; the password as {@code *****}. */
  @Override
  public String toString() {
    return "JdbcConf[vendor="
        + vendor
        + ", url="
        + Redaction.text(url, password)
        + ", user="
        + user
        + ", password="
        + (password == null ? "none" : "*****")
        + "]";
  }
}
