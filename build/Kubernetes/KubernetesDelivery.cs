using System.Diagnostics;
using AlphaPulse.Build.Delivery;
using AlphaPulse.Build.Engine;
using k8s;
using k8s.Models;

namespace AlphaPulse.Build.Kubernetes;

/// <summary>What a Deploy or Rollback did, for the summary.</summary>
public sealed record DeliveryOutcome(IReadOnlyDictionary<string, long> Revisions, IReadOnlyList<Check> Checks, TimeSpan Duration);

/// <summary>
/// Deploy, Rollback and Smoke for a Kubernetes environment through KubernetesClient: server-side apply of
/// the rendered manifests, every Deployment's rollout followed by <see cref="RolloutWatcher"/>, then
/// <see cref="ClusterValidator"/>; a rollout that fails or a validation that fails undoes every
/// Deployment this run changed back to the revision it had before (<see cref="RolloutUndo"/>), waits for
/// that, and fails. Every wait says what it waits for and for how long. One instance per target run.
/// </summary>
public sealed class KubernetesDelivery(IKubernetes client, ManifestSet manifests, ValidationThresholds thresholds)
{
    /// <summary>Time after a Deployment's own progress deadline before the wait gives up (the controller needs a moment to say so).</summary>
    public static readonly TimeSpan DeadlineMargin = TimeSpan.FromSeconds(30);

    private string Namespace => manifests.Namespace ?? throw new InvalidOperationException($"an environment's overlay must set a namespace: deploy/k8s/{manifests.Environment}/kustomization.yaml has none (add namespace:)");

    private IReadOnlyList<V1Deployment> Deployments => manifests.OfType<V1Deployment>().ToList();

    /// <summary>The latency window of the validation (shorter in tests, whose metrics are made up).</summary>
    public TimeSpan LatencyWindow { get; init; } = DeploymentValidator.LatencyWindow;

    public async Task<DeliveryOutcome> DeployAsync(CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var before = await RevisionsAsync(cancellationToken).ConfigureAwait(false);
        await KeepAutoscaledReplicasAsync(cancellationToken).ConfigureAwait(false);
        var ordered = manifests.Objects.OrderBy(item => ResourceKinds.Order(item.Kind)).ToList();
        Log.Information($"Applying {ordered.Count} objects to namespace {Namespace} (server-side, field manager {ResourceKinds.FieldManager}, force)");
        foreach (var item in ordered)
        {
            await ResourceKinds.ApplyAsync(client, item, cancellationToken).ConfigureAwait(false);
            Log.Information($"  applied {item.Kind.ToLowerInvariant()}/{item.Metadata.Name}");
        }
        var failure = await WaitAllAsync(cancellationToken).ConfigureAwait(false);
        var checks = failure is null ? await ValidateAsync(cancellationToken).ConfigureAwait(false) : [];
        failure ??= checks.Where(check => !check.Passed).Select(check => check.ToString()).ToList() is { Count: > 0 } failed ? "validation failed: " + string.Join("; ", failed) : null;
        if (failure is not null)
        {
            var rolledBack = await UndoChangedAsync(before, cancellationToken).ConfigureAwait(false);
            throw new BuildException($"deploy to {manifests.Environment} failed and was rolled back ({rolledBack}): {failure}");
        }
        return new DeliveryOutcome(await RevisionsAsync(cancellationToken).ConfigureAwait(false), checks, stopwatch.Elapsed);
    }

    /// <summary><c>kubectl rollout undo [--to-revision]</c> of every Deployment, then wait and validate as Deploy does.</summary>
    public async Task<DeliveryOutcome> RollbackAsync(long toRevision, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        foreach (var deployment in Deployments)
        {
            await UndoAsync(deployment.Metadata.Name, toRevision, cancellationToken).ConfigureAwait(false);
        }
        if (await WaitAllAsync(cancellationToken).ConfigureAwait(false) is { } failure)
        {
            throw new BuildException($"rollback of {manifests.Environment} did not finish: {failure}");
        }
        var checks = await ValidateAsync(cancellationToken).ConfigureAwait(false);
        if (checks.Where(check => !check.Passed).ToList() is { Count: > 0 } failed)
        {
            throw new BuildException($"rollback of {manifests.Environment} finished but validation failed: {string.Join("; ", failed)}");
        }
        return new DeliveryOutcome(await RevisionsAsync(cancellationToken).ConfigureAwait(false), checks, stopwatch.Elapsed);
    }

    /// <summary>The Service and port WebSocket clients use: the port named <c>websocket</c>.</summary>
    private (string Service, string Port) WebSocketService =>
        manifests.OfType<V1Service>().SelectMany(service => service.Spec.Ports.Where(port => port.Name == "websocket").Select(port => (service.Metadata.Name, port.Name))).FirstOrDefault() is { Item1: not null } found
            ? found
            : throw new InvalidOperationException($"Smoke needs a Service port named websocket in the {manifests.Environment} manifests (deploy/k8s/base/service.yaml)");

    /// <summary>The exchanges the workloads collect: every container's <c>EXCHANGE</c>.</summary>
    private IReadOnlyList<string> Exchanges =>
        [.. Deployments.SelectMany(deployment => deployment.Spec.Template.Spec.Containers).SelectMany(container => container.Env ?? []).Where(variable => variable.Name == "EXCHANGE").Select(variable => variable.Value).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>
    /// Smoke: the validation checks, then a real WebSocket client, through the API server's proxy with the
    /// credentials of <paramref name="configuration"/> (<see cref="ClusterWebSocket"/>), must receive a snapshot
    /// and updates of every exchange and see no unrecovered gap. The cluster runs live feeds, so there is no
    /// truth to compare books with here; that check runs locally.
    /// </summary>
    public async Task<IReadOnlyList<Check>> SmokeAsync(KubernetesClientConfiguration configuration, CancellationToken cancellationToken = default)
    {
        var checks = new List<Check>(await ValidateAsync(cancellationToken).ConfigureAwait(false));
        var (service, port) = WebSocketService;
        await using var watcher = new MarketDataWatcher(await ClusterWebSocket.EndpointAsync(configuration, Namespace, service, port, "/ws", cancellationToken).ConfigureAwait(false));
        var books = await WebSocketBooksCheck.RunAsync(watcher, Exchanges, $"service/{service}:{port} through the API server's proxy").ConfigureAwait(false);
        IReadOnlyList<Check> clientChecks = [.. books, WebSocketBooksCheck.GapsCheck(watcher)];
        foreach (var check in clientChecks)
        {
            Log.Information($"  {check}");
        }
        checks.AddRange(clientChecks);
        return checks;
    }

    /// <summary>The validation checks on what runs now.</summary>
    public async Task<IReadOnlyList<Check>> ValidateAsync(CancellationToken cancellationToken = default)
    {
        Log.Information($"Validating namespace {Namespace}: pods ready, /health through the API server's proxy, latency over {LatencyWindow.TotalSeconds:F0} s, data age");
        var live = new List<V1Deployment>();
        foreach (var deployment in Deployments)
        {
            live.Add(await client.AppsV1.ReadNamespacedDeploymentAsync(deployment.Metadata.Name, Namespace, cancellationToken: cancellationToken).ConfigureAwait(false));
        }
        var checks = await new ClusterValidator(client, Namespace, thresholds) { LatencyWindow = LatencyWindow }
            .ValidateAsync(live, manifests.OfType<V1Service>().ToList(), cancellationToken).ConfigureAwait(false);
        foreach (var check in checks)
        {
            Log.Information($"  {check}");
        }
        return checks;
    }

    /// <summary>
    /// A Deployment an HPA scales keeps its live replica count: the forced apply would otherwise take
    /// <c>spec.replicas</c> back to the manifest's on every deploy (Kubernetes' HPA docs, "migrating
    /// Deployments to horizontal autoscaling"). A new Deployment starts from the manifest's count.
    /// </summary>
    private async Task KeepAutoscaledReplicasAsync(CancellationToken cancellationToken)
    {
        var scaled = manifests.OfType<V2HorizontalPodAutoscaler>().Where(hpa => hpa.Spec.ScaleTargetRef.Kind == "Deployment").Select(hpa => hpa.Spec.ScaleTargetRef.Name).ToHashSet(StringComparer.Ordinal);
        var live = (await client.AppsV1.ListNamespacedDeploymentAsync(Namespace, cancellationToken: cancellationToken).ConfigureAwait(false)).Items;
        foreach (var deployment in Deployments.Where(deployment => scaled.Contains(deployment.Metadata.Name)))
        {
            if (live.FirstOrDefault(item => item.Metadata.Name == deployment.Metadata.Name)?.Spec.Replicas is { } replicas && replicas != deployment.Spec.Replicas)
            {
                Log.Information($"deployment/{deployment.Metadata.Name} keeps the {replicas} replicas its autoscaler set (the manifest says {deployment.Spec.Replicas})");
                deployment.Spec.Replicas = replicas;
            }
        }
    }

    private async Task<string?> WaitAllAsync(CancellationToken cancellationToken)
    {
        foreach (var deployment in Deployments)
        {
            var timeout = TimeSpan.FromSeconds(deployment.Spec.ProgressDeadlineSeconds ?? 600) + DeadlineMargin;
            var name = deployment.Metadata.Name;
            Log.Information($"Waiting up to {timeout.TotalSeconds:F0} s for deployment/{name} to roll out (its progress deadline plus {DeadlineMargin.TotalSeconds:F0} s)");
            var stopwatch = Stopwatch.StartNew();
            var state = await RolloutWatcher.WaitAsync(client, Namespace, name, timeout, message => Log.Information($"  {message} ({stopwatch.Elapsed.TotalSeconds:F0} s)"), cancellationToken).ConfigureAwait(false);
            if (state.Phase != RolloutPhase.Complete)
            {
                return state.Message;
            }
        }
        return null;
    }

    private async Task<string> UndoChangedAsync(IReadOnlyDictionary<string, long> before, CancellationToken cancellationToken)
    {
        var after = await RevisionsAsync(cancellationToken).ConfigureAwait(false);
        var undone = new List<string>();
        foreach (var (name, revision) in after)
        {
            if (before.TryGetValue(name, out var previous) && previous > 0 && previous != revision)
            {
                Log.Information($"Rolling deployment/{name} back from revision {revision} to {previous}");
                await UndoAsync(name, previous, cancellationToken).ConfigureAwait(false);
                undone.Add($"deployment/{name} to revision {previous}");
            }
        }
        if (undone.Count == 0)
        {
            return "nothing rolled back: no deployment moved from an earlier revision in this run (a first deploy, or an unchanged template)";
        }
        return await WaitAllAsync(cancellationToken).ConfigureAwait(false) is { } failure
            ? $"{string.Join(", ", undone)}, whose own rollout did not finish: {failure}"
            : string.Join(", ", undone);
    }

    private async Task UndoAsync(string name, long toRevision, CancellationToken cancellationToken)
    {
        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(name, Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        var selector = string.Join(",", deployment.Spec.Selector.MatchLabels.Select(label => $"{label.Key}={label.Value}"));
        var replicaSets = (await client.AppsV1.ListNamespacedReplicaSetAsync(Namespace, labelSelector: selector, cancellationToken: cancellationToken).ConfigureAwait(false)).Items
            .Where(rs => rs.Metadata.OwnerReferences?.Any(owner => owner.Uid == deployment.Metadata.Uid) ?? false).ToList();
        UndoPlan plan;
        try
        {
            plan = RolloutUndo.Plan(deployment, replicaSets, toRevision);
        }
        catch (InvalidOperationException e)
        {
            throw new BuildException(e.Message, e);
        }
        Log.Information($"  {plan.Message}");
        if (plan.Changes)
        {
            // kubectl's own patch: replace the template only, so the Deployment's annotations stay as they are.
            var patch = KubernetesJson.Serialize(new[] { new { op = "replace", path = "/spec/template", value = plan.Template } });
            await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch, V1Patch.PatchType.JsonPatch), name, Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyDictionary<string, long>> RevisionsAsync(CancellationToken cancellationToken)
    {
        var revisions = new Dictionary<string, long>(StringComparer.Ordinal);
        var live = (await client.AppsV1.ListNamespacedDeploymentAsync(Namespace, cancellationToken: cancellationToken).ConfigureAwait(false)).Items;
        foreach (var deployment in Deployments)
        {
            var current = live.FirstOrDefault(item => item.Metadata.Name == deployment.Metadata.Name);
            revisions[deployment.Metadata.Name] = current?.Metadata.Annotations?.TryGetValue(RolloutUndo.RevisionAnnotation, out var text) == true && long.TryParse(text, out var revision) ? revision : 0;
        }
        return revisions;
    }
}
