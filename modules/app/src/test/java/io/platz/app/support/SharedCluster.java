package io.platz.app.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Clustered instances on one fresh database for all tests of a class, as {@link SharedPlatform} is one server:
 * register it as a static {@code @RegisterExtension} field; its fixtures work through the first instance.
 */
public final class SharedCluster implements BeforeAllCallback, AfterAllCallback {

  private final int size;
  private TestCluster cluster;
  private Fixtures fixtures;

  public SharedCluster(int size) {
    this.size = size;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    cluster = TestCluster.start(size);
    fixtures = new Fixtures(cluster.instance(0));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    cluster.close();
  }

  public TestCluster cluster() {
    return cluster;
  }

  public Fixtures fixtures() {
    return fixtures;
  }
}
