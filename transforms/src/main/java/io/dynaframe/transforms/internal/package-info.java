/**
 * The implementation of the transforms: path parsing and resolution, SQL text for the projections,
 * the record-function runners and the Spigot sampler. Not part of the API; other modules must not
 * use it (a layering test checks).
 */
package io.dynaframe.transforms.internal;
