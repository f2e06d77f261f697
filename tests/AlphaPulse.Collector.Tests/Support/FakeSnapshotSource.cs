using System.Text;
using AlphaPulse.Collector.Adapters.Binance;

namespace AlphaPulse.Collector.Tests.Support;

/// <summary>
/// REST snapshots answered by the test: each request waits until the test completes it, and the
/// session's continuation then runs synchronously on the test's thread — deterministic, no timing.
/// </summary>
internal sealed class FakeSnapshotSource : IDepthSnapshotSource
{
    private readonly List<(string Symbol, int Limit, TaskCompletionSource<byte[]> Body)> _requests = [];

    public int Requests => _requests.Count;

    public string Symbol(int request) => _requests[request].Symbol;

    public int Limit(int request) => _requests[request].Limit;

    public Task<byte[]> FetchAsync(string exchangeSymbol, int limit, CancellationToken cancellationToken)
    {
        var body = new TaskCompletionSource<byte[]>();
        _requests.Add((exchangeSymbol, limit, body));
        return body.Task;
    }

    /// <summary>Answers request <paramref name="request"/>; returns when the session has applied it.</summary>
    public void Complete(int request, string json) => WithoutContext(() => _requests[request].Body.SetResult(Encoding.UTF8.GetBytes(json)));

    /// <summary>Answers every request not yet answered.</summary>
    public void CompletePending(string json)
    {
        for (var i = 0; i < _requests.Count; i++)
        {
            if (!_requests[i].Body.Task.IsCompleted)
            {
                Complete(i, json);
            }
        }
    }

    public void Fail(int request) => WithoutContext(() => _requests[request].Body.SetException(new HttpRequestException("503 (test)")));

    /// <summary>
    /// The runtime inlines an awaiting continuation only where no SynchronizationContext is current;
    /// xunit installs one, so step outside it for the session's continuation to run right here.
    /// </summary>
    private static void WithoutContext(Action complete)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            complete();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }
}
