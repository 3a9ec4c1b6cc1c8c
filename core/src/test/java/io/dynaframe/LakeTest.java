package io.dynaframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A lake's root and areas: an S3 URI needs its two slashes and a bucket. */
class LakeTest {

  @Test
  void anS3UriWithOneSlashOrNoBucketIsRefused() {
    assertThatThrownBy(() -> Lake.at("s3:/my-lake"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the root of a lake, 's3:/my-lake', is not an S3 location: write s3://my-lake (two"
                + " slashes, then the bucket)");
    assertThatThrownBy(() -> Lake.at("s3a:my-lake/x"))
        .hasMessageContaining("write s3a://my-lake/x (two slashes");
    assertThatThrownBy(() -> Lake.at("s3://"))
        .hasMessageContaining("write s3://bucket/prefix (two slashes");
    assertThatThrownBy(() -> Lake.at("s3://lake").withTemp("s3:/scratch/etl"))
        .hasMessage(
            "the temp area of a lake, 's3:/scratch/etl', is not an S3 location: write"
                + " s3://scratch/etl (two slashes, then the bucket)");
  }

  @Test
  void wellFormedRootsKeepTheirAreas() {
    Lake lake = Lake.at("s3://my-lake/");
    assertThat(lake.code()).isEqualTo("s3://my-lake/code");
    assertThat(Lake.at("S3A://my-lake/etl").load()).isEqualTo("S3A://my-lake/etl/load");
    assertThat(Lake.at("file:/tmp/lake").source()).isEqualTo("file:/tmp/lake/source");
  }
}
