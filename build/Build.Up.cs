using AlphaPulse.Build.Engine;
using AlphaPulse.Build.Local;

partial class Build
{
    [Parameter("Up: where the collectors connect")]
    readonly FeedSource Feed = FeedSource.Simulator;

    [Parameter("Up: stop after this long (90s, 5m, hh:mm:ss); default: run until Ctrl+C")]
    readonly TimeSpan? UpFor;

    [Parameter("Up: messages per second the simulator sends, all symbols together")]
    readonly int SimulatorRate = 2_000;

    [Parameter("Up: folder for the shared-memory rings")]
    readonly string UpSharedMemoryPath = "/dev/shm/alphapulse-up";

    AbsolutePath UpDirectory => ArtifactsDirectory / "up";

    Target Up => _ => _
        .Description("Run the whole stack locally on the exchange simulator: simulator, a collector per exchange, WebSocket server and dashboard (Ctrl+C stops it)")
        .Requires(() => SimulatorRate > 0)
        .Executes(() =>
        {
            var services = LocalServices.Create(Feed, SimulatorRate, UpSharedMemoryPath);
            foreach (var project in services.Select(service => service.Project).Distinct())
            {
                ProcessTasks.Run("dotnet", ["build", RootDirectory / project, "-c", "Release", "-o", UpDirectory / "bin" / LocalService.ProjectName(project), "--nologo", "-v", "quiet"]);
            }
            // Up owns this folder: each run starts from fresh rings (a ring of an older format is refused).
            AbsolutePath.Create(Path.GetFullPath(UpSharedMemoryPath)).DeleteDirectory();
            Directory.CreateDirectory(UpSharedMemoryPath);
            var runner = new LocalStackRunner(services, UpDirectory / "bin", UpDirectory / "logs");
            runner.Run(UpFor, [$"rings         {UpSharedMemoryPath}/", $"feed          {Feed}", $"open the dashboard: http://127.0.0.1:{LocalServices.WebSocketPort}/"]);
        });
}
