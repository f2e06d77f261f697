using AlphaPulse.Build.Delivery;
using AlphaPulse.Build.Local;

namespace AlphaPulse.Build.Tests.Delivery;

public sealed class RolloutPlannerTests
{
    private static IReadOnlyList<ContainerSpec> Version(string tag, FeedSource feed = FeedSource.Simulator) =>
        LocalTopology.Create(LocalTopology.ImagesFor(tag, null), feed, 2_000, webSocketAuthentication: false);

    private static List<RunningContainer> Running(IReadOnlyList<ContainerSpec> specs, int serverSlot = 1) =>
        [.. specs.Select(spec => new RunningContainer($"id-{spec.Role}", spec.ContainerName(serverSlot), spec.Role, spec.Fingerprint, spec.Strategy == ReplaceStrategy.StartFirst ? serverSlot : 1, spec.HealthPortIn(serverSlot), spec.Image, Running: true))];

    [Fact]
    public void ShouldCreateEveryRoleInRolloutOrderOnAnEmptyEngine()
    {
        var plan = RolloutPlanner.Plan([], Version("a"));

        Assert.All(plan, step => Assert.Equal(RolloutAction.Create, step.Action));
        Assert.Equal("simulator", plan[0].Role);
        Assert.Equal([LocalTopology.WebSocketServerRole, LocalTopology.AnalyticsRole], plan.TakeLast(2).Select(step => step.Role));
        Assert.Equal(9, plan.Count);
    }

    [Fact]
    public void ShouldKeepEverythingWhenTheSameVersionIsDeployedAgain() =>
        Assert.All(RolloutPlanner.Plan(Running(Version("a")), Version("a")), step => Assert.Equal(RolloutAction.Keep, step.Action));

    [Fact]
    public void ShouldReplaceTheServerStartFirstInTheOtherSlotAndTheRestStopFirst()
    {
        var plan = RolloutPlanner.Plan(Running(Version("a"), serverSlot: 1), Version("b"));

        Assert.All(plan, step => Assert.Equal(RolloutAction.Replace, step.Action));
        var server = plan.Single(step => step.Role == LocalTopology.WebSocketServerRole);
        Assert.Equal(ReplaceStrategy.StartFirst, server.Wanted!.Strategy);
        Assert.Equal(2, server.Slot);
        Assert.Equal(8767, server.Wanted.HealthPortIn(server.Slot));
        Assert.Equal("8767", server.Wanted.EnvironmentIn(server.Slot)["METRICS_PORT"]);
        Assert.All(plan.Where(step => step.Role.StartsWith("collector-", StringComparison.Ordinal)), step => Assert.Equal(ReplaceStrategy.StopFirst, step.Wanted!.Strategy));
    }

    [Fact]
    public void ShouldGoBackToTheFirstSlotWhenTheServerRunsInTheSecond() =>
        Assert.Equal(1, RolloutPlanner.Plan(Running(Version("a"), serverSlot: 2), Version("b")).Single(step => step.Role == LocalTopology.WebSocketServerRole).Slot);

    [Fact]
    public void ShouldReplaceReplicaAOfAnExchangeBeforeReplicaBSoOneAlwaysWrites()
    {
        var roles = RolloutPlanner.Plan(Running(Version("a")), Version("b")).Select(step => step.Role).ToList();

        Assert.Equal(roles.IndexOf("collector-binance-a") + 1, roles.IndexOf("collector-binance-b"));
    }

    [Fact]
    public void ShouldReplaceAContainerThatStoppedEvenWhenItRunsTheWantedVersion()
    {
        var running = Running(Version("a"));
        running[1] = running[1] with { Running = false };

        var plan = RolloutPlanner.Plan(running, Version("a"));

        Assert.Equal(RolloutAction.Replace, plan.Single(step => step.Role == running[1].Role).Action);
    }

    [Fact]
    public void ShouldRemoveTheSimulatorWhenTheFeedTurnsLive()
    {
        var plan = RolloutPlanner.Plan(Running(Version("a")), Version("a", FeedSource.Live));

        var simulator = plan.Single(step => step.Role == "simulator");
        Assert.Equal(RolloutAction.Remove, simulator.Action);
        Assert.Same(plan[^1], simulator);
    }

    [Fact]
    public void ShouldGiveEachCollectorReplicaItsOwnPortAndReplicaId()
    {
        var collectors = Version("a").Where(spec => spec.Component == "collector").ToList();

        Assert.Equal([8081, 8082, 8083, 8084, 8085, 8086], collectors.Select(spec => spec.HealthPort).Order());
        Assert.Equal(["a", "b"], collectors.Where(spec => spec.Environment["EXCHANGE"] == "kraken").Select(spec => spec.Environment["REPLICA_ID"]));
    }

    [Fact]
    public void ShouldReplaceTheAnalyticsServiceStartFirstOnTheSharedApiPortWithItsOwnHealthPort()
    {
        var plan = RolloutPlanner.Plan(Running(Version("a"), serverSlot: 1), Version("b"));

        var analytics = plan.Single(step => step.Role == LocalTopology.AnalyticsRole);
        Assert.Equal((RolloutAction.Replace, ReplaceStrategy.StartFirst, 2), (analytics.Action, analytics.Wanted!.Strategy, analytics.Slot));
        Assert.Equal("alphapulse/python-bindings:b", analytics.Wanted.Image);
        var environment = analytics.Wanted.EnvironmentIn(analytics.Slot);
        Assert.Equal(("8090", "true", "8092"), (environment["API_PORT"], environment["API_REUSE_PORT"], environment["METRICS_PORT"]));
        Assert.Equal(8092, analytics.Wanted.HealthPortIn(analytics.Slot));
        Assert.Equal("binance,coinbase,kraken", environment["EXCHANGES"]);
    }

    [Fact]
    public void ShouldStopTheAnalyticsServiceWhenRollingBackToARevisionRecordedBeforeItsImage()
    {
        var before = LocalTopology.ImagesFor("old", null).Where(image => image.Key != "python-bindings").ToDictionary();

        var plan = RolloutPlanner.Plan(Running(Version("a")), LocalTopology.Create(before, FeedSource.Simulator, 2_000, webSocketAuthentication: false));

        Assert.Equal(RolloutAction.Remove, plan.Single(step => step.Role == LocalTopology.AnalyticsRole).Action);
    }
}
