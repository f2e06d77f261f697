using System.Globalization;
using System.Text;
using AlphaPulse.Build.Delivery;
using AlphaPulse.Build.Engine;
using k8s;
using k8s.Models;

namespace AlphaPulse.Build.Kubernetes;

/// <summary>
/// Backup and restore of a Kubernetes environment's namespace. Backup writes every object of every kind
/// in <see cref="ResourceKinds"/> (not only what <c>kubectl get all</c> shows: config maps, PVCs, network
/// policies, RBAC, PDBs, HPAs) as YAML under <c>objects/&lt;Kind&gt;/&lt;name&gt;.yaml</c>, without what the
/// cluster owns (status, uid, resourceVersion, managed fields, cluster IPs, the revision annotation);
/// Secrets by name and type only under <c>secrets.yaml</c> — never a value; and each ready cell's rings,
/// copied by an exec'd <c>tar</c> in its WebSocket server container, under <c>shm/&lt;pod&gt;.tar</c>. The
/// rings are copied live (a pod cannot be frozen as <c>docker pause</c> freezes a local container), so a
/// slot written during the copy may be inconsistent in it: the copy is for inspection. The exec goes
/// through the client's exec API (tested against the API model's exec with a real tar; no kubelet runs
/// here); a failed copy is a warning and leaves no partial archive, not a failed backup. Restore verifies the archive, refuses another
/// environment's, applies the objects server-side and waits for the Deployments; rings are not put back
/// (a restarted collector rebuilds them from the exchanges' snapshots in seconds).
/// </summary>
public sealed class ClusterBackup(IKubernetes client, ManifestSet manifests)
{
    public const string ObjectsFolder = "objects";
    public const string SecretsFile = "secrets.yaml";
    private const string RingsPath = "/dev/shm/alphapulse";
    private const string RingReader = "websocket-server";
    private static readonly TimeSpan RingCopyTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Cluster-owned names every namespace gets: not ours to back up or restore.</summary>
    private static readonly HashSet<string> ClusterOwned = new(StringComparer.Ordinal) { "ConfigMap/kube-root-ca.crt", "ServiceAccount/default" };

    private string Namespace => manifests.Namespace ?? throw new InvalidOperationException($"deploy/k8s/{manifests.Environment} must set a namespace");

    /// <summary>Writes the backup into <paramref name="staging"/>; returns how many objects, secret names and ring copies it holds.</summary>
    public async Task<(int Objects, int Secrets, int Rings)> WriteAsync(string staging, CancellationToken cancellationToken = default)
    {
        var objects = 0;
        var ns = await client.CoreV1.ReadNamespaceAsync(Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        (ns.ApiVersion, ns.Kind) = ("v1", "Namespace");
        Write(staging, ns);
        foreach (var kind in ResourceKinds.All.Where(kind => kind.List is not null))
        {
            foreach (var item in await ListOrWarnAsync(kind.Kind, () => kind.List!(client, Namespace, cancellationToken)).ConfigureAwait(false))
            {
                (item.ApiVersion, item.Kind) = (kind.ApiVersion, kind.Kind);
                if (!ClusterOwned.Contains($"{kind.Kind}/{item.Metadata.Name}"))
                {
                    Write(staging, item);
                    objects++;
                }
            }
        }
        var secrets = (await ListOrWarnAsync<V1Secret>("Secret", async () => (await client.CoreV1.ListNamespacedSecretAsync(Namespace, cancellationToken: cancellationToken).ConfigureAwait(false)).Items).ConfigureAwait(false)).ToList();
        // Names and types only: the values stay in the cluster (and in whatever manages them).
        var names = new StringBuilder("# Secrets of the namespace: names and types only, never values (restore them from their source).\n");
        foreach (var secret in secrets.OrderBy(secret => secret.Metadata.Name, StringComparer.Ordinal))
        {
            names.Append(CultureInfo.InvariantCulture, $"- name: {secret.Metadata.Name}\n  type: {secret.Type}\n");
        }
        await File.WriteAllTextAsync(Path.Combine(staging, SecretsFile), names.ToString(), cancellationToken).ConfigureAwait(false);
        var rings = await CopyRingsAsync(staging, cancellationToken).ConfigureAwait(false);
        Log.Information($"Backed up namespace {Namespace}: {objects + 1} objects, {secrets.Count} secret names, rings of {rings} cells");
        return (objects + 1, secrets.Count, rings);
    }

    /// <summary>Applies the objects of a verified, unpacked backup and waits for its Deployments.</summary>
    public async Task<int> RestoreAsync(string unpacked, BackupManifest manifest, TimeSpan rolloutTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (manifest.Environment != manifests.Environment)
        {
            throw new BuildException($"a backup is restored into the environment it was taken from: this one is of {manifest.Environment}, not {manifests.Environment} (pass --env {manifest.Environment}, or choose a backup of {manifests.Environment})");
        }
        var items = manifest.Files.Where(file => file.Path.StartsWith(ObjectsFolder + "/", StringComparison.Ordinal))
            .Select(file => (IKubernetesObject<V1ObjectMeta>)KubernetesYaml.LoadAllFromString(File.ReadAllText(Path.Combine(unpacked, file.Path)), strict: true).Single())
            .OrderBy(item => ResourceKinds.Order(item.Kind)).ToList();
        foreach (var item in items)
        {
            await ResourceKinds.ApplyAsync(client, item, cancellationToken).ConfigureAwait(false);
            Log.Information($"  restored {item.Kind.ToLowerInvariant()}/{item.Metadata.Name}");
        }
        foreach (var deployment in items.OfType<V1Deployment>())
        {
            Log.Information($"Waiting up to {rolloutTimeout.TotalSeconds:F0} s for deployment/{deployment.Metadata.Name} to roll out");
            var state = await RolloutWatcher.WaitAsync(client, Namespace, deployment.Metadata.Name, rolloutTimeout, message => Log.Information($"  {message}"), cancellationToken).ConfigureAwait(false);
            if (state.Phase != RolloutPhase.Complete)
            {
                throw new BuildException($"the restored deployment must roll out: {state.Message}");
            }
        }
        return items.Count;
    }

    /// <summary>
    /// Lists a kind; a kind the user may not list (403) is left out with a warning rather than failing the
    /// backup: the deployer Role reads no Secrets on purpose (deploy/k8s/base/rbac.yaml).
    /// </summary>
    private async Task<IEnumerable<T>> ListOrWarnAsync<T>(string kind, Func<Task<IEnumerable<T>>> list)
    {
        try
        {
            return await list().ConfigureAwait(false);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Forbidden)
        {
            Log.Warning($"{kind} objects of namespace {Namespace} are not in the backup: the user may not list them (403; grant list on them to back them up)");
            return [];
        }
    }

    private static void Write(string staging, IKubernetesObject<V1ObjectMeta> item)
    {
        var metadata = item.Metadata;
        (metadata.ResourceVersion, metadata.Uid, metadata.CreationTimestamp, metadata.Generation, metadata.ManagedFields, metadata.OwnerReferences) = (null, null, null, null, null, null);
        metadata.Annotations?.Remove(RolloutUndo.RevisionAnnotation);
        metadata.Annotations?.Remove("kubectl.kubernetes.io/last-applied-configuration");
        switch (item)
        {
            case V1Deployment deployment: deployment.Status = null; break;
            case V1Service service: (service.Spec.ClusterIP, service.Spec.ClusterIPs, service.Status) = (null, null, null); break;
            case V1HorizontalPodAutoscaler hpa: hpa.Status = null; break;
            case V1PodDisruptionBudget pdb: pdb.Status = null; break;
            case V1PersistentVolumeClaim pvc: pvc.Status = null; break;
            case V1Namespace ns: ns.Status = null; break;
        }
        var folder = Directory.CreateDirectory(Path.Combine(staging, ObjectsFolder, item.Kind)).FullName;
        File.WriteAllText(Path.Combine(folder, metadata.Name + ".yaml"), KubernetesYaml.Serialize(item));
    }

    private async Task<int> CopyRingsAsync(string staging, CancellationToken cancellationToken)
    {
        var copied = 0;
        foreach (var deployment in manifests.OfType<V1Deployment>())
        {
            var selector = string.Join(",", deployment.Spec.Selector.MatchLabels.Select(label => $"{label.Key}={label.Value}"));
            var pods = (await client.CoreV1.ListNamespacedPodAsync(Namespace, labelSelector: selector, cancellationToken: cancellationToken).ConfigureAwait(false)).Items.Where(ClusterValidator.IsReady);
            foreach (var pod in pods)
            {
                var target = Path.Combine(Directory.CreateDirectory(Path.Combine(staging, BackupArchive.SharedMemoryFolder)).FullName, pod.Metadata.Name + ".tar");
                Log.Information($"Copying the rings of pod {pod.Metadata.Name} (tar in {RingReader}, up to {RingCopyTimeout.TotalSeconds:F0} s)");
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                deadline.CancelAfter(RingCopyTimeout);
                try
                {
                    int exit;
                    await using (var output = File.Create(target))
                    {
                        exit = await client.NamespacedPodExecAsync(pod.Metadata.Name, Namespace, RingReader, ["tar", "-C", RingsPath, "-cf", "-", "."], false,
                            async (_, stdout, _) => await stdout.CopyToAsync(output, deadline.Token).ConfigureAwait(false), deadline.Token).ConfigureAwait(false);
                    }
                    if (exit == 0)
                    {
                        copied++;
                    }
                    else
                    {
                        // A tar that failed half-way wrote a truncated archive: none beats a broken one.
                        File.Delete(target);
                        Log.Warning($"the rings of pod {pod.Metadata.Name} were not copied: tar in {RingReader} exited with {exit}; the backup holds its objects without them");
                    }
                }
                catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or HttpRequestException or k8s.Autorest.HttpOperationException or IOException
                    || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    File.Delete(target);
                    Log.Warning($"the rings of pod {pod.Metadata.Name} were not copied: exec of tar in {RingReader} failed ({e.Message}); the backup holds its objects without them");
                }
            }
        }
        return copied;
    }
}
