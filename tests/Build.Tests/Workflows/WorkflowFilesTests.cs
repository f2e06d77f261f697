using AlphaPulse.Build.Workflows;

namespace AlphaPulse.Build.Tests.Workflows;

public sealed class WorkflowFilesTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    private static IReadOnlyList<Workflow> Workflows => global::Build.Workflows;

    private string Committed(string name) => Path.Combine(_root.Path, ".github", "workflows", name);

    [Fact]
    public void ShouldFindNoDriftRightAfterGenerating()
    {
        var (written, removed) = WorkflowFiles.Generate(_root.Path, Workflows);

        Assert.Equal([".github/workflows/ci.yml", ".github/workflows/deploy.yml"], written);
        Assert.Empty(removed);
        Assert.Empty(WorkflowFiles.FindDrift(_root.Path, Workflows));
        Assert.Equal(WorkflowYaml.Render(AlphaPulseWorkflows.Ci(global::Build.CiCommands)), File.ReadAllText(Committed("ci.yml")));
    }

    [Fact]
    public void ShouldReportAHandEditedFileWithTheFirstDifferingLine()
    {
        WorkflowFiles.Generate(_root.Path, Workflows);
        File.WriteAllText(Committed("ci.yml"), File.ReadAllText(Committed("ci.yml")).Replace("./build.sh Audit", "./build.sh Audit --skip", StringComparison.Ordinal));

        var drift = Assert.Single(WorkflowFiles.FindDrift(_root.Path, Workflows));

        Assert.Equal((".github/workflows/ci.yml", DriftKind.Changed), (drift.RelativePath, drift.Kind));
        Assert.Matches(@"^line \d+ is 'run: ./build.sh Audit --skip', generated 'run: ./build.sh Audit'$", drift.Detail);
    }

    [Fact]
    public void ShouldReportMissingAndExtraFilesAndTellTheUserHowToFixThem()
    {
        WorkflowFiles.Generate(_root.Path, Workflows);
        File.Delete(Committed("ci.yml"));
        _root.Write(".github/workflows/old-ci.yaml", "name: old\n");

        var drift = WorkflowFiles.FindDrift(_root.Path, Workflows);

        Assert.Equal(
            [(".github/workflows/ci.yml", DriftKind.Missing), (".github/workflows/old-ci.yaml", DriftKind.Extra)],
            drift.Select(d => (d.RelativePath, d.Kind)));
        var message = WorkflowFiles.DriftMessage(drift);
        Assert.StartsWith("committed workflows must match what the build generates: 2 file(s) differ: ", message, StringComparison.Ordinal);
        Assert.EndsWith("(run ./build.sh GenerateWorkflows and commit .github/workflows)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldRemoveStaleWorkflowsWhenGenerating()
    {
        _root.Write(".github/workflows/old-ci.yml", "name: old\n");
        _root.Write(".github/workflows/README.md", "not a workflow\n");

        var (_, removed) = WorkflowFiles.Generate(_root.Path, Workflows);

        Assert.Equal([".github/workflows/old-ci.yml"], removed);
        Assert.True(File.Exists(Committed("README.md")));
        Assert.Empty(WorkflowFiles.FindDrift(_root.Path, Workflows));
    }

    [Fact]
    public void ShouldNotCountWindowsLineEndingsAsDrift()
    {
        WorkflowFiles.Generate(_root.Path, Workflows);
        File.WriteAllText(Committed("ci.yml"), File.ReadAllText(Committed("ci.yml")).Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.Empty(WorkflowFiles.FindDrift(_root.Path, Workflows));
    }

    [Fact]
    public void ShouldRejectTwoWorkflowsWithOneName() =>
        Assert.Contains("workflow names must be unique: name='ci'",
            Assert.Throws<ArgumentException>(() => WorkflowFiles.FindDrift(_root.Path, [AlphaPulseWorkflows.Ci(global::Build.CiCommands), AlphaPulseWorkflows.Ci(global::Build.CiCommands)])).Message,
            StringComparison.Ordinal);

    // The committed workflows are part of the build's contract: NUKE only warns on drift, we fail.
    [Fact]
    public void ShouldHaveCommittedWorkflowsThatMatchTheBuild()
    {
        var drift = WorkflowFiles.FindDrift(TestPaths.RepositoryRoot(), Workflows);

        Assert.True(drift.Count == 0, WorkflowFiles.DriftMessage(drift));
    }

    [Fact]
    public void ShouldHaveACommittedCiScriptThatRunsTheCiWorkflowsCommands()
    {
        var drift = CiScript.FindDrift(TestPaths.RepositoryRoot(), Workflows);

        Assert.True(drift is null, drift);
    }

    [Fact]
    public void ShouldReportAHandEditedCiScript()
    {
        Directory.CreateDirectory(Path.Combine(_root.Path, ".ci"));
        CiScript.Write(_root.Path, Workflows);
        Assert.Null(CiScript.FindDrift(_root.Path, Workflows));

        _root.Write(CiScript.RelativePath, CiScript.Render(Workflows) + "./build.sh Test --skip\n");

        Assert.Equal(".ci/commands must equal the ci workflow's commands: it differs (run ./build.sh GenerateWorkflows and commit the result)", CiScript.FindDrift(_root.Path, Workflows));
    }
}
