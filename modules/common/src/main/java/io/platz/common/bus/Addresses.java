package io.platz.common.bus;

/**
 * The only event-bus addresses spelled out, because they cross the cluster: everything a module asks of another
 * goes through {@link ModuleBus}, addressed by the request's type.
 */
public final class Addresses {

  /**
   * Public contract: every committed audit event, published as JSON in {@code seq} order, at least once: also
   * after a crash between a commit and its publication. Consumers, in this process or on any member of the
   * cluster, deduplicate on {@code seq}.
   */
  public static final String AUDIT_EVENTS = "platz.audit.events";

  private static final String CLUSTER_BARRIER = "platz.cluster.barrier.";

  private Addresses() {
  }

  /** One per cluster member: {} → {} once that member has applied every eviction committed before. */
  public static String clusterBarrierOf(String nodeId) {
    return CLUSTER_BARRIER + nodeId;
  }
}
