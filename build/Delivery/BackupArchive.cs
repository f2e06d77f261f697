using System.Formats.Tar;
using System.IO.Compression;
using AlphaPulse.Build.Engine;

namespace AlphaPulse.Build.Delivery;

/// <summary>
/// A backup as one <c>tar.gz</c>: a staging folder (rings under <c>shm/</c>, configuration and deploy
/// history under <c>state/</c>) plus its <see cref="BackupManifest"/>. Restore unpacks into a fresh folder
/// and verifies every checksum before anything is put back.
/// </summary>
public static class BackupArchive
{
    public const string SharedMemoryFolder = "shm";
    public const string StateFolder = "state";

    /// <summary>Writes the manifest into <paramref name="staging"/> and packs it as <paramref name="archive"/>.</summary>
    public static BackupManifest Pack(string staging, string archive, string environment, DateTimeOffset createdAt)
    {
        var manifest = BackupManifest.Describe(staging, environment, createdAt);
        manifest.Save(staging);
        Directory.CreateDirectory(Path.GetDirectoryName(archive)!);
        using (var output = File.Create(archive))
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            TarFile.CreateFromDirectory(staging, gzip, includeBaseDirectory: false);
        }
        return manifest;
    }

    /// <summary>
    /// Unpacks <paramref name="archive"/> into <paramref name="destination"/> and verifies it against its
    /// manifest; a damaged archive is refused naming the archive and the file that fails.
    /// </summary>
    public static BackupManifest UnpackVerified(string archive, string destination)
    {
        if (!File.Exists(archive))
        {
            throw new BuildException($"the backup to restore must exist: {archive} does not (pass --backup-archive, or run Backup first)");
        }
        Directory.CreateDirectory(destination);
        try
        {
            using var input = File.OpenRead(archive);
            using var gzip = new GZipStream(input, CompressionMode.Decompress);
            TarFile.ExtractToDirectory(gzip, destination, overwriteFiles: true);
        }
        catch (Exception exception) when (exception is InvalidDataException or EndOfStreamException or FormatException or IOException)
        {
            throw new BuildException($"refused {archive}: it cannot be unpacked ({exception.Message}); it is damaged or not a backup (restore another one)", exception);
        }
        BackupManifest manifest;
        try
        {
            manifest = BackupManifest.Load(destination);
        }
        catch (Exception exception) when (exception is InvalidDataException or System.Text.Json.JsonException)
        {
            throw new BuildException($"refused {archive}: {BackupManifest.FileName} cannot be read ({exception.Message})", exception);
        }
        var problems = manifest.Verify(destination);
        return problems.Count == 0
            ? manifest
            : throw new BuildException($"refused {archive}: it does not match its manifest, nothing was restored:\n  {string.Join("\n  ", problems)}");
    }
}
