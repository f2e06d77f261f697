using System.Security.Cryptography;
using System.Text.Json;

namespace AlphaPulse.Build.Delivery;

/// <summary>One file of a backup: its path inside the archive, size and SHA-256.</summary>
public sealed record BackupFile(string Path, long Bytes, string Sha256);

/// <summary>
/// The manifest of a backup (<c>manifest.json</c> at the archive's root): every other file with its size
/// and SHA-256, so Restore can refuse an archive whose content is not what Backup wrote.
/// </summary>
public sealed record BackupManifest(DateTimeOffset CreatedAt, string Environment, IReadOnlyList<BackupFile> Files)
{
    public const string FileName = "manifest.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Describes every file under <paramref name="root"/> (the manifest itself excluded).</summary>
    public static BackupManifest Describe(string root, string environment, DateTimeOffset createdAt) =>
        new(createdAt, environment, [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(file => System.IO.Path.GetRelativePath(root, file).Replace('\\', '/'))
            .Where(path => path != FileName)
            .Order(StringComparer.Ordinal)
            .Select(path => new BackupFile(path, new FileInfo(System.IO.Path.Combine(root, path)).Length, Hash(System.IO.Path.Combine(root, path))))]);

    /// <summary>What is wrong with the files under <paramref name="root"/> against this manifest, one line per file; empty when all match.</summary>
    public IReadOnlyList<string> Verify(string root)
    {
        var problems = new List<string>();
        foreach (var file in Files)
        {
            var path = System.IO.Path.Combine(root, file.Path);
            if (!File.Exists(path))
            {
                problems.Add($"{file.Path}: listed in the manifest but missing from the archive");
            }
            else if (Hash(path) is var actual && actual != file.Sha256)
            {
                problems.Add($"{file.Path}: SHA-256 {actual} does not match the manifest's {file.Sha256}");
            }
        }
        var listed = Files.Select(file => file.Path).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(Describe(root, Environment, CreatedAt).Files.Where(file => !listed.Contains(file.Path)).Select(file => $"{file.Path}: in the archive but not in the manifest"));
        return problems;
    }

    public void Save(string root) => File.WriteAllText(System.IO.Path.Combine(root, FileName), JsonSerializer.Serialize(this, Json));

    public static BackupManifest Load(string root)
    {
        var path = System.IO.Path.Combine(root, FileName);
        return File.Exists(path)
            ? JsonSerializer.Deserialize<BackupManifest>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{FileName} is empty")
            : throw new InvalidDataException($"the archive has no {FileName}: it was not written by Backup");
    }

    private static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
