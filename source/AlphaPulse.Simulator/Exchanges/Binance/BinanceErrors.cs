using System.Text.Encodings.Web;
using System.Text.Json;

namespace AlphaPulse.Simulator.Exchanges.Binance;

/// <summary>
/// Binance's error bodies (binance-spot-api-docs errors.md) and the WebSocket control-message errors
/// (web-socket-streams.md "Error Messages"), verbatim.
/// </summary>
internal static class BinanceErrors
{
    public static IResult Rest(int code, string message) =>
        Results.Text($"{{\"code\":{code},\"msg\":\"{message}\"}}", "application/json;charset=UTF-8", statusCode: StatusCodes.Status400BadRequest);

    public static IResult MandatoryParameter(string name) =>
        Rest(-1102, $"Mandatory parameter '{name}' was not sent, was empty/null, or malformed.");

    public static IResult InvalidSymbol() => Rest(-1121, "Invalid symbol.");

    public static IResult IllegalCharacters(string name) =>
        Rest(-1100, $"Illegal characters found in parameter '{name}'; legal range is '^[0-9]{{1,20}}$'.");

    public static IResult InvalidParameter(string name) => Rest(-1130, $"Data sent for parameter '{name}' is not valid.");

    /// <summary>A control-message error; the message may quote client text, so it is JSON-escaped.</summary>
    public static string Socket(int code, string message, string? rawId = null) =>
        $"{{\"code\":{code},\"msg\":\"{JsonEncodedText.Encode(message, JavaScriptEncoder.UnsafeRelaxedJsonEscaping)}\"{(rawId is null ? "" : ",\"id\":" + rawId)}}}";

    public const string Methods = "`SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`, `SET_PROPERTY`, `GET_PROPERTY`";
}
