using AlphaPulse.Build.Kubernetes;
using k8s.Models;

namespace AlphaPulse.Build.Tests.Kubernetes;

/// <summary>kubectl rollout status's rules, state by state.</summary>
public sealed class RolloutStatusTests
{
    private static V1Deployment Deployment(long generation, long observed, int desired, int replicas, int updated, int available, string? progressingReason = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "alphapulse-cell", Generation = generation },
        Spec = new V1DeploymentSpec { Replicas = desired },
        Status = new V1DeploymentStatus
        {
            ObservedGeneration = observed,
            Replicas = replicas,
            UpdatedReplicas = updated,
            AvailableReplicas = available,
            Conditions = progressingReason is null ? null : [new V1DeploymentCondition { Type = "Progressing", Status = "False", Reason = progressingReason }],
        },
    };

    [Fact]
    public void ShouldWaitUntilTheControllerHasObservedTheNewGeneration() =>
        Assert.Equal(new RolloutState(RolloutPhase.Waiting, "Waiting for deployment spec update to be observed..."),
            RolloutStatus.Of(Deployment(generation: 3, observed: 2, desired: 2, replicas: 2, updated: 2, available: 2)));

    [Fact]
    public void ShouldFailWhenTheProgressDeadlineIsExceeded() =>
        Assert.Equal(new RolloutState(RolloutPhase.Failed, "deployment \"alphapulse-cell\" exceeded its progress deadline"),
            RolloutStatus.Of(Deployment(3, 3, 2, 2, 1, 1, "ProgressDeadlineExceeded")));

    [Theory]
    [InlineData(2, 1, 1, "Waiting for deployment \"alphapulse-cell\" rollout to finish: 1 out of 2 new replicas have been updated...")]
    [InlineData(3, 2, 2, "Waiting for deployment \"alphapulse-cell\" rollout to finish: 1 old replicas are pending termination...")]
    [InlineData(2, 2, 1, "Waiting for deployment \"alphapulse-cell\" rollout to finish: 1 of 2 updated replicas are available...")]
    public void ShouldWaitWithKubectlsMessageForEachUnfinishedState(int replicas, int updated, int available, string message) =>
        Assert.Equal(new RolloutState(RolloutPhase.Waiting, message), RolloutStatus.Of(Deployment(3, 3, 2, replicas, updated, available, "NewReplicaSetAvailable")));

    [Fact]
    public void ShouldCompleteWhenEveryReplicaIsUpdatedAndAvailableAndNoOldOneRemains() =>
        Assert.Equal(RolloutPhase.Complete, RolloutStatus.Of(Deployment(3, 3, 2, 2, 2, 2, "NewReplicaSetAvailable")).Phase);
}
