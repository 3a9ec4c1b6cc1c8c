package io.dynaframe.examples;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Made-up input for {@link LegislatorsHistory}, shaped like the three JSON datasets of AWS's "join
 * and relationalize" sample (people, their memberships, and the organizations they are members of)
 * but generated here: invented names, parties and chambers, deterministic. People have nested
 * arrays of contact details, links and identifiers; organizations have other names and identifiers,
 * which the job drops.
 */
final class LegislatorsData {
  private LegislatorsData() {}

  private static final String[] GIVEN = {
    "Ada", "Bram", "Cleo", "Dario", "Edda", "Femi", "Gus", "Hana", "Ivo", "Juno", "Kai", "Lea"
  };
  private static final String[] FAMILY = {
    "Arden", "Brook", "Colt", "Dale", "Ellis", "Frost", "Grey", "Hale", "Innes", "Jory", "Kemp",
    "Lowe"
  };

  /** id, name, classification. */
  private static final String[][] ORGS = {
    {"party/green-valley", "Green Valley Party", "party"},
    {"party/harbour", "Harbour League", "party"},
    {"party/independent", "Independent", "party"},
    {"chamber/lower", "Lower Chamber", "legislature"},
    {"chamber/upper", "Upper Chamber", "legislature"}
  };

  /** The people: one JSON object per line. */
  static List<String> persons(int count) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String given = GIVEN[i % GIVEN.length];
      String family = FAMILY[(i * 5) % FAMILY.length];
      String id = String.format(Locale.ROOT, "person/%04d", i + 1);
      StringBuilder contacts = new StringBuilder("[");
      if (i % 3 != 2) {
        contacts
            .append("{\"type\": \"email\", \"value\": \"")
            .append(given.toLowerCase(Locale.ROOT))
            .append('.')
            .append(family.toLowerCase(Locale.ROOT))
            .append("@example.org\"}");
      }
      if (i % 2 == 0) {
        contacts
            .append(contacts.length() > 1 ? ", " : "")
            .append("{\"type\": \"phone\", \"value\": \"+00 555 ")
            .append(String.format(Locale.ROOT, "%04d", 1000 + i * 37))
            .append("\"}");
      }
      contacts.append(']');
      String links =
          i % 4 == 3
              ? "[]"
              : "[{\"note\": \"homepage\", \"url\": \"https://example.org/people/"
                  + (i + 1)
                  + "\"}]";
      lines.add(
          String.format(
              Locale.ROOT,
              "{\"id\": \"%s\", \"name\": \"%s %s\", \"given_name\": \"%s\", \"family_name\": \"%s\", "
                  + "\"gender\": \"%s\", \"birth_date\": \"19%02d-%02d-%02d\", \"contact_details\": %s, \"links\": %s, "
                  + "\"identifiers\": [{\"scheme\": \"registry\", \"identifier\": \"R%05d\"}]}",
              id,
              given,
              family,
              given,
              family,
              i % 2 == 0 ? "female" : "male",
              50 + (i * 7) % 40,
              1 + i % 12,
              1 + (i * 3) % 28,
              contacts,
              links,
              31 * (i + 1)));
    }
    return lines;
  }

  /** The organizations: parties and chambers. */
  static List<String> organizations() {
    List<String> lines = new ArrayList<>();
    for (String[] o : ORGS) {
      lines.add(
          String.format(
              Locale.ROOT,
              "{\"id\": \"%s\", \"name\": \"%s\", \"classification\": \"%s\", "
                  + "\"other_names\": [{\"lang\": \"en\", \"name\": \"%s (short)\"}], "
                  + "\"identifiers\": [{\"scheme\": \"registry\", \"identifier\": \"%s\"}]}",
              o[0],
              o[1],
              o[2],
              o[1].split(" ")[0],
              o[0].toUpperCase(Locale.ROOT)));
    }
    return lines;
  }

  /** Memberships: each person sits in a chamber on behalf of a party, some for two terms. */
  static List<String> memberships(int persons) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < persons; i++) {
      String person = String.format(Locale.ROOT, "person/%04d", i + 1);
      String party = ORGS[i % 3][0];
      int terms = i % 3 == 0 ? 2 : 1;
      for (int t = 0; t < terms; t++) {
        String chamber = ORGS[3 + (i + t) % 2][0];
        lines.add(
            String.format(
                Locale.ROOT,
                "{\"person_id\": \"%s\", \"organization_id\": \"%s\", \"on_behalf_of_id\": \"%s\", "
                    + "\"role\": \"member\", \"legislative_period_id\": \"term/%d\", \"start_date\": \"20%02d-01-15\"}",
                person,
                chamber,
                party,
                20 + t,
                18 + 4 * t));
      }
    }
    return lines;
  }

  /**
   * Writes the three datasets as JSON lines under {@code <sourceArea>/legislators/<dataset>/},
   * once.
   */
  static void write(Configuration conf, String sourceArea, int persons) {
    write(conf, new Path(sourceArea + "/legislators/persons/persons.json"), persons(persons));
    write(
        conf,
        new Path(sourceArea + "/legislators/memberships/memberships.json"),
        memberships(persons));
    write(
        conf,
        new Path(sourceArea + "/legislators/organizations/organizations.json"),
        organizations());
  }

  private static void write(Configuration conf, Path file, List<String> lines) {
    try {
      if (file.getFileSystem(conf).exists(file)) {
        return;
      }
      try (OutputStream out = file.getFileSystem(conf).create(file, false)) {
        out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
