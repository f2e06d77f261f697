using System.Formats.Tar;
using System.IO.Compression;
using AlphaPulse.Build.Delivery;
using AlphaPulse.Build.Engine;

namespace AlphaPulse.Build.Tests.Delivery;

public sealed class BackupArchiveTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string Backup()
    {
        _directory.Write("staging/shm/binance-a.ring", "ring bytes");
        _directory.Write("staging/state/history.json", "[]");
        var archive = Path.Combine(_directory.Path, "backups", "b.tar.gz");
        BackupArchive.Pack(Path.Combine(_directory.Path, "staging"), archive, "local", DateTimeOffset.UnixEpoch);
        return archive;
    }

    [Fact]
    public void ShouldListEveryFileWithItsChecksumAndUnpackItBack()
    {
        var archive = Backup();

        var manifest = BackupArchive.UnpackVerified(archive, Path.Combine(_directory.Path, "out"));

        Assert.Equal(["shm/binance-a.ring", "state/history.json"], manifest.Files.Select(file => file.Path));
        Assert.Equal("ring bytes", File.ReadAllText(Path.Combine(_directory.Path, "out", "shm", "binance-a.ring")));
        Assert.Equal(64, manifest.Files[0].Sha256.Length);
    }

    [Fact]
    public void ShouldRefuseAnArchiveWhoseFileWasAlteredNamingTheFile()
    {
        var archive = Backup();
        Repack(archive, "shm/binance-a.ring", "ring bytez");

        var error = Assert.Throws<BuildException>(() => BackupArchive.UnpackVerified(archive, Path.Combine(_directory.Path, "out")));

        Assert.Contains("shm/binance-a.ring: SHA-256", error.Message, StringComparison.Ordinal);
        Assert.Contains(archive, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldRefuseATruncatedArchiveNamingIt()
    {
        var archive = Backup();
        var bytes = File.ReadAllBytes(archive);
        File.WriteAllBytes(archive, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<BuildException>(() => BackupArchive.UnpackVerified(archive, Path.Combine(_directory.Path, "out")));

        Assert.StartsWith($"refused {archive}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldRefuseAFileTheManifestDoesNotList()
    {
        var archive = Backup();
        Repack(archive, "shm/extra.ring", "smuggled");

        Assert.Contains("shm/extra.ring: in the archive but not in the manifest", Assert.Throws<BuildException>(() => BackupArchive.UnpackVerified(archive, Path.Combine(_directory.Path, "out"))).Message, StringComparison.Ordinal);
    }

    // Rewrites one file of the archive (or adds it) without touching the manifest.
    private void Repack(string archive, string path, string content)
    {
        var unpacked = Path.Combine(_directory.Path, "repack");
        using (var input = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress))
        {
            TarFile.ExtractToDirectory(input, Directory.CreateDirectory(unpacked).FullName, overwriteFiles: true);
        }
        File.WriteAllText(Path.Combine(unpacked, path), content);
        using var output = new GZipStream(File.Create(archive), CompressionLevel.Fastest);
        TarFile.CreateFromDirectory(unpacked, output, includeBaseDirectory: false);
    }
}
