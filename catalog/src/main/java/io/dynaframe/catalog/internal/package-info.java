/** Helpers of the catalog implementations; not part of the API. */
package io.dynaframe.catalog.internal;
