package io.dynaframe;

import com.google.common.base.Preconditions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a job's data lives: four areas, each a local folder or an S3 bucket and prefix, and the
 * conventional places inside them. CODE holds job jars and scripts, TEMP staging and samples,
 * SOURCE raw input, LOAD the tables jobs publish (with their bookmark state under {@code
 * _dynaframe/}, hidden from readers).
 *
 * <pre>{@code
 * Lake lake = Lake.at("s3://my-lake");              // s3://my-lake/code, /temp, /source, /load
 * Lake local = Lake.at(Path.of("lake"));            // ./lake/code, ./lake/temp, ...
 * Lake custom = Lake.at("s3://my-lake").withTemp("s3://scratch/etl");
 * }</pre>
 */
public final class Lake {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.=-]+");

  private final String code;
  private final String temp;
  private final String source;
  private final String load;

  /** The four areas of a lake. */
  public enum Area {
    CODE,
    TEMP,
    SOURCE,
    LOAD
  }

  private Lake(String code, String temp, String source, String load) {
    this.code = checkArea("code", code);
    this.temp = checkArea("temp", temp);
    this.source = checkArea("source", source);
    this.load = checkArea("load", load);
  }

  private static String checkArea(String area, String uri) {
    Objects.requireNonNull(uri, area);
    String u = trim(uri);
    Preconditions.checkArgument(!u.isBlank(), "the %s area of a lake must not be empty", area);
    checkS3(area + " area", u);
    for (String segment : Location.of(u).segments()) {
      Preconditions.checkArgument(
          !segment.equals(".") && !segment.equals(".."),
          "the %s area of a lake must not hold '.' or '..' segments: '%s'",
          area,
          u);
    }
    return u;
  }

  private static final Pattern S3_SCHEME = Pattern.compile("(?i)(s3|s3a|s3n):(.*)");
  private static final Pattern S3_REST = Pattern.compile("//[^/]+(/.*)?");

  /** An {@code s3:}, {@code s3a:} or {@code s3n:} URI must be {@code scheme://bucket/...}. */
  private static void checkS3(String what, String uri) {
    java.util.regex.Matcher m = S3_SCHEME.matcher(uri);
    if (m.matches() && !S3_REST.matcher(m.group(2)).matches()) {
      String scheme = m.group(1);
      String bucket = m.group(2).replaceFirst("^/*", "");
      throw new IllegalArgumentException(
          "the "
              + what
              + " of a lake, '"
              + uri
              + "', is not an S3 location: write "
              + scheme
              + "://"
              + (bucket.isEmpty() ? "bucket/prefix" : bucket)
              + " (two slashes, then the bucket)");
    }
  }

  /**
   * A lake whose four areas are {@code code}, {@code temp}, {@code source} and {@code load} under
   * one root URI.
   */
  public static Lake at(String root) {
    Objects.requireNonNull(root, "root");
    if (!root.isBlank() && !HAS_SCHEME.matcher(root).matches()) {
      // a local folder: relative to the working directory, as every path the job is given
      return at(Path.of(root));
    }
    String r = trim(root);
    checkS3("root", r);
    return new Lake(r + "/code", r + "/temp", r + "/source", r + "/load");
  }

  /**
   * A lake in a local folder (a relative one under the working directory). Its areas are {@code
   * file://} URIs spelled as the folder is, spaces and accents unescaped, as Hadoop reads them.
   */
  public static Lake at(Path root) {
    String abs = root.toAbsolutePath().normalize().toString().replace('\\', '/');
    return at("file://" + (abs.startsWith("/") ? "" : "/") + abs);
  }

  /** A URI scheme ({@code s3:}, {@code file:}) and not a Windows drive letter. */
  private static final Pattern HAS_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:.*");

  /** A lake with each area given. */
  public static Lake of(String code, String temp, String source, String load) {
    return new Lake(code, temp, source, load);
  }

  public Lake withCode(String uri) {
    return new Lake(uri, temp, source, load);
  }

  public Lake withTemp(String uri) {
    return new Lake(code, uri, source, load);
  }

  public Lake withSource(String uri) {
    return new Lake(code, temp, uri, load);
  }

  public Lake withLoad(String uri) {
    return new Lake(code, temp, source, uri);
  }

  /** The CODE area: job jars and scripts, each version under its own key. */
  public String code() {
    return code;
  }

  /** The TEMP area: staging, samples, scratch data. */
  public String temp() {
    return temp;
  }

  /** The SOURCE area: raw input as it arrives. */
  public String source() {
    return source;
  }

  /** The LOAD area: the tables jobs publish. */
  public String load() {
    return load;
  }

  /** The URI of one area. */
  public String area(Area area) {
    return switch (Objects.requireNonNull(area, "area")) {
      case CODE -> code;
      case TEMP -> temp;
      case SOURCE -> source;
      case LOAD -> load;
    };
  }

  /**
   * A path that a job takes from its arguments or options, kept inside one area of the lake. A
   * relative path ({@code orders/2026-11}) is resolved under the area; an absolute path or URI must
   * already lie inside the area ({@code s3://}, {@code s3a://} and {@code s3n://} count as one
   * scheme, a local path as {@code file:}). A path with a {@code .} or {@code ..} segment, a
   * backslash or a control character is refused whatever it resolves to, so that no spelling of a
   * path can leave the area.
   *
   * @return the path as a URI (or path) inside the area
   * @throws IllegalArgumentException naming the path and the area it must stay in
   */
  public String resolve(Area area, String path) {
    String root = area(area);
    String where = area.name() + " area " + root;
    Preconditions.checkArgument(
        path != null && !path.isBlank(), "an empty path cannot be resolved in the %s", where);
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      Preconditions.checkArgument(
          c != '\\' && !Character.isISOControl(c),
          "path '%s' holds a backslash or a control character; it is refused in the %s",
          path.replace("\n", "\\n"),
          where);
    }
    Location loc = Location.of(path);
    for (String segment : loc.segments()) {
      Preconditions.checkArgument(
          !segment.equals(".") && !segment.equals(".."),
          "path '%s' holds a '.' or '..' segment; paths must stay in the %s",
          path,
          where);
    }
    if (!loc.absolute()) {
      return root + "/" + trim(path);
    }
    Location base = Location.of(root);
    boolean inside =
        base.scheme().equals(loc.scheme())
            && base.authority().equals(loc.authority())
            && loc.segments().size() >= base.segments().size()
            && loc.segments().subList(0, base.segments().size()).equals(base.segments());
    Preconditions.checkArgument(
        inside,
        "path '%s' is outside the %s; give a path inside it, or one relative to it",
        path,
        where);
    return trim(path);
  }

  /**
   * A path or URI taken apart for comparison: scheme (lower case, s3a and s3n as s3), authority,
   * non-empty segments.
   */
  private record Location(
      boolean absolute, String scheme, String authority, List<String> segments) {
    private static final Pattern SCHEME =
        Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*):(.*)", Pattern.DOTALL);

    static Location of(String p) {
      java.util.regex.Matcher m = SCHEME.matcher(p);
      String scheme;
      String rest;
      if (m.matches() && m.group(1).length() > 1) { // one letter: a Windows drive, not a scheme
        scheme = m.group(1).toLowerCase(java.util.Locale.ROOT);
        rest = m.group(2);
      } else if (p.startsWith("/")) {
        scheme = "file";
        rest = p;
      } else {
        return new Location(false, "", "", split(p));
      }
      if (scheme.equals("s3a") || scheme.equals("s3n")) {
        scheme = "s3";
      }
      String authority = "";
      if (rest.startsWith("//")) {
        int slash = rest.indexOf('/', 2);
        authority = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
        rest = slash < 0 ? "" : rest.substring(slash);
      }
      return new Location(true, scheme, authority, split(rest));
    }

    private static List<String> split(String path) {
      List<String> out = new ArrayList<>();
      for (String s : path.split("/")) {
        if (!s.isEmpty()) {
          out.add(s);
        }
      }
      return out;
    }
  }

  /** {@code SOURCE/<dataset>}: where raw input of a dataset lands. */
  public String sourcePath(String dataset) {
    return source + "/" + name(dataset);
  }

  /** {@code LOAD/<database>/<table>}: the home of a published table's versions. */
  public String tablePath(String database, String table) {
    return load + "/" + name(database) + "/" + name(table);
  }

  /** {@code TEMP/staging/<job>/<run>}: scratch space of one run, removed when the run ends. */
  public String stagingPath(String job, String runId) {
    return temp + "/staging/" + name(job) + "/" + name(runId);
  }

  /** {@code TEMP/samples/<job>/<run>/<step>}: samples a run writes (Spigot). */
  public String samplesPath(String job, String runId, String step) {
    return temp + "/samples/" + name(job) + "/" + name(runId) + "/" + name(step);
  }

  /**
   * {@code LOAD/_dynaframe/bookmarks/<job>}: the job's bookmark states, one file per committed run.
   */
  public String bookmarksPath(String job) {
    return load + "/_dynaframe/bookmarks/" + name(job);
  }

  /**
   * {@code LOAD/_quality/<job>}: the data quality results of a job's runs, one {@code run_id=<run>}
   * folder per run.
   */
  public String qualityPath(String job) {
    return load + "/_quality/" + name(job);
  }

  /** {@code CODE/<job>}: the versions of a job's code. */
  public String codePath(String job) {
    return code + "/" + name(job);
  }

  /**
   * Checks that a name used as one path segment (a job, table, run or step name) cannot leave its
   * area: letters, digits, {@code _ . = -} only, and not {@code .} or {@code ..}.
   *
   * @throws IllegalArgumentException naming the bad name
   */
  public static String name(String segment) {
    Preconditions.checkArgument(
        segment != null
            && NAME.matcher(segment).matches()
            && !segment.equals(".")
            && !segment.equals(".."),
        "'%s' cannot be used as a name in the lake: use letters, digits, '_', '.', '=' and '-'",
        segment);
    return segment;
  }

  private static String trim(String uri) {
    String u = uri;
    while (u.endsWith("/") && !u.endsWith("://")) {
      u = u.substring(0, u.length() - 1);
    }
    return u;
  }

  @Override
  public String toString() {
    return "Lake[code=" + code + ", temp=" + temp + ", source=" + source + ", load=" + load + "]";
  }
}
