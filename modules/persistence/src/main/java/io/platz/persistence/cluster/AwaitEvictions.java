package io.platz.persistence.cluster;

import io.platz.common.bus.Request;

/**
 * Asked after each write transaction commits, on a cluster: answered once every member has applied every cache
 * eviction committed before (or did not answer in time, which {@link ClusterBarrier} logs and counts).
 */
public record AwaitEvictions() implements Request<Void> {

  /** Well beyond the barrier's own bound on a member's answer. */
  @Override
  public long timeoutMillis() {
    return 10_000;
  }
}
