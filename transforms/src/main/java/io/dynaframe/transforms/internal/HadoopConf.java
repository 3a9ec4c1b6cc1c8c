package io.dynaframe.transforms.internal;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/** A Hadoop configuration that travels to executors with a task (for writing side files there). */
public final class HadoopConf implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The last configuration broadcast per Spark context, with the settings it was made from. */
  private static final Map<SparkContext, Shipped> SHIPPED = new WeakHashMap<>();

  private transient Configuration conf;

  public HadoopConf(Configuration conf) {
    this.conf = conf;
  }

  public Configuration get() {
    return conf;
  }

  /**
   * The context's Hadoop configuration as a broadcast: a task carries a handle, not the whole
   * configuration (about 100 KB with Hadoop's defaults). The broadcast is made again when a setting
   * has changed since the last one (credentials set at run time, say).
   */
  public static Broadcast<HadoopConf> broadcast(SparkContext sc) {
    Configuration current = sc.hadoopConfiguration();
    Map<String, String> settings = new HashMap<>();
    for (Map.Entry<String, String> e : current) {
      settings.put(e.getKey(), e.getValue());
    }
    synchronized (SHIPPED) {
      Shipped last = SHIPPED.get(sc);
      if (last == null || !last.settings.equals(settings)) {
        Configuration copy = new Configuration(false);
        settings.forEach(copy::set);
        last =
            new Shipped(
                settings, JavaSparkContext.fromSparkContext(sc).broadcast(new HadoopConf(copy)));
        SHIPPED.put(sc, last);
      }
      return last.conf;
    }
  }

  private record Shipped(Map<String, String> settings, Broadcast<HadoopConf> conf) {}

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    conf.write(out);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    conf = new Configuration(false);
    conf.readFields(in);
  }
}
