using AlphaPulse.Build.Audit;

namespace AlphaPulse.Build.Tests.Audit;

public sealed class AssetsPackagesTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    private string PackagesFolder => Path.Combine(_root.Path, "nuget-packages") + "/";

    private void Assets(string project, params string[] libraries)
    {
        var entries = string.Join(",\n", libraries.Select(library => library.StartsWith("project:", StringComparison.Ordinal)
            ? $"\"{library[8..]}\": {{ \"type\": \"project\", \"path\": \"../x.csproj\" }}"
            : $"\"{library}\": {{ \"type\": \"package\", \"path\": \"{library.ToLowerInvariant()}\" }}"));
        _root.Write($"{project}/obj/project.assets.json", $$"""
            {
              "version": 3,
              "libraries": { {{entries}} },
              "packageFolders": { "{{PackagesFolder}}": {} },
              "project": { "restore": { "projectPath": "/repo/{{project}}/{{project}}.csproj" } }
            }
            """);
    }

    [Fact]
    public void ShouldCollectEveryPackageOnceAcrossProjectsAndSkipProjectReferences()
    {
        Assets("app", "Newtonsoft.Json/13.0.3", "xunit/2.9.3", "project:_build/1.0.0");
        Assets("tests", "xunit/2.9.3", "xunit.abstractions/2.0.3");
        _root.Write("nuget-packages/xunit/2.9.3/xunit.nuspec", "<package/>");

        var packages = AssetsPackages.Read(AssetsPackages.FindAssetsFiles(_root.Path));

        Assert.Equal(["Newtonsoft.Json 13.0.3", "xunit 2.9.3", "xunit.abstractions 2.0.3"], packages.Select(p => p.ToString()));
        var xunit = packages[1];
        Assert.Equal(["/repo/app/app.csproj", "/repo/tests/tests.csproj"], xunit.Projects);
        Assert.Equal(Path.Combine(PackagesFolder, "xunit/2.9.3", "xunit.nuspec"), xunit.NuspecPath);
        Assert.Null(packages[0].NuspecPath);
    }

    [Fact]
    public void ShouldIgnoreAssetsFilesUnderNukeTemp()
    {
        Assets("app", "xunit/2.9.3");
        Assets(".nuke/temp/audit-canary", "Newtonsoft.Json/12.0.1");

        var files = AssetsPackages.FindAssetsFiles(_root.Path);

        Assert.Equal([Path.Combine(_root.Path, "app", "obj", "project.assets.json")], files);
    }

    [Fact]
    public void ShouldReportAPackageMissingFromEveryFolderAsUnknown()
    {
        Assets("app", "Ghost/1.0.0");

        var checks = LicenceAudit.Check(AssetsPackages.Read(AssetsPackages.FindAssetsFiles(_root.Path)), LicenceAllowList.Default);

        var check = Assert.Single(checks);
        Assert.Equal(LicenceVerdict.Unknown, check.Verdict);
        Assert.Contains("run restore first", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldLicenceCheckThisRepositorysRestoredPackages()
    {
        var packages = AssetsPackages.Read(AssetsPackages.FindAssetsFiles(TestPaths.RepositoryRoot()));

        var section = LicenceAudit.ToSection(LicenceAudit.Check(packages, LicenceAllowList.Default));

        Assert.Contains(packages, package => package.Id == "xunit.abstractions");
        Assert.Empty(section.Findings);
        Assert.Equal(AuditStatus.Pass, section.Status);
    }
}
