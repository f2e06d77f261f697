using System.Diagnostics;
using AlphaPulse.Build.Engine;

namespace AlphaPulse.Build.Delivery;

/// <summary>
/// Asks the services' <c>/health</c>, <c>/ready</c> and <c>/metrics</c> on 127.0.0.1 (host network) and
/// waits for readiness while saying what it waits for. One instance per target run.
/// </summary>
public sealed class HealthProbe : IDisposable
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(5);

    // Readiness is asked often: each poll is one local GET, and every replaced container waits on it.
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(200);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public void Dispose() => _http.Dispose();

    /// <summary>GET <paramref name="path"/>: whether it answered 200 and how long it took.</summary>
    public async Task<(bool Ok, TimeSpan Elapsed, string Body)> GetAsync(int port, string path)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            using var response = await _http.GetAsync(new Uri($"http://127.0.0.1:{port}{path}")).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            return (response.IsSuccessStatusCode, stopwatch.Elapsed, body);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return (false, stopwatch.Elapsed, exception.Message);
        }
    }

    /// <summary>
    /// Polls <c>/ready</c> until it answers 200, the deadline passes, or <paramref name="exited"/> says the
    /// container is gone; returns null when ready, otherwise why not.
    /// </summary>
    public async Task<string?> WaitReadyAsync(string name, int port, TimeSpan deadline, Func<Task<string?>> exited)
    {
        ArgumentNullException.ThrowIfNull(exited);
        var stopwatch = Stopwatch.StartNew();
        var nextReport = ProgressEvery;
        var last = "";
        while (stopwatch.Elapsed < deadline)
        {
            var (ok, _, body) = await GetAsync(port, "/ready").ConfigureAwait(false);
            if (ok)
            {
                Log.Information($"  {name} ready on :{port} after {stopwatch.Elapsed.TotalSeconds:F1} s");
                return null;
            }
            last = body.Length > 200 ? body[..200] : body;
            if (await exited().ConfigureAwait(false) is { } reason)
            {
                return $"{name} stopped before it was ready: {reason}";
            }
            if (stopwatch.Elapsed >= nextReport)
            {
                Log.Information($"  waiting for {name} to be ready on :{port}/ready ({stopwatch.Elapsed.TotalSeconds:F0} s of {deadline.TotalSeconds:F0} s; last answer: {last.Trim()})");
                nextReport += ProgressEvery;
            }
            await Task.Delay(PollEvery).ConfigureAwait(false);
        }
        return $"{name} was not ready on :{port}/ready within {deadline.TotalSeconds:F0} s (last answer: {last.Trim()})";
    }
}
