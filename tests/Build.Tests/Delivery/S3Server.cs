using System.Diagnostics;
using System.Text.RegularExpressions;
using AlphaPulse.Build.Delivery;

namespace AlphaPulse.Build.Tests.Delivery;

/// <summary>
/// A real S3-compatible server for the backup tests: s3rver (npm), installed by <c>npm ci</c> from the
/// committed lock file in tests/Build.Tests/S3Server on first use, started as a child process on
/// 127.0.0.1 port 0 with a fresh data folder and one bucket. Needs Node with npm and the npm registry.
/// </summary>
internal sealed partial class S3Server : IAsyncDisposable
{
    public const string Bucket = "backups";

    // s3rver's own fixed development credentials.
    public const string AccessKeyId = "S3RVER";
    public const string SecretAccessKey = "S3RVER";

    private static readonly SemaphoreSlim Installing = new(1, 1);

    private readonly Process _process;
    private readonly TempDirectory _data;

    private S3Server(Process process, TempDirectory data, string endpoint)
    {
        _process = process;
        _data = data;
        Endpoint = endpoint;
    }

    public string Endpoint { get; }

    public S3Location Location => new(Bucket, Endpoint, "us-east-1", AccessKeyId, SecretAccessKey);

    public static async Task<S3Server> StartAsync()
    {
        var folder = Path.Combine(TestPaths.RepositoryRoot(), "tests", "Build.Tests", "S3Server");
        await InstallAsync(folder);
        var data = new TempDirectory();
        var start = new ProcessStartInfo("node", ["node_modules/s3rver/bin/s3rver.js", "-d", data.Path, "-a", "127.0.0.1", "-p", "0", "--configure-bucket", Bucket])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
        {
            if (Listening().Match(line) is { Success: true } match)
            {
                // Keep draining its log so the pipe never fills and stalls the server.
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                return new S3Server(process, data, $"http://127.0.0.1:{match.Groups[1].Value}");
            }
        }
        throw new InvalidOperationException($"s3rver must say where it listens: it exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync(CancellationToken.None)}");
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _data.Dispose();
    }

    private static async Task InstallAsync(string folder)
    {
        // Test classes run in parallel: one npm ci at a time in the folder.
        await Installing.WaitAsync();
        try
        {
            await InstallOnceAsync(folder);
        }
        finally
        {
            Installing.Release();
        }
    }

    private static async Task InstallOnceAsync(string folder)
    {
        if (File.Exists(Path.Combine(folder, "node_modules", "s3rver", "bin", "s3rver.js")))
        {
            return;
        }
        using var npm = Process.Start(new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund"]) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await npm.StandardOutput.ReadToEndAsync() + await npm.StandardError.ReadToEndAsync();
        await npm.WaitForExitAsync();
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci installs s3rver for the S3 backup tests: exit={npm.ExitCode} {output} (is npm installed and the registry reachable?)");
        }
    }

    [GeneratedRegex(@"S3rver listening on [\d.]+:(\d+)")]
    private static partial Regex Listening();
}
