using AlphaPulse.Build.Kubernetes;
using k8s.Models;

namespace AlphaPulse.Build.Tests.Kubernetes;

/// <summary>The rollout wait through KubernetesClient's real watch, against <see cref="FakeApiServer"/> (a model, not a cluster).</summary>
public sealed class RolloutWatcherTests
{
    private static V1Deployment Rolling() => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = new V1ObjectMeta { Name = "alphapulse-cell", NamespaceProperty = "alphapulse-staging", Generation = 2, ResourceVersion = "1" },
        Spec = new V1DeploymentSpec { Replicas = 2, Selector = new V1LabelSelector(), Template = new V1PodTemplateSpec() },
        Status = new V1DeploymentStatus { ObservedGeneration = 1, Replicas = 2, UpdatedReplicas = 0, AvailableReplicas = 2 },
    };

    private static void Observed(V1Deployment d, int updated, int available, int replicas = 2)
    {
        d.Status.ObservedGeneration = d.Metadata.Generation;
        d.Status.UpdatedReplicas = updated;
        d.Status.AvailableReplicas = available;
        d.Status.Replicas = replicas;
    }

    [Fact]
    public async Task ShouldFollowTheRolloutThroughTheWatchUntilEveryReplicaIsUpdatedAndAvailable()
    {
        await using var api = await FakeApiServer.StartAsync(Rolling());
        var seen = new List<string>();
        api.Update(d => Observed(d, updated: 1, available: 1, replicas: 3));
        api.Update(d => Observed(d, updated: 2, available: 1));

        var waiting = RolloutWatcher.WaitAsync(api.Client, "alphapulse-staging", "alphapulse-cell", TimeSpan.FromSeconds(30), seen.Add);
        await WaitForAsync(() => api.Watches == 1);
        api.Update(d => Observed(d, updated: 2, available: 2));
        var state = await waiting;

        Assert.Equal(RolloutPhase.Complete, state.Phase);
        Assert.Equal(
            ["Waiting for deployment \"alphapulse-cell\" rollout to finish: 1 of 2 updated replicas are available...", "deployment \"alphapulse-cell\" successfully rolled out"],
            seen);
    }

    [Fact]
    public async Task ShouldFailWhenTheProgressDeadlineIsExceeded()
    {
        await using var api = await FakeApiServer.StartAsync(Rolling());
        var waiting = RolloutWatcher.WaitAsync(api.Client, "alphapulse-staging", "alphapulse-cell", TimeSpan.FromSeconds(30), _ => { });

        api.Update(d =>
        {
            Observed(d, updated: 1, available: 1, replicas: 3);
            d.Status.Conditions = [new V1DeploymentCondition { Type = "Progressing", Status = "False", Reason = "ProgressDeadlineExceeded" }];
        });

        Assert.Equal(new RolloutState(RolloutPhase.Failed, "deployment \"alphapulse-cell\" exceeded its progress deadline"), await waiting);
    }

    [Fact]
    public async Task ShouldListAgainWhenTheWatchExpiresAndCarryOn()
    {
        await using var api = await FakeApiServer.StartAsync(Rolling());
        var seen = new List<string>();
        var waiting = RolloutWatcher.WaitAsync(api.Client, "alphapulse-staging", "alphapulse-cell", TimeSpan.FromSeconds(30), seen.Add);
        await WaitForAsync(() => api.Watches == 1);

        api.ExpireWatches();
        await WaitForAsync(() => api.Lists == 2 && api.Watches == 1);
        api.Update(d => Observed(d, updated: 2, available: 2));

        Assert.Equal(RolloutPhase.Complete, (await waiting).Phase);
        Assert.Contains("watch expired (410 Gone): listing again", seen);
    }

    [Fact]
    public async Task ShouldGiveUpAfterItsTimeoutSayingWhatItLastSaw()
    {
        await using var api = await FakeApiServer.StartAsync(Rolling());
        api.Update(d => Observed(d, updated: 1, available: 1, replicas: 3));

        var state = await RolloutWatcher.WaitAsync(api.Client, "alphapulse-staging", "alphapulse-cell", TimeSpan.FromSeconds(1), _ => { });

        Assert.Equal(RolloutPhase.Failed, state.Phase);
        Assert.Equal("deployment \"alphapulse-cell\" did not finish rolling out within 1 s; last: Waiting for deployment \"alphapulse-cell\" rollout to finish: 1 out of 2 new replicas have been updated...", state.Message);
    }

    [Fact]
    public async Task ShouldRefuseToWatchADeploymentThatDoesNotExist()
    {
        await using var api = await FakeApiServer.StartAsync(Rolling());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RolloutWatcher.WaitAsync(api.Client, "alphapulse-staging", "other", TimeSpan.FromSeconds(5), _ => { }));

        Assert.StartsWith("a rollout can only be watched on an existing deployment: deployment/other", error.Message, StringComparison.Ordinal);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            await Task.Delay(20, guard.Token);
        }
    }
}
