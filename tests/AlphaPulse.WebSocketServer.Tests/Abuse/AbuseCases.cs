namespace AlphaPulse.WebSocketServer.Tests.Abuse;

/// <summary>
/// The abuse cases run one at a time, after the parallel tests: each measures the process's heap
/// and the server's counters before and after, which another test running beside it would disturb.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AbuseCases
{
    public const string Name = "abuse";
}
