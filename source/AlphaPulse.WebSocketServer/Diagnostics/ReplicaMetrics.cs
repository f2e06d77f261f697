using AlphaPulse.Core.Replication;

namespace AlphaPulse.WebSocketServer.Diagnostics;

/// <summary>
/// The merged reader's per-replica health as Prometheus series (names as docs/replication.md suggests),
/// refreshed with each exchange's stats (once a second): how far behind each collector replica is, how
/// long since it published, and what failed over away from it.
/// </summary>
internal static class ReplicaMetrics
{
    public static void Export(string exchange, IReadOnlyList<Replica> replicas)
    {
        foreach (var replica in replicas)
        {
            ServerMetrics.ReplicaLag.WithLabels(exchange, replica.Name).Set(replica.Lag);
            ServerMetrics.ReplicaStaleness.WithLabels(exchange, replica.Name).Set(replica.StalenessNanoseconds / 1e9);
            ServerMetrics.ReplicaStale.WithLabels(exchange, replica.Name).Set(replica.IsStale ? 1 : 0);
            ServerMetrics.ReplicaFailovers.WithLabels(exchange, replica.Name).IncTo(replica.Failovers);
            ServerMetrics.ReplicaDuplicates.WithLabels(exchange, replica.Name).IncTo(replica.DuplicatesDropped);
        }
    }
}
