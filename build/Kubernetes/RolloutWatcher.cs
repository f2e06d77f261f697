using k8s;
using k8s.Models;

namespace AlphaPulse.Build.Kubernetes;

/// <summary>
/// Waits for a Deployment's rollout as <c>kubectl rollout status</c> does: list it (learning the
/// resourceVersion), judge it by <see cref="RolloutStatus"/>, then watch from that version and judge every
/// change; when the watch ends or expires (the API server's 410 Gone: the version is too old), list again
/// and carry on. Gives up after <c>timeout</c> with a failed state that says what it last saw. Stateless.
/// </summary>
public static class RolloutWatcher
{
    /// <summary>The rollout's end state: complete, failed (progress deadline exceeded, or <paramref name="timeout"/> passed), never waiting.</summary>
    /// <remarks><paramref name="progress"/> is told each new state's message (what it waits for), once per change.</remarks>
    public static async Task<RolloutState> WaitAsync(IKubernetes client, string @namespace, string name, TimeSpan timeout, Action<string> progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(progress);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var token = deadline.Token;
        var selector = $"metadata.name={name}";
        var last = new RolloutState(RolloutPhase.Waiting, $"Waiting for deployment \"{name}\" to be read...");
        try
        {
            while (true)
            {
                var list = await client.AppsV1.ListNamespacedDeploymentAsync(@namespace, fieldSelector: selector, cancellationToken: token).ConfigureAwait(false);
                var deployment = list.Items.SingleOrDefault()
                    ?? throw new InvalidOperationException($"a rollout can only be watched on an existing deployment: deployment/{name} is not in namespace {@namespace} (apply the manifests first)");
                if (Judge(deployment, ref last, progress))
                {
                    return last;
                }

                var expired = false;
                var events = client.AppsV1.WatchListNamespacedDeploymentAsync(
                    @namespace,
                    fieldSelector: selector,
                    resourceVersion: list.Metadata.ResourceVersion,
                    onError: error => expired |= error is KubernetesException { Status.Code: 410 },
                    cancellationToken: token);
                await foreach (var (type, item) in events.ConfigureAwait(false))
                {
                    if (type == WatchEventType.Deleted)
                    {
                        throw new InvalidOperationException($"a deployment must exist for its whole rollout: deployment/{name} was deleted while waiting (apply it again)");
                    }
                    if (type is WatchEventType.Added or WatchEventType.Modified && Judge(item, ref last, progress))
                    {
                        return last;
                    }
                }
                progress(expired ? "watch expired (410 Gone): listing again" : "watch ended: listing again");
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new RolloutState(RolloutPhase.Failed, $"deployment \"{name}\" did not finish rolling out within {timeout.TotalSeconds:0} s; last: {last.Message}");
        }
    }

    private static bool Judge(V1Deployment deployment, ref RolloutState last, Action<string> progress)
    {
        var state = RolloutStatus.Of(deployment);
        if (state != last)
        {
            progress(state.Message);
            last = state;
        }
        return state.Phase != RolloutPhase.Waiting;
    }
}
