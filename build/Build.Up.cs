using AlphaPulse.Build.Engine;
using AlphaPulse.Build.Local;
using AlphaPulse.Build.Monitoring;

partial class Build
{
    [Parameter("Up/Deploy: where the collectors connect")]
    readonly FeedSource Feed = FeedSource.Simulator;

    [Parameter("Up: stop after this long (90s, 5m, hh:mm:ss); default: run until Ctrl+C")]
    readonly TimeSpan? UpFor;

    [Parameter("Up/Deploy: messages per second the simulator sends, all symbols together")]
    readonly int SimulatorRate = 2_000;

    [Parameter("Up: folder for the shared-memory rings")]
    readonly string UpSharedMemoryPath = "/dev/shm/alphapulse-up";

    [Parameter("Up: tokens WebSocket clients must present, comma-separated (default: no authentication)"), Secret]
    readonly string? UpWebSocketTokens;

    [Parameter("Up: Coinbase API key for the authenticated level2 channel (with --coinbase-secret and --coinbase-passphrase; default: level2_batch)"), Secret]
    readonly string? CoinbaseKey;

    [Parameter("Up: Coinbase API secret (base64), with --coinbase-key"), Secret]
    readonly string? CoinbaseSecret;

    [Parameter("Up: Coinbase API passphrase, with --coinbase-key"), Secret]
    readonly string? CoinbasePassphrase;

    [Parameter("Up: also run a real Prometheus (Debian's prometheus package) on :9090 scraping the stack with deploy/monitoring's local config and rules; with --up-for, Up fails unless every target is up and no alert fires")]
    readonly bool Monitoring;

    AbsolutePath UpDirectory => ArtifactsDirectory / "up";

    Target Up => _ => _
        .Description("Run the whole stack locally on the exchange simulator: simulator, a collector per exchange, WebSocket server and dashboard (Ctrl+C stops it)")
        .DependsOn(CompileBindings)
        .Requires(() => SimulatorRate > 0)
        .Executes(() =>
        {
            var tokensFile = UpWebSocketTokens is null ? null : UpSecrets.WriteTokensFile(UpWebSocketTokens, UpDirectory / "websocket-tokens");
            var services = LocalServices.Create(Feed, SimulatorRate, UpSharedMemoryPath, new UpSecrets(tokensFile, CoinbaseKey, CoinbaseSecret, CoinbasePassphrase));
            foreach (var project in services.Where(service => service.IsDotNet).Select(service => service.Project).Distinct())
            {
                ProcessTasks.Run("dotnet", ["build", RootDirectory / project, "-c", "Release", "-o", UpDirectory / "bin" / LocalService.ProjectName(project), "--nologo", "-v", "quiet"]);
            }
            // Up owns this folder: each run starts from fresh rings (a ring of an older format is refused).
            AbsolutePath.Create(Path.GetFullPath(UpSharedMemoryPath)).DeleteDirectory();
            Directory.CreateDirectory(UpSharedMemoryPath);
            var prometheus = Monitoring ? new LocalPrometheus(RootDirectory, UpDirectory / "prometheus", LocalServices.PrometheusPort) : null;
            var runner = new LocalStackRunner(services, UpDirectory / "bin", UpDirectory / "logs", prometheus);
            runner.Run(UpFor, [$"rings         {UpSharedMemoryPath}/", $"feed          {Feed}", tokensFile is null ? $"open the dashboard: http://127.0.0.1:{LocalServices.WebSocketPort}/" : $"open the dashboard: http://127.0.0.1:{LocalServices.WebSocketPort}/?token=<one of your tokens>"]);
        });
}
