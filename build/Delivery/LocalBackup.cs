using System.Diagnostics;
using System.Globalization;
using AlphaPulse.Build.Engine;

namespace AlphaPulse.Build.Delivery;

/// <summary>
/// Backup and Restore of the local environment. Backup freezes the ring writers (docker pause: the cgroup
/// freezer stops them between instructions, and a slot whose sequence word was not yet written is simply
/// not committed, docs/shm-format.md), copies the ring files, thaws them, and packs the copy with the
/// environment's configuration and deploy history. Restore verifies first, then stops the environment,
/// puts rings and state back, and starts the live revision of the restored history on them.
/// </summary>
public sealed class LocalBackup(LocalContainers containers, LocalEnvironment environment, LocalEnvironmentPaths paths)
{
    public async Task<(string Archive, BackupManifest Manifest, TimeSpan Frozen)> BackupAsync(string backupDirectory)
    {
        var staging = Directory.CreateTempSubdirectory("alphapulse-backup-").FullName;
        try
        {
            var sharedMemory = Directory.CreateDirectory(Path.Combine(staging, BackupArchive.SharedMemoryFolder)).FullName;
            var writers = (await containers.ListAsync().ConfigureAwait(false)).Where(container => container.Running && container.Role.StartsWith("collector-", StringComparison.Ordinal)).ToList();
            var frozen = Stopwatch.StartNew();
            foreach (var writer in writers)
            {
                await containers.PauseAsync(writer.Id).ConfigureAwait(false);
            }
            try
            {
                CopyLockedRings(paths.SharedMemoryDirectory, sharedMemory);
            }
            finally
            {
                foreach (var writer in writers)
                {
                    await containers.UnpauseAsync(writer.Id).ConfigureAwait(false);
                }
            }
            frozen.Stop();
            Log.Information($"Copied the rings with {writers.Count} writers frozen for {frozen.Elapsed.TotalMilliseconds:F0} ms");
            var state = Directory.CreateDirectory(Path.Combine(staging, BackupArchive.StateFolder)).FullName;
            foreach (var file in new[] { paths.HistoryFile, paths.ConfigurationFile }.Where(file => File.Exists(file)))
            {
                File.Copy(file, Path.Combine(state, Path.GetFileName(file)));
            }
            var now = DateTimeOffset.UtcNow;
            var archive = Path.Combine(backupDirectory, $"alphapulse-local-{now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.tar.gz");
            var manifest = BackupArchive.Pack(staging, archive, "local", now);
            return (archive, manifest, frozen.Elapsed);
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    public async Task<DeployResult?> RestoreAsync(string archive)
    {
        var unpacked = Directory.CreateTempSubdirectory("alphapulse-restore-").FullName;
        try
        {
            var manifest = BackupArchive.UnpackVerified(archive, unpacked);
            Log.Information($"{archive}: {manifest.Files.Count} files match the manifest (backup of {manifest.CreatedAt:u})");
            await containers.StopAndRemoveAllAsync().ConfigureAwait(false);
            if (Directory.Exists(paths.SharedMemoryDirectory))
            {
                Directory.Delete(paths.SharedMemoryDirectory, recursive: true);
            }
            CopyFiles(Path.Combine(unpacked, BackupArchive.SharedMemoryFolder), paths.SharedMemoryDirectory);
            ProcessTasks.Run("chown", ["-R", $"{LocalEnvironmentPaths.ContainerUser}:{LocalEnvironmentPaths.ContainerUser}", paths.SharedMemoryDirectory], logOutput: false);
            CopyFiles(Path.Combine(unpacked, BackupArchive.StateFolder), paths.StateDirectory);

            var history = DeployHistory.Load(paths.HistoryFile);
            if (history.Live is not { } live)
            {
                Log.Information("The restored history has no live revision: rings and state are back, nothing started");
                return null;
            }
            var configuration = LocalEnvironmentConfiguration.Load(paths.ConfigurationFile)
                ?? throw new BuildException($"{archive} has a deploy history but no {Path.GetFileName(paths.ConfigurationFile)}: cannot start revision {live.Revision} without its configuration");
            Log.Information($"Starting revision {live.Revision} of the restored history on the restored rings");
            return await environment.DeployAsync(live.Images, configuration, DeployKind.Restore, live.Revision).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(unpacked, recursive: true);
        }
    }

    // A writer holds its ring's flock(LOCK_EX) while it runs, and .NET opens files for reading with
    // flock(LOCK_SH), which that lock refuses: cp takes no lock (the freeze, not a lock, keeps the copy consistent).
    private static void CopyLockedRings(string from, string to)
    {
        var rings = Directory.Exists(from) ? Directory.GetFiles(from) : [];
        if (rings.Length > 0)
        {
            ProcessTasks.Run("cp", ["--preserve=mode,timestamps", .. rings, to], logOutput: false);
        }
    }

    private static void CopyFiles(string from, string to)
    {
        Directory.CreateDirectory(to);
        if (!Directory.Exists(from))
        {
            return;
        }
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }
    }
}
