namespace AlphaPulse.Build.Workflows;

/// <summary>
/// A GitHub Actions workflow described by the build; <see cref="WorkflowYaml"/> renders it. Written to
/// <c>.github/workflows/&lt;Name&gt;.yml</c>.
/// </summary>
public sealed record Workflow(string Name, WorkflowTriggers On, IReadOnlyList<WorkflowJob> Jobs)
{
    public string FileName => $"{Name}.yml";

    /// <summary>Environment variables for every job.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>Runs of this workflow sharing a group queue behind each other rather than overlap (deployments).</summary>
    public string? ConcurrencyGroup { get; init; }

    /// <summary>The GITHUB_TOKEN's permissions; read-only unless a workflow needs more.</summary>
    public IReadOnlyDictionary<string, string> Permissions { get; init; } = new Dictionary<string, string> { ["contents"] = "read" };
}

/// <summary>What starts a workflow. A null list means "not triggered that way"; an empty branch list means every branch.</summary>
public sealed record WorkflowTriggers(
    IReadOnlyList<string>? PushBranches = null,
    IReadOnlyList<string>? PullRequestBranches = null,
    IReadOnlyList<DispatchInput>? Dispatch = null);

/// <summary>
/// An input of a manual (<c>workflow_dispatch</c>) run, read as <c>${{ inputs.NAME }}</c>. With
/// <paramref name="Options"/> it is a choice, otherwise free text.
/// </summary>
public sealed record DispatchInput(string Name, string Description, bool Required, IReadOnlyList<string>? Options = null, string? Default = null);

/// <summary>One job: steps run in order on a fresh runner.</summary>
public sealed record WorkflowJob(string Id, string Name, IReadOnlyList<WorkflowStep> Steps)
{
    public string RunsOn { get; init; } = "ubuntu-latest";

    public IReadOnlyList<string> Needs { get; init; } = [];

    /// <summary>A GitHub expression without the <c>${{ }}</c> wrapper, e.g. <c>github.ref == 'refs/heads/main'</c>.</summary>
    public string? If { get; init; }

    /// <summary>The GitHub deployment environment, whose protection rules and secrets apply to the job.</summary>
    public string? Environment { get; init; }

    /// <summary>Environment variables of the job; secrets go here as <c>${{ secrets.NAME }}</c>.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    public int TimeoutMinutes { get; init; } = 30;
}

/// <summary>A step of a job.</summary>
public abstract record WorkflowStep(string Name)
{
    /// <summary>A GitHub expression without the wrapper; e.g. <c>always()</c> to upload results of a failed run.</summary>
    public string? If { get; init; }
}

/// <summary><c>actions/checkout</c>.</summary>
public sealed record CheckoutStep() : WorkflowStep("Check out");

/// <summary><c>actions/cache</c> over <paramref name="Paths"/>, keyed on the hash of <paramref name="KeyFiles"/>.</summary>
public sealed record CacheStep(string Name, IReadOnlyList<string> Paths, string KeyPrefix, IReadOnlyList<string> KeyFiles) : WorkflowStep(Name)
{
    public string Key => $"${{{{ runner.os }}}}-{KeyPrefix}-${{{{ hashFiles({string.Join(", ", KeyFiles.Select(file => $"'{file}'"))}) }}}}";

    public string RestoreKey => $"${{{{ runner.os }}}}-{KeyPrefix}-";
}

/// <summary>
/// <c>./build.sh &lt;Targets&gt; [--param value]</c>. A parameter with a null value is a switch (<c>--quick</c>).
/// Values are shell words as written: refer to workflow data through <see cref="Env"/> variables
/// (<c>"$REVISION"</c>) rather than pasting <c>${{ inputs.x }}</c> into the script, which would let an input
/// inject shell commands. Build one with <see cref="BuildCommand"/>, which names targets and parameters
/// through the build's own members.
/// </summary>
public sealed record BuildStep(string Name, IReadOnlyList<string> Targets, IReadOnlyList<KeyValuePair<string, string?>> Parameters) : WorkflowStep(Name)
{
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Run a failed command once more, both runs' output kept: for benchmark gates on shared runners,
    /// where one noisy neighbour can fail a tail gate that a regression would fail twice.
    /// </summary>
    public bool RetryOnce { get; init; }

    /// <summary>
    /// On GitHub's runners, run the command as root (<c>sudo</c>, the environment kept) for a target that changes file
    /// ownership; <c>.ci/run</c> runs as root already, so <see cref="Script"/> stays the plain command.
    /// </summary>
    public bool AsRoot { get; init; }

    public string Command => string.Join(' ', Targets.Prepend("./build.sh").Concat(Parameters.SelectMany(
        parameter => parameter.Value is null ? [parameter.Key] : (string[])[parameter.Key, parameter.Value])));

    /// <summary>The shell line a runner executes: <see cref="Command"/>, with the retry when asked for.</summary>
    public string Script => RetryOnce
        ? $"{Command} || {{ echo 'failed once; running it again to tell noise from a regression'; {Command}; }}"
        : Command;
}

/// <summary>A published action other than the ones above, e.g. <c>helm/kind-action@v1</c>, with its inputs.</summary>
public sealed record ActionStep(string Name, string Uses, IReadOnlyDictionary<string, string> With) : WorkflowStep(Name);

/// <summary>
/// A shell line that is not a build command (<c>kind load docker-image</c>): for tools the build does not
/// drive. Same rule as <see cref="BuildStep"/>: workflow data through environment variables only.
/// </summary>
public sealed record ShellStep(string Name, string Script) : WorkflowStep(Name);

/// <summary><c>actions/upload-artifact</c> of what a target produced.</summary>
public sealed record UploadArtifactStep(string ArtifactName, IReadOnlyList<string> Paths) : WorkflowStep($"Upload {ArtifactName}");
