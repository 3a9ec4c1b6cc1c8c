package io.dynaframe.transforms;

import io.dynaframe.types.StructType;
import java.io.Serializable;
import java.util.Optional;

/**
 * Where {@link ResolveChoice#matchCatalog} finds a table's schema: the seam to a Data Catalog. Any
 * catalog adapter can serve it with one method reference, and a test with a lambda over a map.
 */
@FunctionalInterface
public interface TableSchemaLookup extends Serializable {

  /** The columns of {@code database.table}, or empty when there is no such table. */
  Optional<StructType> tableSchema(String database, String table);
}
