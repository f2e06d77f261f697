using AlphaPulse.Core.Replication;

namespace AlphaPulse.Core.Tests.Replication;

/// <summary>The ring-name convention <c>&lt;exchange&gt;-&lt;replica&gt;.ring</c>, read from a real directory listing.</summary>
public sealed class ReplicaDirectoryTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "alphapulse-replica-directory-" + Guid.NewGuid().ToString("N"));

    public ReplicaDirectoryTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("/dev/shm/alphapulse/binance-a.ring", "binance")]
    [InlineData("/dev/shm/alphapulse/coinbase-collector-7f9c.ring", "coinbase")]
    [InlineData("/dev/shm/alphapulse/Kraken.ring", null)]
    [InlineData("/dev/shm/alphapulse/binance", null)]
    [InlineData("/dev/shm/alphapulse/binance-a.ring.tmp", null)]
    [InlineData("/dev/shm/alphapulse/-a.ring", null)]
    [InlineData("/dev/shm/alphapulse/binance-.ring", null)]
    public void ShouldTakeTheExchangeFromAConventionalRingNameOnly(string path, string? exchange) =>
        Assert.Equal(exchange, ReplicaDirectory.ExchangeOf(path));

    [Fact]
    public void ShouldNameEachExchangeOnceHoweverManyReplicasItHas()
    {
        Touch("binance-a.ring", "binance-b.ring", "kraken-collector-1.ring", "coinbase.ring", "notes.txt");
        var misnamed = new List<string>();

        var exchanges = ReplicaDirectory.Exchanges(_directory, misnamed);

        Assert.Equal(["binance", "kraken"], exchanges);
        Assert.Equal(["coinbase.ring", "notes.txt"], misnamed.Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ShouldFindNoExchangeInADirectoryThatDoesNotExist() =>
        Assert.Empty(ReplicaDirectory.Exchanges(Path.Combine(_directory, "missing")));

    [Fact]
    public void ShouldScanOnlyTheNamedExchangesReplicas()
    {
        Touch("binance-a.ring", "binance-b.ring", "binancex-a.ring", "kraken-a.ring");

        var replicas = ReplicaDirectory.Scan(_directory, "binance").Select(found => found.Replica).Order(StringComparer.Ordinal);

        Assert.Equal(["a", "b"], replicas);
    }

    private void Touch(params string[] names)
    {
        foreach (var name in names)
        {
            File.WriteAllBytes(Path.Combine(_directory, name), []);
        }
    }
}
