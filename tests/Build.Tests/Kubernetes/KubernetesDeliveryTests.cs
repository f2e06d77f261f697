using AlphaPulse.Build.Engine;
using AlphaPulse.Build.Kubernetes;
using static AlphaPulse.Build.Tests.Kubernetes.ClusterModel;

namespace AlphaPulse.Build.Tests.Kubernetes;

/// <summary>
/// Deploy, Rollback and Smoke for a Kubernetes environment through KubernetesClient's real HTTP calls,
/// against <see cref="FakeApiServer"/>: a model of the API server and the Deployment controller, NOT a
/// cluster (none can run on these machines; the deploy workflow's kind job runs the same targets on one).
/// </summary>
public sealed class KubernetesDeliveryTests
{
    private const string Staging = "alphapulse-staging";

    [Fact]
    public async Task ShouldApplyEveryObjectServerSideWithOneForcedFieldManagerThenRollOutAndValidate()
    {
        await using var api = await FakeApiServer.StartAsync();
        AnswerLikeOurServices(api);

        var outcome = await DeliveryTo(api, "staging", "abc1234").DeployAsync();

        Assert.Equal(16, api.Applies.Count);
        Assert.All(api.Applies, apply => Assert.Equal(("alphapulse-build", true), (apply.FieldManager, apply.Force)));
        Assert.Equal("api/v1/namespaces", api.Applies[0].Collection);
        Assert.Equal(["alphapulse/collector:abc1234", "alphapulse/websocket-server:abc1234", "alphapulse/python-bindings:abc1234"], Images(LiveCell(api, Staging)));
        Assert.Equal(1, outcome.Revisions[Cell]);
        Assert.All(outcome.Checks, check => Assert.True(check.Passed, check.ToString()));
        Assert.Contains(outcome.Checks, check => check.Name == "service/alphapulse-websocket:metrics /health");
        Assert.Contains(outcome.Checks, check => check.Name == $"{Cell}-1-0:metrics-bina /ready");
        Assert.Contains(outcome.Checks, check => check.Name == "service/alphapulse-analytics:metrics-api /health");
        Assert.Contains(outcome.Checks, check => check.Name == $"{Cell}-1-0:metrics-api /ready");
        Assert.Contains(outcome.Checks, check => check.Name == "shared-memory latency" && check.Detail.StartsWith("p99 39.6 µs", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ShouldRollBackByItselfAndFailWhenTheRolloutExceedsItsProgressDeadline()
    {
        await using var api = await FakeApiServer.StartAsync();
        AnswerLikeOurServices(api);
        await DeliveryTo(api, "staging", "v1.0.0").DeployAsync();
        api.Controller.Rollout = deployment => Images(deployment).Any(image => image.EndsWith(":v2.0.0", StringComparison.Ordinal))
            ? FakeDeploymentController.Stuck(deployment)
            : FakeDeploymentController.Completed(deployment);

        var error = await Assert.ThrowsAsync<BuildException>(() => DeliveryTo(api, "staging", "v2.0.0").DeployAsync());

        Assert.Equal("deploy to staging failed and was rolled back (deployment/alphapulse-cell to revision 1): deployment \"alphapulse-cell\" exceeded its progress deadline", error.Message);
        var live = LiveCell(api, Staging);
        Assert.Equal(["alphapulse/collector:v1.0.0", "alphapulse/websocket-server:v1.0.0", "alphapulse/python-bindings:v1.0.0"], Images(live));
        Assert.Equal(3, Revision(live));
        Assert.Equal(2, api.Controller.ReplicaSets(Staging).Count);
    }

    [Fact]
    public async Task ShouldRollBackByItselfWhenValidationFindsDataOlderThanTheThreshold()
    {
        await using var api = await FakeApiServer.StartAsync();
        AnswerLikeOurServices(api, dataAge: pod => pod.StartsWith($"{Cell}-2-", StringComparison.Ordinal) ? 42 : 0.4);
        await DeliveryTo(api, "staging", "v1.0.0").DeployAsync();

        var error = await Assert.ThrowsAsync<BuildException>(() => DeliveryTo(api, "staging", "v2.0.0").DeployAsync());

        Assert.Contains("FAIL  data age: oldest exchange 42.00 s (threshold 10 s, alert ExchangeDataStale)", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("deploy to staging failed and was rolled back (deployment/alphapulse-cell to revision 1)", error.Message, StringComparison.Ordinal);
        Assert.Equal(["alphapulse/collector:v1.0.0", "alphapulse/websocket-server:v1.0.0", "alphapulse/python-bindings:v1.0.0"], Images(LiveCell(api, Staging)));
    }

    [Fact]
    public async Task ShouldUndoToANamedRevisionKeepingTheDeploymentsAnnotations()
    {
        await using var api = await FakeApiServer.StartAsync();
        AnswerLikeOurServices(api);
        foreach (var tag in new[] { "v1.0.0", "v2.0.0", "v3.0.0" })
        {
            await DeliveryTo(api, "staging", tag).DeployAsync();
        }

        var outcome = await DeliveryTo(api, "staging").RollbackAsync(toRevision: 1);

        var live = LiveCell(api, Staging);
        Assert.Equal(["alphapulse/collector:v1.0.0", "alphapulse/websocket-server:v1.0.0", "alphapulse/python-bindings:v1.0.0"], Images(live));
        Assert.Equal(4, outcome.Revisions[Cell]);
        Assert.DoesNotContain("pod-template-hash", live.Spec.Template.Metadata.Labels.Keys);
        Assert.Equal("alphapulse-cell", live.Metadata.Labels["app.kubernetes.io/name"]);
        Assert.Equal([2L, 3L, 4L], api.Controller.ReplicaSets(Staging).Select(RolloutUndo.Revision));
    }

    [Fact]
    public async Task ShouldDoNothingWhenRollingBackToTheRevisionThatRuns()
    {
        await using var api = await FakeApiServer.StartAsync();
        AnswerLikeOurServices(api);
        await DeliveryTo(api, "staging", "v1.0.0").DeployAsync();
        await DeliveryTo(api, "staging", "v2.0.0").DeployAsync();

        var outcome = await DeliveryTo(api, "staging").RollbackAsync(toRevision: 2);

        Assert.Equal(2, outcome.Revisions[Cell]);
        Assert.Equal(["alphapulse/collector:v2.0.0", "alphapulse/websocket-server:v2.0.0", "alphapulse/python-bindings:v2.0.0"], Images(LiveCell(api, Staging)));
    }

    [Fact]
    public async Task ShouldRefuseToRollBackAPausedDeployment()
    {
        await using var api = await FakeApiServer.StartAsync();
        AnswerLikeOurServices(api);
        await DeliveryTo(api, "staging", "v1.0.0").DeployAsync();
        await DeliveryTo(api, "staging", "v2.0.0").DeployAsync();
        api.Update(deployment => deployment.Spec.Paused = true);

        var error = await Assert.ThrowsAsync<BuildException>(() => DeliveryTo(api, "staging").RollbackAsync(toRevision: 0));

        Assert.StartsWith("a paused deployment cannot be rolled back: deployment/alphapulse-cell is paused", error.Message, StringComparison.Ordinal);
        Assert.Equal(["alphapulse/collector:v2.0.0", "alphapulse/websocket-server:v2.0.0", "alphapulse/python-bindings:v2.0.0"], Images(LiveCell(api, Staging)));
    }

    [Fact]
    public async Task ShouldKeepTheReplicaCountTheAutoscalerSet()
    {
        await using var api = await FakeApiServer.StartAsync();
        AnswerLikeOurServices(api);
        await DeliveryTo(api, "staging", "v1.0.0").DeployAsync();
        api.Update(deployment => deployment.Spec.Replicas = 4);

        var outcome = await DeliveryTo(api, "staging", "v2.0.0").DeployAsync();

        Assert.Equal(4, LiveCell(api, Staging).Spec.Replicas);
        Assert.Contains(outcome.Checks, check => check.ToString() == $"pass  deployment/{Cell} pods ready: 4 of 4 pods ready, 4 desired");
    }

    [Fact]
    public async Task ShouldFailSmokeChecksForAPodThatIsNotReady()
    {
        await using var api = await FakeApiServer.StartAsync();
        AnswerLikeOurServices(api);
        await DeliveryTo(api, "staging", "v1.0.0").DeployAsync();
        api.Update(deployment => deployment.Status.ReadyReplicas = 1);

        var checks = await DeliveryTo(api, "staging").ValidateAsync();

        var pods = Assert.Single(checks, check => !check.Passed);
        Assert.Equal($"FAIL  deployment/{Cell} pods ready: 1 of 2 pods ready, 2 desired (not ready: {Cell}-1-1)", pods.ToString());
    }
}
