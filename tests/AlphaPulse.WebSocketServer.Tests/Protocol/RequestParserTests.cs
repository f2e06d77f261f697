using System.Text;
using AlphaPulse.WebSocketServer.Configuration;
using AlphaPulse.WebSocketServer.Protocol;

namespace AlphaPulse.WebSocketServer.Tests.Protocol;

/// <summary>Request frames as docs/websocket-protocol.md defines them, parsed without a server: what each field means, its defaults, and each refusal with its code, message and echoed id.</summary>
public sealed class RequestParserTests
{
    [Fact]
    public void ShouldReadEveryFieldOfABookSubscription()
    {
        var request = Parse("{\"op\":\"subscribe\",\"channel\":\"book\",\"exchange\":\"binance\",\"symbol\":\"BTC-USDT\",\"depth\":25,\"id\":7}");

        Assert.Equal(RequestOp.Subscribe, request.Op);
        Assert.Equal(7, request.Id);
        Assert.Equal(new SubscriptionPattern(StreamChannel.Book, "binance", "BTC-USDT", 25), request.Pattern);
    }

    [Theory]
    [InlineData("subscribe", RequestOp.Subscribe)]
    [InlineData("unsubscribe", RequestOp.Unsubscribe)]
    [InlineData("resnapshot", RequestOp.Resnapshot)]
    public void ShouldReadEachPatternOp(string op, RequestOp expected)
    {
        var request = Parse($"{{\"op\":\"{op}\",\"channel\":\"trades\"}}");

        Assert.Equal(expected, request.Op);
        Assert.NotNull(request.Pattern);
    }

    [Theory]
    [InlineData("trades", StreamChannel.Trades)]
    [InlineData("trade", StreamChannel.Trades)]
    [InlineData("book", StreamChannel.Book)]
    [InlineData("ticker", StreamChannel.Ticker)]
    [InlineData("top", StreamChannel.Ticker)]
    [InlineData("stats", StreamChannel.Stats)]
    public void ShouldAcceptEveryChannelName(string channel, StreamChannel expected)
    {
        Assert.Equal(expected, Parse($"{{\"op\":\"subscribe\",\"channel\":\"{channel}\"}}").Pattern!.Channel);
    }

    [Fact]
    public void ShouldDefaultExchangeAndSymbolToTheWildcardAndTheBookDepthToTen()
    {
        var pattern = Parse("{\"op\":\"subscribe\",\"channel\":\"book\"}").Pattern!;

        Assert.Equal(("*", "*", RequestParser.DefaultDepth), (pattern.Exchange, pattern.Symbol, pattern.Depth));
        Assert.Equal(10, RequestParser.DefaultDepth);
    }

    [Fact]
    public void ShouldIgnoreADepthOutsideTheBookChannel()
    {
        var pattern = Parse("{\"op\":\"subscribe\",\"channel\":\"trades\",\"exchange\":\"kraken\",\"symbol\":\"BTC/USD\",\"depth\":7}").Pattern!;

        Assert.Equal(new SubscriptionPattern(StreamChannel.Trades, "kraken", "BTC/USD", 0), pattern);
    }

    [Fact]
    public void ShouldIgnoreTheSymbolOfAStatsSubscription()
    {
        var pattern = Parse("{\"op\":\"subscribe\",\"channel\":\"stats\",\"exchange\":\"binance\",\"symbol\":\"BTCUSDT\"}").Pattern!;

        Assert.Equal(("binance", "*", 0), (pattern.Exchange, pattern.Symbol, pattern.Depth));
    }

    [Fact]
    public void ShouldAnswerAPingWithoutAPatternWhateverElseItCarries()
    {
        var request = Parse("{\"op\":\"ping\",\"id\":6,\"channel\":\"candles\",\"depth\":\"x\"}");

        Assert.Equal((RequestOp.Ping, 6L), (request.Op, request.Id));
        Assert.Null(request.Pattern);
    }

    [Fact]
    public void ShouldSkipUnknownFieldsWhateverTheirShape()
    {
        var request = Parse("{\"extra\":{\"op\":\"ping\",\"list\":[1,2]},\"op\":\"subscribe\",\"more\":[{\"channel\":\"book\"}],\"channel\":\"ticker\",\"n\":null}");

        Assert.Equal((RequestOp.Subscribe, StreamChannel.Ticker), (request.Op, request.Pattern!.Channel));
        Assert.Null(request.Id);
    }

    [Theory]
    [InlineData("\"7\"")]
    [InlineData("1.5")]
    [InlineData("{\"n\":7}")]
    [InlineData("[7]")]
    [InlineData("18446744073709551616")]
    public void ShouldTreatAnIdThatIsNotAnIntegerAsNone(string id)
    {
        var request = Parse($"{{\"op\":\"ping\",\"id\":{id}}}");

        Assert.Null(request.Id);

        // Before the other fields too: nothing inside the id is read as a field of the request.
        var first = Parse($"{{\"id\":{id},\"op\":\"subscribe\",\"channel\":\"ticker\"}}");
        Assert.Equal((RequestOp.Subscribe, StreamChannel.Ticker, (long?)null), (first.Op, first.Pattern!.Channel, first.Id));
    }

    [Fact]
    public void ShouldReadTheLargestIdsBothWays()
    {
        Assert.Equal(long.MaxValue, Parse($"{{\"op\":\"ping\",\"id\":{long.MaxValue}}}").Id);
        Assert.Equal(long.MinValue, Parse($"{{\"op\":\"ping\",\"id\":{long.MinValue}}}").Id);
    }

    [Theory]
    [InlineData("[{\"op\":\"ping\"}]")]
    [InlineData("\"ping\"")]
    [InlineData("42")]
    public void ShouldRefuseAnythingButAnObject(string frame)
    {
        var error = Refuse(frame);

        Assert.Equal(ErrorCode.MalformedJson, error.Code);
        Assert.StartsWith("a request is one JSON object: got something else", error.Message, StringComparison.Ordinal);
        Assert.Null(error.Id);
    }

    [Theory]
    [InlineData("{\"op\":\"subscribe\",\"id\":5,")]
    [InlineData("{\"op\":\"subscribe\",\"id\":5,\"channel\"")]
    [InlineData("{\"op\":\"subscribe\",\"id\":5,\"channel\":")]
    [InlineData("{\"id\":5,\"op\":\"subscribe\",\"channel\":\"book\"")]
    [InlineData("{\"id\":5,\"op\":subscribe}")]
    [InlineData("{\"op\":\"ping\",\"id\":5}{}")]
    [InlineData("{\"op\":\"ping\",\"id\":5} 2")]
    public void ShouldRefuseInvalidJsonEchoingAnIdReadBeforeTheFault(string frame)
    {
        var error = Refuse(frame);

        Assert.Equal((ErrorCode.MalformedJson, 5L), (error.Code, error.Id));
        Assert.StartsWith("a request is valid JSON: ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("(send one JSON object per text frame)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldRefuseAnEmptyFrame()
    {
        var error = Refuse(string.Empty);

        Assert.Equal(ErrorCode.MalformedJson, error.Code);
        Assert.StartsWith("a request is valid JSON: ", error.Message, StringComparison.Ordinal);
        Assert.Null(error.Id);
    }

    [Fact]
    public void ShouldRefuseARequestNestedDeeperThanFourLevels()
    {
        Assert.Equal(RequestOp.Ping, Parse("{\"op\":\"ping\",\"x\":[[[1]]]}").Op);

        var error = Refuse("{\"id\":3,\"op\":\"ping\",\"x\":[[[[1]]]]}");

        Assert.Equal((ErrorCode.MalformedJson, 3L), (error.Code, error.Id));
    }

    [Theory]
    [InlineData("{\"op\":\"dance\",\"id\":2}", "op=dance")]
    [InlineData("{\"channel\":\"book\",\"id\":2}", "op=missing")]
    [InlineData("{\"op\":1,\"id\":2}", "op=missing")]
    [InlineData("{\"op\":\"SUBSCRIBE\",\"id\":2}", "op=SUBSCRIBE")]
    public void ShouldRefuseAnUnknownOpNamingWhatWasSent(string frame, string quoted)
    {
        var error = Refuse(frame);

        Assert.Equal((ErrorCode.UnknownOp, 2L), (error.Code, error.Id));
        Assert.Equal($"op must be subscribe, unsubscribe, resnapshot or ping: {quoted} (set \"op\")", error.Message);
    }

    [Theory]
    [InlineData("{\"op\":\"subscribe\",\"channel\":\"candles\",\"id\":4}", "channel=candles")]
    [InlineData("{\"op\":\"unsubscribe\",\"id\":4}", "channel=missing")]
    [InlineData("{\"op\":\"resnapshot\",\"channel\":[\"book\"],\"id\":4}", "channel=missing")]
    [InlineData("{\"op\":\"subscribe\",\"channel\":\"Book\",\"id\":4}", "channel=Book")]
    public void ShouldRefuseAnUnknownChannelNamingWhatWasSent(string frame, string quoted)
    {
        var error = Refuse(frame);

        Assert.Equal((ErrorCode.UnknownChannel, 4L), (error.Code, error.Id));
        Assert.Equal($"channel must be trades, book, ticker or stats: {quoted} (set \"channel\")", error.Message);
    }

    [Theory]
    [InlineData("7", "depth=7")]
    [InlineData("0", "depth=0")]
    [InlineData("-10", "depth=-10")]
    [InlineData("10.0", "depth=10.0")]
    [InlineData("1e1", "depth=1e1")]
    [InlineData("4294967306", "depth=4294967306")]
    [InlineData("\"10\"", "depth=\"10\"")]
    [InlineData("{\"n\":10}", "depth=an object")]
    [InlineData("[10]", "depth=an array")]
    [InlineData("null", "depth=null")]
    [InlineData("true", "depth=true")]
    public void ShouldRefuseABookDepthThatIsNotOneOfTheSupportedNumbersQuotingItAsSent(string depth, string quoted)
    {
        var error = Refuse($"{{\"op\":\"subscribe\",\"channel\":\"book\",\"depth\":{depth},\"id\":9}}");

        Assert.Equal((ErrorCode.UnsupportedDepth, 9L), (error.Code, error.Id));
        Assert.Equal($"book depth is a number, one of 1, 5, 10, 25, 50, 100: {quoted} (pick the next larger depth and cut it client-side; send it as a number, e.g. \"depth\":10)", error.Message);
    }

    [Fact]
    public void ShouldAcceptEverySupportedDepthAndOnlyThose()
    {
        foreach (var depth in ServerSettings.BookDepths)
        {
            Assert.Equal(depth, Parse($"{{\"op\":\"subscribe\",\"channel\":\"book\",\"depth\":{depth}}}").Pattern!.Depth);
            Assert.Equal(ErrorCode.UnsupportedDepth, Refuse($"{{\"op\":\"subscribe\",\"channel\":\"book\",\"depth\":{depth + 1}}}").Code);
        }
    }

    [Fact]
    public void ShouldCheckTheDepthAgainstTheListItIsGiven()
    {
        Assert.True(RequestParser.TryParse("{\"op\":\"subscribe\",\"channel\":\"book\",\"depth\":7}"u8, [7], out var request, out _));
        Assert.Equal(7, request.Pattern!.Depth);

        Assert.False(RequestParser.TryParse("{\"op\":\"subscribe\",\"channel\":\"book\"}"u8, [7], out _, out var error));
        Assert.Equal("book depth is a number, one of 7: depth= (pick the next larger depth and cut it client-side; send it as a number, e.g. \"depth\":10)", error.Message);
    }

    [Fact]
    public void ShouldQuoteALongValueOnlyInPart()
    {
        var sent = new string('9', 400);

        var error = Refuse($"{{\"op\":\"subscribe\",\"channel\":\"book\",\"depth\":\"{sent}\"}}");

        Assert.Contains("depth=\"" + new string('9', 159) + " (", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 400, error.Message);
    }

    [Fact]
    public void ShouldKeepTheMessageOfAMalformedRequestShort()
    {
        var error = Refuse("{\"op\":\"ping\",\"" + new string('x', 400) + "\" 1}");

        Assert.Equal(ErrorCode.MalformedJson, error.Code);
        Assert.True(error.Message.Length <= "a request is valid JSON: ".Length + 160 + " (send one JSON object per text frame)".Length, error.Message);
    }

    [Fact]
    public void ShouldRefuseNullDepths()
    {
        Assert.Throws<ArgumentNullException>(() => RequestParser.TryParse("{}"u8, null!, out _, out _));
    }

    [Fact]
    public void ShouldUseOneSharedStringForRepeatedExchangeAndSymbolNames()
    {
        var first = Parse("{\"op\":\"subscribe\",\"channel\":\"trades\",\"exchange\":\"bitstamp\",\"symbol\":\"XRP-EUR\"}").Pattern!;
        var second = Parse("{\"op\":\"subscribe\",\"channel\":\"trades\",\"exchange\":\"bitstamp\",\"symbol\":\"XRP-EUR\"}").Pattern!;

        Assert.Same(first.Exchange, second.Exchange);
        Assert.Same(first.Symbol, second.Symbol);
    }

    private static ClientRequest Parse(string frame)
    {
        Assert.True(RequestParser.TryParse(Encoding.UTF8.GetBytes(frame), ServerSettings.BookDepths, out var request, out var error), error.Message);
        return request;
    }

    private static RequestError Refuse(string frame)
    {
        Assert.False(RequestParser.TryParse(Encoding.UTF8.GetBytes(frame), ServerSettings.BookDepths, out _, out var error));
        return error;
    }
}
