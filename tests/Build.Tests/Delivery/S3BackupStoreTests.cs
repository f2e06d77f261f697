using AlphaPulse.Build.Delivery;
using AlphaPulse.Build.Engine;
using Amazon.S3.Model;

namespace AlphaPulse.Build.Tests.Delivery;

/// <summary>Backup archives through a real S3-compatible server (s3rver, started by the test).</summary>
public sealed class S3BackupStoreTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _work = new();
    private S3Server _s3 = null!;

    public async Task InitializeAsync() => _s3 = await S3Server.StartAsync();

    public async Task DisposeAsync() => await _s3.DisposeAsync();

    public void Dispose() => _work.Dispose();

    private string Archive(string name)
    {
        _work.Write("staging/objects/Deployment/alphapulse-cell.yaml", "kind: Deployment\n");
        _work.Write("staging/secrets.yaml", "- name: tokens\n  type: Opaque\n");
        var archive = Path.Combine(_work.Path, "out", name);
        BackupArchive.Pack(Path.Combine(_work.Path, "staging"), archive, "staging", DateTimeOffset.UnixEpoch);
        return archive;
    }

    [Fact]
    public async Task ShouldRoundTripTheNewestArchiveWithItsChecksum()
    {
        var older = Archive("alphapulse-staging-20261130-100000.tar.gz");
        var newer = Archive("alphapulse-staging-20261130-110000.tar.gz");
        using var store = new S3BackupStore(_s3.Location.CreateClient(), S3Server.Bucket);
        await store.UploadAsync(older);
        Assert.Equal($"s3://{S3Server.Bucket}/alphapulse-staging-20261130-110000.tar.gz", await store.UploadAsync(newer));

        var key = await store.NewestAsync();
        var downloaded = await store.DownloadVerifiedAsync(key, Directory.CreateDirectory(Path.Combine(_work.Path, "down")).FullName);

        Assert.Equal("alphapulse-staging-20261130-110000.tar.gz", key);
        Assert.Equal(await File.ReadAllBytesAsync(newer), await File.ReadAllBytesAsync(downloaded));
        var manifest = BackupArchive.UnpackVerified(downloaded, Path.Combine(_work.Path, "unpacked"));
        Assert.Equal(["objects/Deployment/alphapulse-cell.yaml", "secrets.yaml"], manifest.Files.Select(file => file.Path));
    }

    [Fact]
    public async Task ShouldRefuseAnArchiveChangedInTheBucketNamingBothHashes()
    {
        var archive = Archive("alphapulse-staging-20261130-120000.tar.gz");
        using var store = new S3BackupStore(_s3.Location.CreateClient(), S3Server.Bucket);
        await store.UploadAsync(archive);
        var bytes = await File.ReadAllBytesAsync(archive);
        bytes[bytes.Length / 2] ^= 0xFF;
        using (var client = _s3.Location.CreateClient())
        {
            await client.PutObjectAsync(new PutObjectRequest { BucketName = S3Server.Bucket, Key = Path.GetFileName(archive), InputStream = new MemoryStream(bytes), UseChunkEncoding = false });
        }

        var error = await Assert.ThrowsAsync<BuildException>(() => store.DownloadVerifiedAsync(Path.GetFileName(archive), _work.Path));

        Assert.Matches(@"^refused s3://backups/alphapulse-staging-20261130-120000\.tar\.gz: its SHA-256 [0-9a-f]{64} does not match the [0-9a-f]{64} recorded at backup", error.Message);
    }

    [Fact]
    public async Task ShouldRefuseAnArchiveWithoutItsChecksumObject()
    {
        var archive = Archive("alphapulse-staging-20261130-130000.tar.gz");
        using (var client = _s3.Location.CreateClient())
        {
            await client.PutObjectAsync(new PutObjectRequest { BucketName = S3Server.Bucket, Key = Path.GetFileName(archive), FilePath = archive, UseChunkEncoding = false });
        }
        using var store = new S3BackupStore(_s3.Location.CreateClient(), S3Server.Bucket);

        var error = await Assert.ThrowsAsync<BuildException>(() => store.DownloadVerifiedAsync(Path.GetFileName(archive), _work.Path));

        Assert.StartsWith("refused s3://backups/alphapulse-staging-20261130-130000.tar.gz: it has no alphapulse-staging-20261130-130000.tar.gz.sha256 beside it", error.Message, StringComparison.Ordinal);
    }
}
