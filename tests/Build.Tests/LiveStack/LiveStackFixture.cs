using System.Globalization;
using AlphaPulse.Build.Local;

namespace AlphaPulse.Build.Tests.LiveStack;

/// <summary>
/// The local stack of <c>./build.sh Up</c> — simulator, a collector per exchange, WebSocket server, analytics service — started
/// for real as child processes from the build outputs of <c>./build.sh Compile</c>, on free ports and a
/// fresh shared-memory folder, until every exchange flows through the server. Then every family each
/// service serves on /metrics (its <c># TYPE</c> lines) is read once for the tests that compare names.
/// Shared by every test class of the <see cref="LiveStackTests"/>: one stack per test run.
/// </summary>
public sealed class LiveStackFixture : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly List<ServiceProcess> _processes = [];
    private readonly string _sharedMemory = Path.Combine("/dev/shm", $"alphapulse-test-monitoring-{Guid.NewGuid():N}");
    private readonly string _logs = Path.Combine(Path.GetTempPath(), "alphapulse-tests", Guid.NewGuid().ToString("N"));

    public LocalPorts Ports { get; } = FreePorts();

    public Uri SimulatorUrl => new($"http://127.0.0.1:{Ports.Simulator}/");

    public Uri AnalyticsUrl => new($"http://127.0.0.1:{Ports.Analytics}/");

    /// <summary>Metric family name → type (counter, gauge, histogram, …), over every service.</summary>
    public Dictionary<string, string> Exported { get; } = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        var root = TestPaths.RepositoryRoot();
        var configuration = Environment.GetEnvironmentVariable("ALPHAPULSE_CONFIGURATION") ?? "Debug";
        Directory.CreateDirectory(_sharedMemory);
        Directory.CreateDirectory(_logs);
        var services = LocalServices.Create(FeedSource.Simulator, 1_000, _sharedMemory, ports: Ports, repositoryRoot: root);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        foreach (var service in services)
        {
            var name = LocalService.ProjectName(service.Project);
            var assembly = Path.Combine(root, "source", name, "bin", configuration, "net10.0", name + ".dll");
            if (service.IsDotNet && !File.Exists(assembly))
            {
                throw new InvalidOperationException($"{assembly} is missing: build it first (./build.sh Compile, or dotnet build -c {configuration})");
            }
            var (program, arguments) = service.IsDotNet ? ("dotnet", [assembly]) : service.StartCommand("");
            _processes.Add(ServiceProcess.Start(service.Name, program, arguments, service.Environment, Path.Combine(_logs, service.Name + ".log")));
            await WaitForAsync(http, service.ReadyUrl, _ => true, service.Name).ConfigureAwait(false);
        }
        var server = services.Single(service => service.Name == "websocket");
        await WaitForAsync(http, server.MetricsUrl, body => LocalServices.Exchanges.All(exchange => body.Contains($"alphapulse_ws_data_age_seconds{{exchange=\"{exchange.Exchange}\"}}", StringComparison.Ordinal)), "every exchange through the server").ConfigureAwait(false);
        foreach (var service in services)
        {
            foreach (var line in (await http.GetStringAsync(service.MetricsUrl).ConfigureAwait(false)).Split('\n'))
            {
                var parts = line.Split(' ');
                if (parts is ["#", "TYPE", var family, var type])
                {
                    Exported[family] = type;
                }
            }
        }
    }

    public Task DisposeAsync()
    {
        for (var i = _processes.Count - 1; i >= 0; i--)
        {
            _processes[i].Dispose();
        }
        Directory.Delete(_sharedMemory, recursive: true);
        Directory.Delete(_logs, recursive: true);
        return Task.CompletedTask;
    }

    private async Task WaitForAsync(HttpClient http, Uri url, Func<string, bool> done, string what)
    {
        var started = DateTime.UtcNow;
        while (DateTime.UtcNow - started < Deadline)
        {
            if (_processes.FirstOrDefault(process => process.HasExited) is { } died)
            {
                throw new InvalidOperationException($"{died.Name} exited with code {died.ExitCode}: {File.ReadAllText(Path.Combine(_logs, died.Name + ".log"))}");
            }
            try
            {
                using var response = await http.GetAsync(url).ConfigureAwait(false);
                if (response.IsSuccessStatusCode && done(await response.Content.ReadAsStringAsync().ConfigureAwait(false)))
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(250).ConfigureAwait(false);
        }
        throw new TimeoutException($"waited {Deadline.TotalSeconds:F0} s for {what} at {url}");
    }

    /// <summary>A free block: simulator, three consecutive collector ports, the server's two, Prometheus's, the analytics service's.</summary>
    private static LocalPorts FreePorts()
    {
        for (var first = 21_000 + Random.Shared.Next(0, 400) * 10; ; first += 10)
        {
            if (Enumerable.Range(first, 8).All(port => PortCheck.FindTaken("test", port) is null))
            {
                return new LocalPorts(first, first + 1, first + 4, first + 5, first + 6, first + 7);
            }
        }
    }

    public override string ToString() => string.Join(", ", Exported.Keys.Order(StringComparer.Ordinal).Select(name => name.ToString(CultureInfo.InvariantCulture)));
}

/// <summary>The test classes that share one <see cref="LiveStackFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class LiveStackTests : ICollectionFixture<LiveStackFixture>
{
    public const string Name = "live local stack";
}
