using System.Text.Json;

namespace AlphaPulse.Simulator.Tests.Support;

/// <summary>Reads <c>GET /control/faults</c>: how many of a kind were injected, and on which exchange.</summary>
internal static class FaultReport
{
    public static async Task<JsonElement[]> RecordsAsync(RunningSimulator simulator, string kind, int expected)
    {
        var report = await simulator.GetJsonAsync("/control/faults");
        Assert.Equal(expected, report.GetProperty("injected").GetProperty(kind).GetInt64());
        return report.GetProperty("recent").EnumerateArray().Where(r => r.GetProperty("kind").GetString() == kind).ToArray();
    }
}
