using AlphaPulse.Build.Mutation;

namespace AlphaPulse.Build.Tests.Mutation;

public sealed class StrykerBackupsTests : IDisposable
{
    private readonly TempDirectory _bin = new();

    public void Dispose() => _bin.Dispose();

    [Fact]
    public void ShouldPutTheOriginalBackOverTheMutatedAssemblyAKilledRunLeft()
    {
        var mutated = _bin.Write("Debug/net10.0/AlphaPulse.Core.dll", "mutated");
        _ = _bin.Write("Debug/net10.0/AlphaPulse.Core.dll" + StrykerBackups.Suffix, "original");
        var untouched = _bin.Write("Debug/net10.0/AlphaPulse.Core.Tests.dll", "tests");

        var restored = StrykerBackups.Restore(_bin.Path);

        Assert.Equal([mutated], restored);
        Assert.Equal("original", File.ReadAllText(mutated));
        Assert.Equal("tests", File.ReadAllText(untouched));
        Assert.Empty(Directory.EnumerateFiles(_bin.Path, "*" + StrykerBackups.Suffix, SearchOption.AllDirectories));
    }

    [Fact]
    public void ShouldOnlyRemoveTheBackupARunThatEndedNormallyLeftBesideTheOriginal()
    {
        var assembly = _bin.Write("Debug/net10.0/AlphaPulse.Core.dll", "original");
        _ = _bin.Write("Debug/net10.0/AlphaPulse.Core.dll" + StrykerBackups.Suffix, "original");

        Assert.Empty(StrykerBackups.Restore(_bin.Path));
        Assert.Equal("original", File.ReadAllText(assembly));
        Assert.False(File.Exists(assembly + StrykerBackups.Suffix));
    }

    [Fact]
    public void ShouldRestoreNothingWhereNoRunLeftABackupOrNoBuildHappened()
    {
        _ = _bin.Write("Debug/net10.0/AlphaPulse.Core.dll", "original");

        Assert.Empty(StrykerBackups.Restore(_bin.Path));
        Assert.Empty(StrykerBackups.Restore(System.IO.Path.Combine(_bin.Path, "Release")));
        Assert.Equal("original", File.ReadAllText(System.IO.Path.Combine(_bin.Path, "Debug/net10.0/AlphaPulse.Core.dll")));
    }
}
