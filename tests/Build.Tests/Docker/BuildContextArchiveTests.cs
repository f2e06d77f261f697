using System.Formats.Tar;
using AlphaPulse.Build.Docker;

namespace AlphaPulse.Build.Tests.Docker;

public sealed class BuildContextArchiveTests : IDisposable
{
    private readonly TempDirectory _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public void ShouldTarEveryFileTheIgnoreRulesKeepWithTheirContent()
    {
        _context.Write("source/App/Program.cs", "class P {}");
        _context.Write("source/App/bin/App.dll", "binary");
        _context.Write("artifacts/publish/app/App", "published");
        _context.Write("artifacts/bench/shm.json", "{}");
        _context.Write(".dockerignore", "**/bin\nartifacts\n!artifacts/publish\n");

        var entries = WriteAndRead(DockerIgnore.Load(_context.Path), "deploy/Dockerfile");

        Assert.Equal([".dockerignore", "artifacts/publish/app/App", "source/App/Program.cs"], entries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("class P {}", entries["source/App/Program.cs"]);
    }

    [Fact]
    public void ShouldIncludeTheDockerfileEvenWhenTheRulesExcludeItsFolder()
    {
        _context.Write("deploy/docker/Dockerfile.app", "FROM scratch");

        var entries = WriteAndRead(DockerIgnore.Parse("deploy"), "deploy/docker/Dockerfile.app");

        Assert.Equal("FROM scratch", entries["deploy/docker/Dockerfile.app"]);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void ShouldKeepTheExecutableBitOfAPublishedApp()
    {
        var app = _context.Write("App", "#!/bin/sh");
        File.SetUnixFileMode(app, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherExecute | UnixFileMode.OtherRead);
        using var tar = new MemoryStream();

        BuildContextArchive.Write(_context.Path, DockerIgnore.Empty, "Dockerfile", tar);

        tar.Position = 0;
        var entry = new TarReader(tar).GetNextEntry()!;
        Assert.True(entry.Mode.HasFlag(UnixFileMode.OtherExecute));
    }

    private Dictionary<string, string> WriteAndRead(DockerIgnore ignore, string dockerfile)
    {
        using var tar = new MemoryStream();
        var count = BuildContextArchive.Write(_context.Path, ignore, dockerfile, tar);
        tar.Position = 0;
        var entries = new Dictionary<string, string>();
        using var reader = new TarReader(tar);
        while (reader.GetNextEntry() is { } entry)
        {
            using var text = new StreamReader(entry.DataStream!);
            entries[entry.Name] = text.ReadToEnd();
        }
        Assert.Equal(count, entries.Count);
        return entries;
    }
}
