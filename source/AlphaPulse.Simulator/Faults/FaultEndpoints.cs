namespace AlphaPulse.Simulator.Faults;

/// <summary>
/// <c>GET /control/faults</c> (rules, counts, recent injections), <c>POST /control/faults</c> with a rule as
/// JSON (<c>{"kind":"gap","every":1000,"count":1,"symbol":"BTCUSDT"}</c>: applies to every connection's next
/// messages, current and future) and <c>DELETE /control/faults</c> (removes posted rules; counts stay).
/// </summary>
internal static class FaultEndpoints
{
    public static IEndpointRouteBuilder MapFaultControl(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/control/faults", (FaultBoard board) => Results.Ok(board.Report()));
        endpoints.MapPost("/control/faults", (FaultRule rule, FaultBoard board) =>
        {
            try
            {
                board.Add(rule.Validate(rule.ToText()));
            }
            catch (FormatException ex)
            {
                return Results.BadRequest(new { error = ex.Message });
            }
            return Results.Ok(board.Report());
        });
        endpoints.MapDelete("/control/faults", (FaultBoard board) =>
        {
            board.ClearRules();
            return Results.Ok(board.Report());
        });
        return endpoints;
    }
}
