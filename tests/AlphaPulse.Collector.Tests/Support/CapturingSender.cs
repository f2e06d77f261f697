using System.Collections.Concurrent;
using System.Text;
using AlphaPulse.Collector.Adapters;

namespace AlphaPulse.Collector.Tests.Support;

/// <summary>An <see cref="IFeedSender"/> that keeps every request as text. Thread-safe.</summary>
internal sealed class CapturingSender : IFeedSender
{
    private readonly ConcurrentQueue<string> _requests = new();

    public IReadOnlyList<string> Requests => [.. _requests];

    public ValueTask SendTextAsync(ReadOnlyMemory<byte> utf8, CancellationToken cancellationToken)
    {
        _requests.Enqueue(Encoding.UTF8.GetString(utf8.Span));
        return ValueTask.CompletedTask;
    }

    /// <summary>Waits until <paramref name="count"/> requests were sent (the session sends from its own task); fails after a generous 10 s (a hang, not a timing assertion).</summary>
    public IReadOnlyList<string> WaitFor(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (_requests.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the session must send {count} requests: sent={_requests.Count} [{string.Join(" | ", _requests)}] (see its resync path)");
            }
            Thread.Sleep(5);
        }
        return Requests;
    }
}
