using Microsoft.Net.Http.Headers;

namespace AlphaPulse.WebSocketServer.Hosting;

/// <summary>
/// Why a request to <c>/ws</c> is not an acceptable WebSocket opening handshake (RFC 6455 §4.1–§4.2),
/// answered with the status §4.2.2 and §4.4 prescribe and a body naming the faulty header, its value
/// and the fix. Immutable; <see cref="Diagnose"/> is stateless.
/// </summary>
internal sealed record HandshakeRefusal(int Status, string Reason, string Message)
{
    /// <summary>The only protocol version this server speaks (RFC 6455 §4.4: a 426 names it).</summary>
    public const string SupportedVersion = "13";

    private const int KeyBytes = 16;

    /// <summary>Only called for requests ASP.NET did not take as an upgrade: one of its conditions failed; find which.</summary>
    public static HandshakeRefusal Diagnose(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = request.Headers;
        if (!HasToken(headers.Upgrade, "websocket"))
        {
            return new(StatusCodes.Status400BadRequest, "not_websocket", "GET /ws must be a WebSocket upgrade: it was a plain HTTP request (connect with a WebSocket client to ws://host:port/ws)");
        }

        if (!HttpMethods.IsGet(request.Method))
        {
            return new(StatusCodes.Status400BadRequest, "handshake", $"a WebSocket upgrade is a GET request (RFC 6455 §4.1): method={request.Method} (send GET)");
        }

        if (!HasToken(headers.Connection, "upgrade"))
        {
            return new(StatusCodes.Status400BadRequest, "handshake", $"a WebSocket upgrade sends Connection: Upgrade (RFC 6455 §4.1): Connection={Shown(headers.Connection)} (add the Upgrade token)");
        }

        var version = headers.SecWebSocketVersion.ToString();
        if (version != SupportedVersion)
        {
            return new(StatusCodes.Status426UpgradeRequired, "version", $"this server speaks WebSocket version {SupportedVersion} (RFC 6455 §4.4): Sec-WebSocket-Version={Shown(version)} (use a client that speaks version {SupportedVersion})");
        }

        var key = headers.SecWebSocketKey.ToString();
        return new(StatusCodes.Status400BadRequest, "handshake", $"Sec-WebSocket-Key must be {KeyBytes} random bytes in base64, 24 characters (RFC 6455 §4.1): Sec-WebSocket-Key={Shown(key)} {KeyFault(key)} (send a fresh random 16-byte key, base64-encoded)");
    }

    /// <summary>Adds what the refusal needs besides its status: the version a 426 must name.</summary>
    public void AddHeaders(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (Status == StatusCodes.Status426UpgradeRequired)
        {
            response.Headers[HeaderNames.SecWebSocketVersion] = SupportedVersion;
        }
    }

    private static string KeyFault(string key)
    {
        if (key.Length == 0)
        {
            return "is missing";
        }

        Span<byte> decoded = stackalloc byte[64];
        if (key.Length > 88 || !Convert.TryFromBase64String(key, decoded, out var length))
        {
            return "is not base64";
        }

        return $"decodes to {length} bytes";
    }

    private static bool HasToken(Microsoft.Extensions.Primitives.StringValues values, string token)
    {
        foreach (var value in values)
        {
            if (UpgradeRequest.HasToken(value, token))
            {
                return true;
            }
        }

        return false;
    }

    private static string Shown(Microsoft.Extensions.Primitives.StringValues value)
    {
        var text = value.ToString();
        return text.Length == 0 ? "missing" : text.Length > 64 ? text[..64] + "…" : text;
    }
}
