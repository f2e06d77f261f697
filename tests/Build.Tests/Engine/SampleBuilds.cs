using AlphaPulse.Build.Engine;

namespace AlphaPulse.Build.Tests.Engine;

/// <summary>A build whose targets record the order they ran in.</summary>
internal abstract class RecordingBuild : NukeBuild
{
    public List<string> Ran { get; } = [];

    protected Action Record(string name) => () => Ran.Add(name);
}

/// <summary>
/// Restore ← Compile ← Test ← Default; Pack after Test; Publish triggered by Pack; Clean before Restore;
/// Docs dependent-for Pack; Lint only needed by Audit.
/// </summary>
internal sealed class PipelineBuild : RecordingBuild
{
    public Target Clean => _ => _.Before(Restore).Executes(Record(nameof(Clean)));
    public Target Restore => _ => _.Executes(Record(nameof(Restore)));
    public Target Compile => _ => _.DependsOn(Restore).Executes(Record(nameof(Compile)));
    public Target Test => _ => _.DependsOn(Compile).Executes(Record(nameof(Test)));
    public Target Lint => _ => _.Executes(Record(nameof(Lint)));
    public Target Audit => _ => _.DependsOn(Compile, Lint).Executes(Record(nameof(Audit)));
    public Target Default => _ => _.DependsOn(Test).Executes(Record(nameof(Default)));
    public Target Docs => _ => _.DependentFor(Pack).Executes(Record(nameof(Docs)));
    public Target Pack => _ => _.After(Test).Triggers(Publish).Executes(Record(nameof(Pack)));
    public Target Publish => _ => _.Executes(Record(nameof(Publish)));
    public Target ImageBuild => _ => _.TriggeredBy(Publish).Executes(Record(nameof(ImageBuild)));
}

internal sealed class CycleBuild : NukeBuild
{
    public Target Default => _ => _.DependsOn(A);
    public Target A => _ => _.DependsOn(B);
    public Target B => _ => _.After(C);
    public Target C => _ => _.DependsOn(A);
}

internal sealed class SelfDependentBuild : NukeBuild
{
    public Target Default => _ => _.DependsOn(Default);
}

internal enum DeployEnvironment
{
    Development,
    Staging,
    Production,
}

internal sealed class Verbosity : Enumeration
{
    public static readonly Verbosity Quiet = new() { Value = nameof(Quiet) };
    public static readonly Verbosity Normal = new() { Value = nameof(Normal) };
}

/// <summary>Parameters of every kind, and targets that require them.</summary>
internal sealed class ParameterBuild : RecordingBuild
{
    [Parameter("Image tag to deploy")] public readonly string? ImageTag;
    [Parameter("Target environment")] public readonly DeployEnvironment Env = DeployEnvironment.Development;
    [Parameter("Log verbosity")] public readonly Verbosity Verbosity = Verbosity.Normal;
    [Parameter("Replica count")] public readonly int Replicas = 2;
    [Parameter("Dry run")] public readonly bool DryRun;
    [Parameter("Symbols")] public readonly string[] Symbols = ["BTC-USD"];
    [Parameter("Registry password"), Secret] public readonly string? RegistryPassword;
    [Parameter("Run for")] public readonly TimeSpan? RunFor;

    public Target Default => _ => _.Executes(Record(nameof(Default)));
    public Target Prepare => _ => _.Executes(Record(nameof(Prepare)));
    public Target Deploy => _ => _.DependsOn(Prepare).Requires(() => ImageTag).Executes(Record(nameof(Deploy)));
    public Target Smoke => _ => _.Requires(() => Replicas > 2).Executes(Record(nameof(Smoke)));
    public Target All => _ => _.DependsOn(Deploy, Smoke);
    public Target PrintSecret => _ => _.Executes(() => Log.Information($"password is {RegistryPassword}"));
    public Target FailWithSecret => _ => _.Executes(() => throw new InvalidOperationException($"login failed for {RegistryPassword}"));
    public Target ToolWithSecret => _ => _.Executes(() =>
        ProcessTasks.Run(
            "bash",
            ["-c", "echo \"using $TOOL_PASSWORD\"; echo \"denied: $TOOL_PASSWORD\" >&2; exit 3"],
            environment: new Dictionary<string, string> { ["TOOL_PASSWORD"] = RegistryPassword! }));
}
