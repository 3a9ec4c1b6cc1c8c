package io.dynaframe.jdbc.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Keeps passwords out of messages, logs and descriptions. */
public final class Redaction {
  private Redaction() {}

  private static final Pattern USER_INFO = Pattern.compile("(//)[^/@\\s]*@");
  private static final Pattern SECRET_PARAM =
      Pattern.compile("(?i)((?:password|passwd|pwd|secret)\\s*=)([^&;]*)");

  /** A JDBC URL without user info and with the values of password parameters hidden. */
  public static String url(String url) {
    if (url == null) {
      return "";
    }
    String s = USER_INFO.matcher(url).replaceAll("$1");
    return SECRET_PARAM.matcher(s).replaceAll(Matcher.quoteReplacement("") + "$1*****");
  }

  /** Text with every occurrence of the password, and any password in a URL, hidden. */
  public static String text(String text, String password) {
    if (text == null) {
      return "";
    }
    String s = text;
    if (password != null && !password.isEmpty()) {
      s = s.replace(password, "*****");
    }
    return url(s);
  }
}
