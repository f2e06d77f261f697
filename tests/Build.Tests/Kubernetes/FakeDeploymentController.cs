using System.Globalization;
using System.Text.Json.Nodes;
using AlphaPulse.Build.Kubernetes;
using k8s.Models;

namespace AlphaPulse.Build.Tests.Kubernetes;

/// <summary>
/// The part of the Deployment controller <see cref="FakeApiServer"/> models (a model, not a cluster):
/// when a Deployment's pod template changes, the ReplicaSet with that template becomes the newest
/// revision — a new one (named by a hash of the template, labelled with <c>pod-template-hash</c>) or an
/// old one brought back, as after an undo — and the Deployment is annotated with that revision. The
/// rollout's status is whatever <see cref="Rollout"/> says (the test drives it); pods are made from the
/// status: <c>replicas</c> pods of the current template, the first <c>readyReplicas</c> of them Ready.
/// </summary>
internal sealed class FakeDeploymentController(FakeApiServer server)
{
    /// <summary>The status a Deployment reaches after a change; null leaves it for the test to set. Default: every replica updated and available.</summary>
    public Func<V1Deployment, V1DeploymentStatus?> Rollout { get; set; } = Completed;

    public static V1DeploymentStatus Completed(V1Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var replicas = deployment.Spec.Replicas ?? 1;
        return new V1DeploymentStatus { ObservedGeneration = deployment.Metadata.Generation, Replicas = replicas, UpdatedReplicas = replicas, ReadyReplicas = replicas, AvailableReplicas = replicas };
    }

    /// <summary>A rollout whose new pods never become available: the controller reports ProgressDeadlineExceeded.</summary>
    public static V1DeploymentStatus Stuck(V1Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var replicas = deployment.Spec.Replicas ?? 1;
        return new V1DeploymentStatus
        {
            ObservedGeneration = deployment.Metadata.Generation,
            Replicas = replicas,
            UpdatedReplicas = 1,
            ReadyReplicas = replicas - 1,
            AvailableReplicas = replicas - 1,
            Conditions = [new V1DeploymentCondition { Type = RolloutStatus.ProgressingCondition, Status = "False", Reason = RolloutStatus.ProgressDeadlineExceeded }],
        };
    }

    /// <summary>The ReplicaSets of a namespace, newest revision last.</summary>
    public IReadOnlyList<V1ReplicaSet> ReplicaSets(string @namespace) =>
        [.. server.All<V1ReplicaSet>($"apis/apps/v1/namespaces/{@namespace}/replicasets").OrderBy(RolloutUndo.Revision)];

    /// <summary>Runs after every write to a Deployment (the server holds its lock).</summary>
    public void Reconcile(string collection, string name)
    {
        var deployment = server.Get<JsonObject>(collection, name)!;
        var template = deployment["spec"]!["template"]!.AsObject();
        var uid = (string)deployment["metadata"]!["uid"]!;
        var replicaSets = collection.Replace("/deployments", "/replicasets", StringComparison.Ordinal);
        var owned = server.All<JsonObject>(replicaSets).Where(rs => (string?)rs["metadata"]!["ownerReferences"]?[0]?["uid"] == uid).ToList();
        var newest = owned.Select(Revision).DefaultIfEmpty(0).Max();
        var current = owned.FirstOrDefault(rs => JsonNode.DeepEquals(WithoutHash(rs["spec"]!["template"]!), template));
        if (current is null)
        {
            var hash = ((uint)template.ToJsonString().GetHashCode(StringComparison.Ordinal)).ToString("x8", CultureInfo.InvariantCulture);
            var withHash = template.DeepClone();
            withHash["metadata"]!["labels"]!["pod-template-hash"] = hash;
            current = new JsonObject
            {
                ["apiVersion"] = "apps/v1",
                ["kind"] = "ReplicaSet",
                ["metadata"] = new JsonObject
                {
                    ["name"] = $"{name}-{hash}",
                    ["namespace"] = deployment["metadata"]!["namespace"]?.DeepClone(),
                    ["labels"] = withHash["metadata"]!["labels"]!.DeepClone(),
                    ["annotations"] = new JsonObject(),
                    ["ownerReferences"] = new JsonArray(new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = name, ["uid"] = uid, ["controller"] = true }),
                },
                ["spec"] = new JsonObject { ["replicas"] = deployment["spec"]!["replicas"]?.DeepClone(), ["template"] = withHash },
            };
        }
        var revision = Revision(current) == newest && newest > 0 ? newest : newest + 1;
        current["metadata"]!["annotations"]![RolloutUndo.RevisionAnnotation] = revision.ToString(CultureInfo.InvariantCulture);
        server.Put(replicaSets, (string)current["metadata"]!["name"]!, current, "ADDED");

        deployment["metadata"]!["annotations"] ??= new JsonObject();
        deployment["metadata"]!["annotations"]![RolloutUndo.RevisionAnnotation] = revision.ToString(CultureInfo.InvariantCulture);
        if (Rollout(k8s.KubernetesJson.Deserialize<V1Deployment>(deployment.ToJsonString())) is { } status)
        {
            deployment["status"] = JsonNode.Parse(k8s.KubernetesJson.Serialize(status));
        }
        server.Put(collection, name, deployment, "MODIFIED");
    }

    /// <summary>The pods the namespace's Deployments run now, as the list of pods answers them.</summary>
    public IReadOnlyList<JsonObject> Pods(string @namespace)
    {
        var pods = new List<JsonObject>();
        foreach (var deployment in server.All<V1Deployment>($"apis/apps/v1/namespaces/{@namespace}/deployments"))
        {
            var revision = deployment.Metadata.Annotations?.TryGetValue(RolloutUndo.RevisionAnnotation, out var text) == true ? text : "0";
            var ready = deployment.Status?.ReadyReplicas ?? 0;
            for (var i = 0; i < (deployment.Status?.Replicas ?? 0); i++)
            {
                var pod = new V1Pod
                {
                    Metadata = new V1ObjectMeta { Name = $"{deployment.Metadata.Name}-{revision}-{i}", NamespaceProperty = @namespace, Labels = deployment.Spec.Template.Metadata.Labels },
                    Spec = deployment.Spec.Template.Spec,
                    Status = new V1PodStatus { Conditions = [new V1PodCondition { Type = "Ready", Status = i < ready ? "True" : "False" }] },
                };
                pods.Add(JsonNode.Parse(k8s.KubernetesJson.Serialize(pod))!.AsObject());
            }
        }
        return pods;
    }

    private static long Revision(JsonObject replicaSet) =>
        long.TryParse((string?)replicaSet["metadata"]!["annotations"]?[RolloutUndo.RevisionAnnotation], out var revision) ? revision : 0;

    private static JsonNode WithoutHash(JsonNode template)
    {
        var copy = template.DeepClone();
        copy["metadata"]?["labels"]?.AsObject().Remove("pod-template-hash");
        return copy;
    }
}
