using AlphaPulse.Build.Delivery;
using AlphaPulse.Build.Engine;

namespace AlphaPulse.Build.Tests.Delivery;

public sealed class DeployHistoryTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static Dictionary<string, string> Images(string tag) => new() { ["collector"] = $"alphapulse/collector:{tag}" };

    private static DeployHistory With(params (string Tag, DeployOutcome Outcome)[] deploys)
    {
        var history = DeployHistory.Load("/nonexistent/history.json");
        foreach (var (tag, outcome) in deploys)
        {
            var entry = history.Begin(DeployKind.Deploy, "ci", Now, Images(tag));
            history.Complete(entry.Revision, outcome, TimeSpan.FromSeconds(42), outcome == DeployOutcome.Succeeded ? null : "not ready");
        }
        return history;
    }

    [Fact]
    public void ShouldNumberRevisionsAndKeepWhoWhenWhatAndHowItEndedAcrossSaves()
    {
        var file = Path.Combine(_directory.Path, "history.json");
        With(("a", DeployOutcome.Succeeded), ("b", DeployOutcome.RolledBack)).Save(file);

        var loaded = DeployHistory.Load(file).Entries;

        Assert.Equal([1, 2], loaded.Select(entry => entry.Revision));
        Assert.Equal(("ci", Now, "alphapulse/collector:b", DeployOutcome.RolledBack, "not ready", 42.0), (loaded[1].User, loaded[1].StartedAt, loaded[1].Images["collector"], loaded[1].Outcome, loaded[1].Reason, loaded[1].Seconds!.Value));
    }

    [Fact]
    public void ShouldTreatOnlyASucceededRevisionAsLive() =>
        Assert.Equal(2, With(("a", DeployOutcome.Succeeded), ("b", DeployOutcome.Succeeded), ("c", DeployOutcome.RolledBack)).Live!.Revision);

    [Fact]
    public void ShouldRollBackToTheRevisionLiveBeforeTheCurrentOneSkippingFailures() =>
        Assert.Equal(1, With(("a", DeployOutcome.Succeeded), ("b", DeployOutcome.Succeeded), ("c", DeployOutcome.RolledBack)).RollbackTarget(null).Revision);

    [Fact]
    public void ShouldSkipEarlierRevisionsThatRanTheSameImagesAsTheLiveOne() =>
        Assert.Equal(1, With(("a", DeployOutcome.Succeeded), ("b", DeployOutcome.Succeeded), ("b", DeployOutcome.Succeeded)).RollbackTarget(null).Revision);

    [Fact]
    public void ShouldRollBackToANamedRevisionThatWentLive() =>
        Assert.Equal("alphapulse/collector:a", With(("a", DeployOutcome.Succeeded), ("b", DeployOutcome.Succeeded)).RollbackTarget(1).Images["collector"]);

    [Fact]
    public void ShouldRefuseARevisionThatNeverWentLiveListingTheOnesThatDid()
    {
        var error = Assert.Throws<BuildException>(() => With(("a", DeployOutcome.Succeeded), ("b", DeployOutcome.RolledBack), ("c", DeployOutcome.Succeeded)).RollbackTarget(2));

        Assert.Contains("--revision 2 (choose from 1, 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldSayThereIsNothingToRollBackToAfterTheFirstDeploy() =>
        Assert.Contains("only one that went live", Assert.Throws<BuildException>(() => With(("a", DeployOutcome.Succeeded)).RollbackTarget(null)).Message, StringComparison.Ordinal);
}
