using System.Formats.Tar;

namespace AlphaPulse.Build.Docker;

/// <summary>
/// The build context as the engine receives it: a tar of the context folder written in-process, leaving
/// out what <see cref="DockerIgnore"/> excludes (the Dockerfile always goes in, as the docker CLI does).
/// </summary>
public static class BuildContextArchive
{
    /// <summary>Writes the context tar to <paramref name="output"/>; returns how many files went in.</summary>
    public static int Write(string contextDirectory, DockerIgnore ignore, string dockerfile, Stream output)
    {
        ArgumentNullException.ThrowIfNull(ignore);
        var root = Path.GetFullPath(contextDirectory);
        var dockerfilePath = dockerfile.Replace('\\', '/');
        var count = 0;
        using var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
        foreach (var file in Files(root, root, ignore, dockerfilePath).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (ignore.IsExcluded(relative) && relative != dockerfilePath)
            {
                continue;
            }
            var entry = new PaxTarEntry(TarEntryType.RegularFile, relative)
            {
                Mode = OperatingSystem.IsWindows() ? (UnixFileMode)0b110_100_100 : File.GetUnixFileMode(file),
                ModificationTime = File.GetLastWriteTimeUtc(file),
            };
            using var content = File.OpenRead(file);
            entry.DataStream = content;
            writer.WriteEntry(entry);
            count++;
        }
        return count;
    }

    private static IEnumerable<string> Files(string root, string directory, DockerIgnore ignore, string dockerfile)
    {
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            if (!new FileInfo(file).Attributes.HasFlag(FileAttributes.ReparsePoint))
            {
                yield return file;
            }
        }
        foreach (var child in Directory.EnumerateDirectories(directory))
        {
            var relative = Path.GetRelativePath(root, child).Replace('\\', '/');
            if (new DirectoryInfo(child).Attributes.HasFlag(FileAttributes.ReparsePoint) || (ignore.CanSkipDirectory(relative) && !dockerfile.StartsWith(relative + "/", StringComparison.Ordinal)))
            {
                continue;
            }
            foreach (var file in Files(root, child, ignore, dockerfile))
            {
                yield return file;
            }
        }
    }
}
