using AlphaPulse.WebSocketServer.Protocol;

namespace AlphaPulse.WebSocketServer.Tests.Protocol;

/// <summary>The shared-name table: one copy per name, and no more names than its capacity.</summary>
public sealed class PatternNamesTests
{
    [Fact]
    public void ShouldHandEveryEqualNameTheFirstCopy()
    {
        var names = new PatternNames(capacity: 2);
        var first = Fresh("binance");

        Assert.Same(first, names.Share(first));
        Assert.Same(first, names.Share(Fresh("binance")));
        Assert.Null(names.Share(null));
    }

    [Fact]
    public void ShouldKeepNamesAsSentOnceItHoldsItsCapacity()
    {
        var names = new PatternNames(capacity: 2);
        var kept = new[] { Fresh("binance"), Fresh("kraken") };
        foreach (var name in kept)
        {
            names.Share(name);
        }

        var late = Fresh("coinbase");
        var again = Fresh("coinbase");

        Assert.Same(late, names.Share(late));
        Assert.Same(again, names.Share(again));
        Assert.All(kept, name => Assert.Same(name, names.Share(Fresh(name))));
    }

    /// <summary>An equal string that is not the same object (literals are interned).</summary>
    private static string Fresh(string text) => new(text.AsSpan());
}
