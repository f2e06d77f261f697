using AlphaPulse.Build.Engine;

/// <summary>The AlphaPulse build: parameters and paths here, targets in Build.*.cs by concern.</summary>
partial class Build : NukeBuild
{
    public static int Main() => Execute<Build>(x => x.Compile);

    [Parameter("Build configuration")]
    readonly Configuration Configuration = IsLocalBuild ? Configuration.Debug : Configuration.Release;

    AbsolutePath SolutionFile => RootDirectory / "AlphaPulse.slnx";
    AbsolutePath ArtifactsDirectory => RootDirectory / "artifacts";

    Target Clean => _ => _
        .Description("Delete build outputs and artifacts")
        .Before(Restore)
        .Executes(() => ArtifactsDirectory.DeleteDirectory());

    Target Restore => _ => _
        .Description("Restore NuGet packages")
        .Executes(() => ProcessTasks.Run("dotnet", ["restore", SolutionFile]));

    Target Compile => _ => _
        .Description("Compile every project")
        .DependsOn(Restore)
        .Executes(() => ProcessTasks.Run("dotnet", ["build", SolutionFile, "--no-restore", "-c", Configuration]));
}
