using System.Buffers;
using System.Text;
using AlphaPulse.WebSocketServer.Protocol;
using Microsoft.AspNetCore.WebUtilities;

namespace AlphaPulse.WebSocketServer.Hosting;

/// <summary>
/// A WebSocket opening handshake for <c>/ws</c> read straight off a connection's first bytes (RFC 6455
/// §4.1, HTTP/1.1 message syntax RFC 9112 §2–§5), strictly: anything unusual — another method, path or
/// version, a folded or repeated header, a body, a key that is not 16 bytes of base64 — is not parsed
/// but left to the HTTP pipeline, which answers it (and refuses faulty handshakes with their reasons).
/// Immutable; <see cref="TryParse"/> is stateless.
/// </summary>
internal sealed record UpgradeRequest(string Key, string[] SubProtocols, string? Origin, string? Token, bool BinaryQuery)
{
    /// <summary>A request head longer than this is left to the HTTP pipeline.</summary>
    public const int MaxHeadBytes = 8 * 1024;

    private const string Path = "/ws";

    private static ReadOnlySpan<byte> HeadEnd => "\r\n\r\n"u8;

    /// <summary>The length of the request head (through its blank line), or −1 when it has not all arrived.</summary>
    public static long HeadLength(in ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        return reader.TryReadTo(out ReadOnlySequence<byte> _, HeadEnd, advancePastDelimiter: true) ? reader.Consumed : -1;
    }

    /// <summary>The handshake, or null when the head is anything but a plain, well-formed upgrade to <c>/ws</c>.</summary>
    public static UpgradeRequest? TryParse(in ReadOnlySequence<byte> head)
    {
        var lines = Encoding.Latin1.GetString(head).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3 || requestLine[0] != "GET" || requestLine[2] != "HTTP/1.1")
        {
            return null;
        }

        var target = requestLine[1];
        var question = target.IndexOf('?', StringComparison.Ordinal);
        if ((question < 0 ? target : target[..question]) != Path)
        {
            return null;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.AsSpan(1))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || line[0] is ' ' or '\t' || line[colon - 1] is ' ' or '\t' || !headers.TryAdd(line[..colon], line[(colon + 1)..].Trim(' ', '\t')))
            {
                return null;
            }
        }

        if (!headers.ContainsKey("Host")
            || headers.ContainsKey("Transfer-Encoding")
            || (headers.TryGetValue("Content-Length", out var length) && length != "0")
            || !HasToken(headers.GetValueOrDefault("Upgrade"), "websocket")
            || !HasToken(headers.GetValueOrDefault("Connection"), "upgrade")
            || headers.GetValueOrDefault("Sec-WebSocket-Version") != HandshakeRefusal.SupportedVersion
            || headers.GetValueOrDefault("Sec-WebSocket-Key") is not { } key
            || !IsKey(key))
        {
            return null;
        }

        var query = question < 0 ? [] : QueryHelpers.ParseQuery(target[question..]);
        var protocols = headers.GetValueOrDefault("Sec-WebSocket-Protocol")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
        var token = TokenOf(headers.GetValueOrDefault("Authorization"), query.TryGetValue("token", out var queryToken) ? queryToken.ToString() : null);
        return new UpgradeRequest(key, protocols, headers.GetValueOrDefault("Origin"), token, query.TryGetValue("encoding", out var encoding) && encoding == "binary");
    }

    /// <summary>The encoding and the subprotocol to confirm: a subprotocol offered wins (RFC 6455 §1.9), then <c>?encoding=binary</c>.</summary>
    public static (WireEncoding Encoding, string? SubProtocol) Negotiate(IList<string> offered, bool binaryQuery) =>
        offered.Contains(ProtocolNames.BinarySubProtocol) ? (WireEncoding.Binary, ProtocolNames.BinarySubProtocol)
        : offered.Contains(ProtocolNames.JsonSubProtocol) ? (WireEncoding.Json, ProtocolNames.JsonSubProtocol)
        : (binaryQuery ? WireEncoding.Binary : WireEncoding.Json, null);

    /// <summary>A bearer token from the Authorization header, else from <c>?token=</c> (browsers cannot set headers on a WebSocket upgrade, so the dashboard passes it there).</summary>
    public static string? TokenOf(string? authorization, string? queryToken) =>
        authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? authorization["Bearer ".Length..].Trim()
            : queryToken;

    public (WireEncoding Encoding, string? SubProtocol) Negotiate() => Negotiate(SubProtocols, BinaryQuery);

    /// <summary>The 101 answer (RFC 6455 §4.2.2): the key's SHA-1 with the protocol's GUID, base64.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "RFC 6455 §4.2.2 prescribes SHA-1 for Sec-WebSocket-Accept; it proves the server read the handshake, it protects nothing.")]
    public byte[] Response(string? subProtocol)
    {
        var accept = Convert.ToBase64String(System.Security.Cryptography.SHA1.HashData(Encoding.ASCII.GetBytes(Key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
        var protocol = subProtocol is null ? string.Empty : $"Sec-WebSocket-Protocol: {subProtocol}\r\n";
        return Encoding.ASCII.GetBytes($"HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Accept: {accept}\r\n{protocol}\r\n");
    }

    private static bool IsKey(string key)
    {
        Span<byte> decoded = stackalloc byte[18];
        return key.Length == 24 && Convert.TryFromBase64String(key, decoded, out var length) && length == 16;
    }

    /// <summary>Whether a comma-separated header value lists <paramref name="token"/> (case-insensitive, RFC 9110 §5.6.1).</summary>
    public static bool HasToken(string? value, string token)
    {
        foreach (var part in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries))
        {
            if (string.Equals(part, token, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
