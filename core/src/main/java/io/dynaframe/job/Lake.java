package io.dynaframe.job;

import com.google.common.base.Preconditions;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a job's data lives: four areas, each a local folder or an S3 bucket and prefix, and
 * the conventional places inside them. CODE holds job jars and scripts, TEMP staging and
 * samples, SOURCE raw input, LOAD the tables jobs publish (with their bookmark state under
 * {@code _dynaframe/}, hidden from readers).
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

  private Lake(String code, String temp, String source, String load) {
    this.code = trim(code);
    this.temp = trim(temp);
    this.source = trim(source);
    this.load = trim(load);
  }

  /** A lake whose four areas are {@code code}, {@code temp}, {@code source} and {@code load} under one root URI. */
  public static Lake at(String root) {
    String r = trim(Objects.requireNonNull(root, "root"));
    return new Lake(r + "/code", r + "/temp", r + "/source", r + "/load");
  }

  /** A lake in a local folder. */
  public static Lake at(Path root) {
    return at(root.toAbsolutePath().normalize().toUri().toString());
  }

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

  /** {@code LOAD/_dynaframe/bookmarks/<job>}: the job's bookmark states, one file per committed run. */
  public String bookmarksPath(String job) {
    return load + "/_dynaframe/bookmarks/" + name(job);
  }

  /** {@code CODE/<job>}: the versions of a job's code. */
  public String codePath(String job) {
    return code + "/" + name(job);
  }

  /**
   * Checks that a name used as one path segment (a job, table, run or step name) cannot
   * leave its area: letters, digits, {@code _ . = -} only, and not {@code .} or {@code ..}.
   *
   * @throws IllegalArgumentException naming the bad name
   */
  public static String name(String segment) {
    Preconditions.checkArgument(segment != null && NAME.matcher(segment).matches()
            && !segment.equals(".") && !segment.equals(".."),
        "'%s' cannot be used as a name in the lake: use letters, digits, '_', '.', '=' and '-'", segment);
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
