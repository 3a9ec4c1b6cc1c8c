package io.dynaframe.lineage.internal;

import io.dynaframe.Options;
import io.dynaframe.graph.Node;
import io.dynaframe.lineage.ColumnOrigin;
import io.dynaframe.lineage.LineageDataset;
import io.dynaframe.lineage.LineageSettings;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClient;
import io.openlineage.client.OpenLineageClientUtils;
import io.openlineage.client.transports.ApiKeyTokenProvider;
import io.openlineage.client.transports.FileConfig;
import io.openlineage.client.transports.FileTransport;
import io.openlineage.client.transports.HttpConfig;
import io.openlineage.client.transports.HttpTransport;
import io.openlineage.client.transports.Transport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emits a run's OpenLineage events (START, then COMPLETE or FAIL) with the OpenLineage Java client:
 * to the HTTP endpoint of {@link LineageSettings#URL} with the client's HTTP transport, else as
 * JSON lines to the file of {@link LineageSettings#FILE} or the default file given. Local files are
 * appended to event by event with the client's file transport; files on S3 and other Hadoop file
 * systems are written once, at the end of the run, since objects there are never updated. Events
 * hold dataset names, schemas, counts and column lineage, never argument values, option values or
 * credentials; an error message keeps only the exception's type and first line. Failing to emit is
 * logged and never fails the job.
 */
public final class OpenLineageEmitter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OpenLineageEmitter.class);
  private static final URI PRODUCER = URI.create("urn:dynaframe");

  private final Recorder recorder;
  private final OpenLineageClient client;
  private final String destination;
  private final OpenLineage ol = new OpenLineage(PRODUCER);
  private final UUID runUuid;
  private final String namespace;

  private OpenLineageEmitter(Recorder recorder, Transport transport, String destination) {
    this.recorder = recorder;
    this.client = new OpenLineageClient(transport);
    this.destination = destination;
    this.runUuid =
        UUID.nameUUIDFromBytes(
            ("dynaframe-run:" + recorder.runId()).getBytes(StandardCharsets.UTF_8));
    this.namespace = recorder.conf(LineageSettings.NAMESPACE, "dynaframe");
  }

  /**
   * The emitter for a run: to the configured URL or file, else to {@code defaultFile} (may be null:
   * then null is returned, no events are emitted).
   */
  public static OpenLineageEmitter create(Recorder recorder, String defaultFile) {
    String url = recorder.conf(LineageSettings.URL, "");
    if (!url.isBlank()) {
      HttpConfig config = new HttpConfig();
      config.setUrl(URI.create(url));
      config.setEndpoint(recorder.conf(LineageSettings.ENDPOINT, "/api/v1/lineage"));
      String key = recorder.conf(LineageSettings.API_KEY, "");
      if (!key.isBlank()) {
        ApiKeyTokenProvider auth = new ApiKeyTokenProvider();
        auth.setApiKey(key);
        config.setAuth(auth);
      }
      return new OpenLineageEmitter(
          recorder, new HttpTransport(config), Options.withoutUserInfo(url) + config.getEndpoint());
    }
    String file = recorder.conf(LineageSettings.FILE, defaultFile == null ? "" : defaultFile);
    if (file.isBlank()) {
      return null;
    }
    String local = localPath(file);
    if (local != null) {
      try {
        java.nio.file.Path parent = java.nio.file.Path.of(local).toAbsolutePath().getParent();
        if (parent != null) {
          java.nio.file.Files.createDirectories(parent);
        }
      } catch (IOException e) {
        Recorder.warn("creating the folder of " + local, e);
      }
      return new OpenLineageEmitter(recorder, new FileTransport(new FileConfig(local)), local);
    }
    Configuration conf = recorder.spark().sessionState().newHadoopConf();
    return new OpenLineageEmitter(recorder, new WriteOnceTransport(file, conf), file);
  }

  /** The local path of a {@code file:} URI or a plain path; null for other schemes. */
  static String localPath(String file) {
    if (file.startsWith("file:")) {
      return Path.getPathWithoutSchemeAndAuthority(new Path(file)).toString();
    }
    return file.contains("://") ? null : file;
  }

  /** Where the events go: a file path or URI, or the endpoint's URL. */
  public String destination() {
    return destination;
  }

  /** The OpenLineage run id (a UUID derived from the run id). */
  public UUID runUuid() {
    return runUuid;
  }

  /** The START event. */
  public void start() {
    emit(OpenLineage.RunEvent.EventType.START, null, false);
  }

  /** The COMPLETE event, with the datasets read and written. */
  public void complete() {
    emit(OpenLineage.RunEvent.EventType.COMPLETE, null, true);
  }

  /** The FAIL event, with what was read and written until the failure. */
  public void fail(Throwable error) {
    emit(OpenLineage.RunEvent.EventType.FAIL, error, true);
  }

  private void emit(OpenLineage.RunEvent.EventType type, Throwable error, boolean terminal) {
    try {
      client.emit(event(type, error));
    } catch (RuntimeException | LinkageError e) {
      Recorder.warn("emitting the OpenLineage " + type + " event to " + destination, e);
    }
    if (terminal) {
      close();
    }
  }

  /** The event of the given type for the run as recorded now. */
  OpenLineage.RunEvent event(OpenLineage.RunEvent.EventType type, Throwable error) {
    OpenLineage.RunFacetsBuilder runFacets =
        ol.newRunFacetsBuilder()
            .processing_engine(
                ol.newProcessingEngineRunFacetBuilder()
                    .name("spark")
                    .version(recorder.spark().version())
                    .build());
    if (error != null) {
      runFacets.errorMessage(
          ol.newErrorMessageRunFacetBuilder()
              .message(message(error))
              .programmingLanguage("JAVA")
              .build());
    }
    OpenLineage.JobFacetsBuilder jobFacets =
        ol.newJobFacetsBuilder()
            .jobType(
                ol.newJobTypeJobFacetBuilder()
                    .processingType("BATCH")
                    .integration("DYNAFRAME")
                    .jobType("JOB")
                    .build());
    if (!recorder.description().isEmpty()) {
      jobFacets.documentation(
          ol.newDocumentationJobFacetBuilder().description(recorder.description()).build());
    }
    List<OpenLineage.InputDataset> inputs = new ArrayList<>();
    List<OpenLineage.OutputDataset> outputs = new ArrayList<>();
    if (type != OpenLineage.RunEvent.EventType.START) {
      for (Recorder.NodeView node : recorder.nodeViews()) {
        for (LineageDataset d : node.inputDatasets()) {
          OpenLineage.DatasetFacetsBuilder facets = ol.newDatasetFacetsBuilder();
          if (node.kind() == Node.Kind.SOURCE && !node.schema().isEmpty()) {
            facets.schema(schema(node.schema()));
          }
          inputs.add(
              ol.newInputDatasetBuilder()
                  .namespace(d.namespace())
                  .name(d.name())
                  .facets(facets.build())
                  .build());
        }
        if (node.kind() == Node.Kind.SINK) {
          for (LineageDataset d : node.outputDatasets()) {
            OpenLineage.DatasetFacetsBuilder facets = ol.newDatasetFacetsBuilder();
            if (!node.schema().isEmpty()) {
              facets.schema(schema(node.schema()));
            }
            facets.columnLineage(columnLineage(node.id()));
            outputs.add(
                ol.newOutputDatasetBuilder()
                    .namespace(d.namespace())
                    .name(d.name())
                    .facets(facets.build())
                    .outputFacets(
                        ol.newOutputDatasetOutputFacetsBuilder()
                            .outputStatistics(
                                ol.newOutputStatisticsOutputDatasetFacetBuilder()
                                    .rowCount(node.stats().recordsIn())
                                    .build())
                            .build())
                    .build());
          }
        }
      }
    }
    return ol.newRunEventBuilder()
        .eventType(type)
        .eventTime(ZonedDateTime.now(ZoneOffset.UTC))
        .run(ol.newRun(runUuid, runFacets.build()))
        .job(ol.newJob(namespace, recorder.jobName(), jobFacets.build()))
        .inputs(inputs)
        .outputs(outputs)
        .build();
  }

  private OpenLineage.SchemaDatasetFacet schema(Map<String, String> columns) {
    List<OpenLineage.SchemaDatasetFacetFields> fields = new ArrayList<>();
    columns.forEach(
        (name, type) ->
            fields.add(ol.newSchemaDatasetFacetFieldsBuilder().name(name).type(type).build()));
    return ol.newSchemaDatasetFacetBuilder().fields(fields).build();
  }

  private OpenLineage.ColumnLineageDatasetFacet columnLineage(String sink) {
    OpenLineage.ColumnLineageDatasetFacetFieldsBuilder fields =
        ol.newColumnLineageDatasetFacetFieldsBuilder();
    Map<String, List<LineageDataset>> datasetsOf = new LinkedHashMap<>();
    recorder
        .sourceColumns(sink)
        .forEach(
            (column, origins) -> {
              List<OpenLineage.InputField> inputFields = new ArrayList<>();
              for (ColumnOrigin o : origins) {
                List<LineageDataset> datasets =
                    datasetsOf.computeIfAbsent(
                        o.step(), s -> new ArrayList<>(recorder.datasetsOf(s)));
                for (LineageDataset d : datasets) {
                  inputFields.add(
                      ol.newInputFieldBuilder()
                          .namespace(d.namespace())
                          .name(d.name())
                          .field(o.column())
                          .transformations(
                              List.of(
                                  ol.newInputFieldTransformationsBuilder()
                                      .type("DIRECT")
                                      .subtype(o.derivation().name())
                                      .masking(false)
                                      .build()))
                          .build());
                }
              }
              if (!inputFields.isEmpty()) {
                fields.put(
                    column,
                    ol.newColumnLineageDatasetFacetFieldsAdditionalBuilder()
                        .inputFields(inputFields)
                        .build());
              }
            });
    return ol.newColumnLineageDatasetFacetBuilder().fields(fields.build()).build();
  }

  /**
   * The exception's type and the first line of its message, without anything after a line break.
   */
  private static String message(Throwable error) {
    String m = error.getMessage() == null ? "" : error.getMessage().lines().findFirst().orElse("");
    return error.getClass().getName() + (m.isEmpty() ? "" : ": " + Options.withoutUserInfo(m));
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (Exception e) {
      Recorder.warn("closing the OpenLineage client for " + destination, e);
    }
  }

  /**
   * JSON lines written in one go when the client closes: the way to write a file on an object
   * store.
   */
  private static final class WriteOnceTransport extends Transport {
    private final String file;
    private final Configuration conf;
    private final StringBuilder lines = new StringBuilder();
    private boolean written;

    WriteOnceTransport(String file, Configuration conf) {
      this.file = file;
      this.conf = conf;
    }

    @Override
    public synchronized void emit(OpenLineage.RunEvent event) {
      lines.append(OpenLineageClientUtils.toJson(event).replace("\n", "")).append('\n');
    }

    @Override
    public synchronized void emit(OpenLineage.DatasetEvent event) {
      lines.append(OpenLineageClientUtils.toJson(event).replace("\n", "")).append('\n');
    }

    @Override
    public synchronized void emit(OpenLineage.JobEvent event) {
      lines.append(OpenLineageClientUtils.toJson(event).replace("\n", "")).append('\n');
    }

    @Override
    public synchronized void close() {
      if (written || lines.length() == 0) {
        return;
      }
      written = true;
      Path path = new Path(file);
      try (OutputStream out = path.getFileSystem(conf).create(path, false)) {
        out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        LOG.warn("lineage: writing OpenLineage events to {} failed: {}", file, e.toString());
      }
    }
  }
}
