using AlphaPulse.WebSocketServer.Markets;

namespace AlphaPulse.WebSocketServer.Tests.Architecture;

/// <summary>
/// The server's rooms (Protocol, Clients, Markets, Feeds, Hosting, …) depend on each other in one
/// direction only: read from the compiled assembly's metadata, so a dependency hidden in a method body
/// counts. A cycle fails with the rooms it passes through.
/// </summary>
public sealed class NamespaceCycleTests
{
    private const string Root = "AlphaPulse.WebSocketServer";

    private static readonly Dictionary<string, HashSet<string>> Graph = NamespaceGraph.Read(typeof(MarketHub).Assembly.Location, Root);

    [Fact]
    public void ShouldHaveNoNamespaceCycleInTheServer()
    {
        var cycle = NamespaceGraph.FindCycle(Graph);

        Assert.True(cycle is null, $"the server's namespaces depend on each other in one direction only: found the cycle {(cycle is null ? "" : string.Join(" → ", cycle))} (move the type that closes it, or hand over through a type of the lower namespace)");
    }

    [Theory]
    [InlineData("Markets", "Clients")]
    [InlineData("Markets", "Feeds")]
    [InlineData("Markets", "Protocol")]
    [InlineData("Clients", "Protocol")]
    [InlineData("Hosting", "Markets")]
    public void ShouldSeeTheDependenciesTheCodeHas(string from, string to) =>
        Assert.Contains(to, Graph.GetValueOrDefault(from, []));

    [Fact]
    public void ShouldNameTheRoomsOfACycle()
    {
        var graph = new Dictionary<string, HashSet<string>>
        {
            ["Hosting"] = ["Markets"],
            ["Markets"] = ["Clients", "Protocol"],
            ["Clients"] = ["Protocol", "Markets"],
            ["Protocol"] = [],
        };

        Assert.Equal(["Clients", "Markets", "Clients"], NamespaceGraph.FindCycle(graph));
    }

    [Fact]
    public void ShouldFindNoCycleInALayeredGraph()
    {
        var graph = new Dictionary<string, HashSet<string>>
        {
            ["Hosting"] = ["Markets", "Clients"],
            ["Markets"] = ["Clients", "Protocol"],
            ["Clients"] = ["Protocol"],
        };

        Assert.Null(NamespaceGraph.FindCycle(graph));
    }
}
