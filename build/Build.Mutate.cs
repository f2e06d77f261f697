using System.Globalization;
using AlphaPulse.Build.Engine;
using AlphaPulse.Build.Mutation;

partial class Build
{
    [Parameter("Mutate: projects to mutation-test: core, collector, websocket (default: every project)")]
    readonly MutationProject[] MutateProject = [];

    [Parameter("Mutate: mutate only files changed since this git commit (Stryker --since), for iterating; scores are then partial and the gates not applied")]
    readonly string? MutateSince;

    [Parameter("Gate: Core's mutation score (shared memory, books, checksums, fixed point, replication) must reach this percentage")]
    readonly double MutationScoreCoreMinimum = 85;

    [Parameter("Gate: the collector's adapters and book publisher must reach this mutation score (percent)")]
    readonly double MutationScoreCollectorMinimum = 85;

    [Parameter("Gate: the WebSocket server's protocol and hub must reach this mutation score (percent)")]
    readonly double MutationScoreWebSocketMinimum = 80;

    AbsolutePath MutationDirectory => ArtifactsDirectory / "mutation";

    Target Mutate => _ => _
        .Description("Mutation testing with Stryker.NET: score per project, surviving mutants per file; HTML and JSON reports in artifacts/mutation/<project>")
        .Produces(MutationDirectory)
        .Executes(() =>
        {
            // The tool's version is pinned in .config/dotnet-tools.json.
            ProcessTasks.Run("dotnet", ["tool", "restore"], logOutput: false);
            var failures = new List<string>();
            foreach (var project in MutateProject.Length > 0 ? MutateProject : Enumeration.ValuesOf(typeof(MutationProject)).Cast<MutationProject>())
            {
                failures.AddRange(RunMutation(project));
            }

            if (failures.Count > 0)
            {
                throw new BuildException($"mutation scores below their gates: {string.Join("; ", failures)} (kill the surviving mutants listed above with behaviour tests, or list the equivalent ones in docs/testing.md; gates are parameters, defaults in .nuke/parameters.json)");
            }
        });

    IEnumerable<string> RunMutation(MutationProject project)
    {
        var output = MutationDirectory / project.Value;
        output.DeleteDirectory();
        var bin = RootDirectory / project.TestProjectDirectory / "bin";
        RestoreOriginalAssemblies(bin);
        try
        {
            // Always the Debug build, whatever --configuration says: its invariant checks (OrderBook.AssertInvariants) run
            // under the tests, so the score does not depend on the configuration, and CI's Release outputs are never touched.
            ProcessTasks.Run("dotnet", [.. project.StrykerArguments(Configuration.Debug), "--output", output, .. MutateSince is null ? [] : new[] { $"--since:{MutateSince}" }],
                workingDirectory: RootDirectory / project.TestProjectDirectory, environment: new Dictionary<string, string>(TestEnvironment.Concat(project.TestEnvironment)));
        }
        finally
        {
            RestoreOriginalAssemblies(bin);
        }

        var report = MutationReport.Read(output / "reports" / "mutation-report.json", RootDirectory / project.SourceDirectory);
        foreach (var line in MutationSummary.Lines(project.Value, report))
        {
            Log.Information(line);
        }

        var minimum = MutationScoreMinimum(project);
        ReportSummary(project.Value, string.Create(CultureInfo.InvariantCulture, $"{report.Score:0.0} % (gate {minimum:0.#} %)"));
        if (MutateSince is not null)
        {
            Log.Warning($"{project.Value}: only files changed since {MutateSince} were mutated: the score is partial and its gate is not applied");
            return [];
        }

        return report.Score >= minimum ? [] : [string.Create(CultureInfo.InvariantCulture, $"{project.Value} {report.Score:0.0} % < {minimum:0.#} %")];
    }

    /// <summary>A killed Stryker run leaves mutated assemblies in the test project's bin: put the originals back so no later build or test uses them.</summary>
    static void RestoreOriginalAssemblies(AbsolutePath bin)
    {
        foreach (var assembly in StrykerBackups.Restore(bin))
        {
            Log.Warning($"restored the original of {assembly}, which a stopped mutation run had left mutated");
        }
    }

    double MutationScoreMinimum(MutationProject project) => project.Value switch
    {
        "core" => MutationScoreCoreMinimum,
        "collector" => MutationScoreCollectorMinimum,
        _ => MutationScoreWebSocketMinimum,
    };
}

/// <summary>
/// The projects whose correctness the product rests on, each mutated by Stryker.NET against its own test
/// project: which source files are mutated and which tests run against every mutant.
/// </summary>
sealed class MutationProject : Enumeration
{
    public static readonly MutationProject Core = new()
    {
        Value = "core",
        SourceDirectory = "source/AlphaPulse.Core",
        TestProjectDirectory = "tests/AlphaPulse.Core.Tests",
        Mutate = [],
        TestFilter = null,
    };

    /// <summary>The exchange adapters and the book publisher; end-to-end tests (real simulator and collector processes, seconds each) are left to Test.</summary>
    public static readonly MutationProject Collector = new()
    {
        Value = "collector",
        SourceDirectory = "source/AlphaPulse.Collector",
        TestProjectDirectory = "tests/AlphaPulse.Collector.Tests",
        Mutate = ["**/Adapters/**/*.cs", "**/Pipeline/BookPublisher.cs", "**/Pipeline/CollectorBooks.cs", "**/Pipeline/RingPublisher.cs", "**/Pipeline/TradeDeduplicator.cs"],
        TestFilter = "FullyQualifiedName!~EndToEnd",
    };

    /// <summary>
    /// The client protocol and the market hub. Left to Test: the headless-browser dashboard test, and the
    /// seconds-long tests of code outside Protocol/ and Markets/ (heap compaction, handshake faults), which every
    /// surviving mutant would otherwise run because each test starts a whole server. The tests' hang guard is cut
    /// from 30 s to 10 s: a mutant that stops the server answering then fails in seconds instead of running into
    /// Stryker's timeout (1.5 × the covering tests' time + 5 s, about a minute for a hub mutant).
    /// </summary>
    public static readonly MutationProject WebSocket = new()
    {
        Value = "websocket",
        SourceDirectory = "source/AlphaPulse.WebSocketServer",
        TestProjectDirectory = "tests/AlphaPulse.WebSocketServer.Tests",
        Mutate = ["**/Protocol/**/*.cs", "**/Markets/**/*.cs"],
        TestFilter = "FullyQualifiedName!~DashboardBrowserTests&FullyQualifiedName!~HeapCompactorTests&FullyQualifiedName!~HandshakeFaultTests",
        TestEnvironment = new Dictionary<string, string> { ["ALPHAPULSE_TEST_HANG_GUARD_SECONDS"] = "10" },
        LogToFile = true,
    };

    public required string SourceDirectory { get; init; }

    public required string TestProjectDirectory { get; init; }

    /// <summary>Stryker <c>--mutate</c> globs; empty: every file of the project.</summary>
    public required IReadOnlyList<string> Mutate { get; init; }

    public required string? TestFilter { get; init; }

    /// <summary>Stryker's log file too: worth its size (VSTest's traces) only for a run that takes hours.</summary>
    public bool LogToFile { get; init; }

    /// <summary>Set for the test processes on top of Test's own environment.</summary>
    public IReadOnlyDictionary<string, string> TestEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>Run from the test project's directory, where Stryker finds the project under test by name.</summary>
    public IEnumerable<string> StrykerArguments(Configuration configuration)
    {
        string[] arguments =
        [
            // One test session per core: Stryker's default of half the cores leaves a 2-core CI machine at one.
            "stryker", "--project", Path.GetFileName(SourceDirectory) + ".csproj", "--configuration", configuration,
            "--concurrency", Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--reporter", "html", "--reporter", "json", "--reporter", "progress", "--skip-version-check",
        ];
        return
        [
            .. arguments,
            // The progress bar shows only on a terminal; the log file (<output>/logs) names each mutant as it is tested.
            .. LogToFile ? new[] { "--log-to-file" } : [],
            .. Mutate.SelectMany(glob => new[] { "--mutate", glob }),
            .. TestFilter is null ? [] : new[] { "--test-case-filter", TestFilter },
        ];
    }
}
