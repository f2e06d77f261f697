using System.Buffers;
using System.Text;
using AlphaPulse.WebSocketServer.Hosting;
using AlphaPulse.WebSocketServer.Protocol;

namespace AlphaPulse.WebSocketServer.Tests.Hosting;

/// <summary>The opening handshake read off a connection's first bytes: plain upgrades parsed, anything unusual left to the HTTP pipeline.</summary>
public sealed class UpgradeRequestTests
{
    private const string Key = "dGhlIHNhbXBsZSBub25jZQ==";

    [Fact]
    public void ShouldParseAPlainUpgradeWithItsTokenOriginAndSubprotocols()
    {
        var request = Parse(Head(extra: "Origin: https://a.example\r\nAuthorization: Bearer s3cret\r\nSec-WebSocket-Protocol: alphapulse.v1.json, alphapulse.v1.binary\r\n"));

        Assert.NotNull(request);
        Assert.Equal(("https://a.example", "s3cret"), (request.Origin, request.Token));
        Assert.Equal((WireEncoding.Binary, ProtocolNames.BinarySubProtocol), request.Negotiate());
    }

    [Fact]
    public void ShouldTakeTheTokenAndEncodingFromTheQueryOfABrowser()
    {
        var request = Parse(Head(target: "/ws?token=a%20b&encoding=binary"));

        Assert.NotNull(request);
        Assert.Equal("a b", request.Token);
        Assert.Equal((WireEncoding.Binary, (string?)null), request.Negotiate());
    }

    [Theory]
    [InlineData("POST", "/ws", "HTTP/1.1", "")]
    [InlineData("GET", "/ws/", "HTTP/1.1", "")]
    [InlineData("GET", "/", "HTTP/1.1", "")]
    [InlineData("GET", "/ws", "HTTP/1.0", "")]
    [InlineData("GET", "/ws", "HTTP/1.1", "Upgrade: websocket\r\n")]
    [InlineData("GET", "/ws", "HTTP/1.1", "X-Folded: a\r\n b\r\n")]
    [InlineData("GET", "/ws", "HTTP/1.1", "Content-Length: 5\r\n")]
    [InlineData("GET", "/ws", "HTTP/1.1", "Transfer-Encoding: chunked\r\n")]
    [InlineData("GET", "/ws", "HTTP/1.1", "Bad Name : x\r\n")]
    public void ShouldLeaveAnythingUnusualToTheHttpPipeline(string method, string target, string version, string extra) =>
        Assert.Null(Parse(Head(method, target, version, extra)));

    [Theory]
    [InlineData("Sec-WebSocket-Version", "8")]
    [InlineData("Sec-WebSocket-Key", "c2hvcnQ=")]
    [InlineData("Sec-WebSocket-Key", "not base64 at all!!!!!!!")]
    [InlineData("Upgrade", "h2c")]
    [InlineData("Connection", "keep-alive")]
    [InlineData("Host", null)]
    public void ShouldLeaveAFaultyHandshakeToTheHttpPipelineWhichNamesTheFault(string header, string? value) =>
        Assert.Null(Parse(Head(replace: (header, value))));

    [Fact]
    public void ShouldAcceptConnectionTokensInAList() =>
        Assert.NotNull(Parse(Head(replace: ("Connection", "keep-alive, Upgrade"))));

    [Fact]
    public void ShouldAnswerWithTheAcceptValueOfRfc6455sExample()
    {
        var response = Encoding.ASCII.GetString(Parse(Head())!.Response(ProtocolNames.JsonSubProtocol));

        Assert.StartsWith("HTTP/1.1 101 Switching Protocols\r\n", response, StringComparison.Ordinal);
        Assert.Contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n", response, StringComparison.Ordinal);
        Assert.Contains("Sec-WebSocket-Protocol: alphapulse.v1.json\r\n", response, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n", response, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldFindTheHeadOnlyOnceItsBlankLineHasArrived()
    {
        var head = Head();
        var bytes = Encoding.ASCII.GetBytes(head + "\x81\x05");

        Assert.Equal(-1, UpgradeRequest.HeadLength(new ReadOnlySequence<byte>(bytes, 0, head.Length - 1)));
        Assert.Equal(head.Length, UpgradeRequest.HeadLength(new ReadOnlySequence<byte>(bytes)));
    }

    private static UpgradeRequest? Parse(string head) => UpgradeRequest.TryParse(new ReadOnlySequence<byte>(Encoding.Latin1.GetBytes(head)));

    private static string Head(string method = "GET", string target = "/ws", string version = "HTTP/1.1", string extra = "", (string Name, string? Value)? replace = null)
    {
        var headers = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Host"] = "127.0.0.1:8765",
            ["Upgrade"] = "websocket",
            ["Connection"] = "Upgrade",
            ["Sec-WebSocket-Key"] = Key,
            ["Sec-WebSocket-Version"] = "13",
        };
        if (replace is { } replaced)
        {
            headers[replaced.Name] = replaced.Value;
        }

        var text = new StringBuilder($"{method} {target} {version}\r\n");
        foreach (var (name, value) in headers)
        {
            if (value is not null)
            {
                text.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }

        return text.Append(extra).Append("\r\n").ToString();
    }
}
