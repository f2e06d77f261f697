using System.Security.Cryptography;
using AlphaPulse.Build.Engine;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace AlphaPulse.Build.Delivery;

/// <summary>Where an S3 bucket is and who may write to it (the keys are [Secret] parameters; null: the SDK's default chain).</summary>
public sealed record S3Location(string Bucket, string? Endpoint, string Region, string? AccessKeyId, string? SecretAccessKey)
{
    public IAmazonS3 CreateClient()
    {
        var config = new AmazonS3Config
        {
            // Set for an S3-compatible server (MinIO, s3rver): path-style addressing, no bucket subdomains.
            ServiceURL = Endpoint,
            ForcePathStyle = Endpoint is not null,
            AuthenticationRegion = Region,
            // Checksums only where S3 requires them: S3-compatible servers reject the newer trailers.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (Endpoint is null)
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(Region);
        }
        return AccessKeyId is { Length: > 0 } && SecretAccessKey is { Length: > 0 }
            ? new AmazonS3Client(new BasicAWSCredentials(AccessKeyId, SecretAccessKey), config)
            : new AmazonS3Client(config);
    }
}

/// <summary>
/// Backup archives in an S3 bucket: each archive is one object beside a <c>.sha256</c> object holding the
/// archive's SHA-256, written after it. A download is refused, naming the object and both hashes, when
/// the archive no longer has the hash recorded at backup (the manifest inside is then checked file by
/// file by <see cref="BackupArchive.UnpackVerified"/>). One instance per target run.
/// </summary>
public sealed class S3BackupStore(IAmazonS3 client, string bucket) : IDisposable
{
    public const string ChecksumSuffix = ".sha256";

    public void Dispose() => client.Dispose();

    /// <summary>Uploads <paramref name="archive"/> under its file name; returns its <c>s3://</c> address.</summary>
    public async Task<string> UploadAsync(string archive)
    {
        var key = Path.GetFileName(archive);
        await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, FilePath = archive, UseChunkEncoding = false }).ConfigureAwait(false);
        await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key + ChecksumSuffix, ContentBody = Hash(archive), UseChunkEncoding = false }).ConfigureAwait(false);
        return $"s3://{bucket}/{key}";
    }

    /// <summary>The newest archive's key (archives are named by time), or a clear error when the bucket has none.</summary>
    public async Task<string> NewestAsync()
    {
        var listing = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket }).ConfigureAwait(false);
        return (listing.S3Objects ?? []).Select(item => item.Key).Where(key => key.EndsWith(".tar.gz", StringComparison.Ordinal)).Order(StringComparer.Ordinal).LastOrDefault()
            ?? throw new BuildException($"no backup to restore: s3://{bucket} holds no *.tar.gz (pass --backup-archive, or run Backup --s3-bucket {bucket} first)");
    }

    /// <summary>Downloads <paramref name="key"/> into <paramref name="folder"/> and checks it against its recorded SHA-256; returns the file.</summary>
    public async Task<string> DownloadVerifiedAsync(string key, string folder)
    {
        var file = Path.Combine(folder, Path.GetFileName(key));
        using (var archive = await client.GetObjectAsync(bucket, key).ConfigureAwait(false))
        {
            await archive.WriteResponseStreamToFileAsync(file, append: false, CancellationToken.None).ConfigureAwait(false);
        }
        string recorded;
        try
        {
            using var checksum = await client.GetObjectAsync(bucket, key + ChecksumSuffix).ConfigureAwait(false);
            using var reader = new StreamReader(checksum.ResponseStream);
            recorded = (await reader.ReadToEndAsync().ConfigureAwait(false)).Trim();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            throw new BuildException($"refused s3://{bucket}/{key}: it has no {key}{ChecksumSuffix} beside it, so it cannot be verified (it was not written by Backup)", e);
        }
        var actual = Hash(file);
        return actual == recorded
            ? file
            : throw new BuildException($"refused s3://{bucket}/{key}: its SHA-256 {actual} does not match the {recorded} recorded at backup; it was changed or damaged, nothing was restored (restore another backup)");
    }

    private static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
