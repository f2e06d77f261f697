using AlphaPulse.Build.Kubernetes;
using k8s.Models;

namespace AlphaPulse.Build.Tests.Kubernetes;

/// <summary>kubectl rollout undo's decision: which ReplicaSet, which template, and when to refuse or do nothing.</summary>
public sealed class RolloutUndoTests
{
    private static V1PodTemplateSpec Template(string image, string? hash = null) => new()
    {
        Metadata = new V1ObjectMeta { Labels = hash is null ? new Dictionary<string, string> { ["app"] = "cell" } : new Dictionary<string, string> { ["app"] = "cell", ["pod-template-hash"] = hash } },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "websocket-server", Image = image }] },
    };

    private static V1ReplicaSet ReplicaSet(long revision, string image) => new()
    {
        Metadata = new V1ObjectMeta { Name = $"cell-{revision}", Annotations = new Dictionary<string, string> { ["deployment.kubernetes.io/revision"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture) } },
        Spec = new V1ReplicaSetSpec { Template = Template(image, hash: $"h{revision}") },
    };

    private static V1Deployment Deployment(string image, bool paused = false) => new()
    {
        Metadata = new V1ObjectMeta { Name = "alphapulse-cell", Annotations = new Dictionary<string, string> { ["alphapulse.io/deployed-by"] = "ci" } },
        Spec = new V1DeploymentSpec { Template = Template(image), Paused = paused },
    };

    private static readonly V1ReplicaSet[] History = [ReplicaSet(1, "ws:a"), ReplicaSet(3, "ws:c"), ReplicaSet(2, "ws:b")];

    [Fact]
    public void ShouldReturnToThePreviousRevisionWithoutThePodTemplateHash()
    {
        var plan = RolloutUndo.Plan(Deployment("ws:c"), History);

        Assert.True(plan.Changes);
        Assert.Equal(2, plan.Revision);
        Assert.Equal("ws:b", plan.Template!.Spec.Containers[0].Image);
        Assert.Equal(new Dictionary<string, string> { ["app"] = "cell" }, plan.Template.Metadata.Labels);
        Assert.Equal("h2", History[2].Spec.Template.Metadata.Labels["pod-template-hash"]);
    }

    [Fact]
    public void ShouldReturnToANamedRevision() =>
        Assert.Equal("ws:a", RolloutUndo.Plan(Deployment("ws:c"), History, toRevision: 1).Template!.Spec.Containers[0].Image);

    [Fact]
    public void ShouldDoNothingWhenTheTemplateAlreadyMatches()
    {
        var plan = RolloutUndo.Plan(Deployment("ws:b"), History, toRevision: 2);

        Assert.False(plan.Changes);
        Assert.Equal("deployment/alphapulse-cell skipped rollback (current template already matches revision 2)", plan.Message);
    }

    [Fact]
    public void ShouldRefuseAPausedDeployment() =>
        Assert.StartsWith("a paused deployment cannot be rolled back: deployment/alphapulse-cell is paused",
            Assert.Throws<InvalidOperationException>(() => RolloutUndo.Plan(Deployment("ws:c", paused: true), History)).Message, StringComparison.Ordinal);

    [Fact]
    public void ShouldRefuseAnUnknownRevisionListingTheKnownOnes() =>
        Assert.Equal("a rollback revision must exist: deployment/alphapulse-cell has no revision 7 (known: 1, 2, 3)",
            Assert.Throws<InvalidOperationException>(() => RolloutUndo.Plan(Deployment("ws:c"), History, toRevision: 7)).Message);

    [Fact]
    public void ShouldRefuseWhenThereIsNoPreviousRevision() =>
        Assert.StartsWith("a rollback needs a previous revision",
            Assert.Throws<InvalidOperationException>(() => RolloutUndo.Plan(Deployment("ws:a"), [ReplicaSet(1, "ws:a")])).Message, StringComparison.Ordinal);
}
