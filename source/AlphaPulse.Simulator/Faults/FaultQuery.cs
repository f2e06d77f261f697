namespace AlphaPulse.Simulator.Faults;

/// <summary>Reads a connection's own faults from its <c>fault=</c> query parameters (repeatable, or <c>;</c>-separated).</summary>
internal static class FaultQuery
{
    public static bool TryParse(IQueryCollection query, out IReadOnlyList<FaultRule> rules, out string error)
    {
        var parsed = new List<FaultRule>();
        rules = parsed;
        error = "";
        foreach (var value in query["fault"])
        {
            foreach (var text in (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                try
                {
                    parsed.Add(FaultRule.Parse(text));
                }
                catch (FormatException ex)
                {
                    error = ex.Message;
                    return false;
                }
            }
        }
        return true;
    }
}
