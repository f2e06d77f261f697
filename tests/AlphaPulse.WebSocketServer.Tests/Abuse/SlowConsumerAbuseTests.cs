using System.Diagnostics;
using System.Net.WebSockets;
using AlphaPulse.WebSocketServer.Configuration;
using AlphaPulse.WebSocketServer.Diagnostics;
using AlphaPulse.WebSocketServer.Tests.Infrastructure;

namespace AlphaPulse.WebSocketServer.Tests.Abuse;

/// <summary>
/// Clients that stop reading, of every subscription kind that can outrun a reader: dropped or
/// conflated within the grace period and recovering when they read again, closed with a 1008 frame
/// (counted) when they do not, and never costing the bystander a message.
/// </summary>
[Collection(AbuseCases.Name)]
public sealed class SlowConsumerAbuseTests
{
    /// <summary>Small enough that a stalled reader overflows it in well under a second of bursts, large enough that the bystander on a loaded machine does not.</summary>
    private const int Budget = 256 * 1024;

    /// <summary>Consecutive messages after the loss that show the stream is whole again.</summary>
    private const int Recovered = 20;

    [Theory]
    [InlineData("trades")]
    [InlineData("ticker")]
    [InlineData("book")]
    public async Task ShouldDropForASlowConsumerWithinTheGraceAndRecoverWhenItReadsAgain(string channel)
    {
        await using var arena = await Arena.StartAsync(settings => settings with { SlowConsumerPolicy = SlowConsumerPolicy.Conflate, ClientByteBudget = Budget, SlowConsumerGrace = TimeSpan.FromMinutes(10) });
        using (var slow = await arena.Server.ConnectAsync(tinyReceiveBuffer: true))
        {
            await slow.SubscribeAsync(channel, Arena.Exchange, Arena.Symbol, channel == "book" ? 10 : null);
            var lossBefore = ServerMetrics.Dropped.Value + ServerMetrics.Conflations.Value;

            // It reads nothing while the ring bursts: the server must shed its messages, not queue them.
            await arena.PublishBurstsUntilAsync(() => ServerMetrics.Dropped.Value + ServerMetrics.Conflations.Value > lossBefore);

            await ReadUntilRecoveredAsync(slow, channel);
        }

        await arena.AssertUnharmedAsync();
    }

    [Fact]
    public async Task ShouldGiveATradesOnlyClientAFreshGraceEachTimeItFallsBehind()
    {
        var grace = TimeSpan.FromMilliseconds(1500);
        await using var arena = await Arena.StartAsync(settings => settings with { SlowConsumerPolicy = SlowConsumerPolicy.Conflate, ClientByteBudget = Budget, SlowConsumerGrace = grace });
        using (var slow = await arena.Server.ConnectAsync(tinyReceiveBuffer: true))
        {
            await slow.SubscribeAsync("trades", Arena.Exchange, Arena.Symbol, id: 1);
            await slow.SubscribeAsync("ticker", Arena.Exchange, Arena.Symbol, id: 2);

            // First episode: behind, then caught up and reading normally for longer than the grace.
            var droppedBefore = ServerMetrics.Dropped.Value;
            await arena.PublishBurstsUntilAsync(() => ServerMetrics.Dropped.Value > droppedBefore);
            var reading = Stopwatch.StartNew();
            await slow.ReceiveUntilAsync("reading past the grace period", frame =>
            {
                Assert.NotEqual(WebSocketMessageType.Close, frame.Kind);
                return reading.Elapsed > grace + grace;
            });

            // Second episode: the documented grace again, so drops before any close.
            droppedBefore = ServerMetrics.Dropped.Value;
            var closesBefore = ServerMetrics.SlowConsumerCloses.Value;
            await arena.PublishBurstsUntilAsync(() => ServerMetrics.Dropped.Value > droppedBefore || ServerMetrics.SlowConsumerCloses.Value > closesBefore);

            Assert.True(ServerMetrics.SlowConsumerCloses.Value == closesBefore, "a client that had caught up was closed at once when it fell behind again, with no grace");
            Assert.True(ServerMetrics.Dropped.Value > droppedBefore);
        }

        await arena.AssertUnharmedAsync();
    }

    [Fact]
    public async Task ShouldCountTheSlowConsumerCloseAndDropAClientThatReadsNothingAfterTheCloseTimeout()
    {
        await using var arena = await Arena.StartAsync(settings => settings with { SlowConsumerPolicy = SlowConsumerPolicy.Close, ClientByteBudget = Budget, CloseTimeout = TimeSpan.FromMilliseconds(500) });
        var closes1008Before = ServerMetrics.Closes.WithLabels("1008").Value;
        var abortsBefore = ServerMetrics.CloseAborts.Value;
        using (var stalled = await arena.Server.ConnectAsync(tinyReceiveBuffer: true))
        {
            await stalled.SubscribeAsync("trades", Arena.Exchange, Arena.Symbol);
            var closesBefore = ServerMetrics.SlowConsumerCloses.Value;

            await arena.PublishBurstsUntilAsync(() => ServerMetrics.SlowConsumerCloses.Value > closesBefore);

            // It still reads nothing: the close frame cannot pass the data in flight, so the bounded wait ends in an abort.
            await arena.PublishBurstsUntilAsync(() => ServerMetrics.CloseAborts.Value > abortsBefore);
            Assert.Equal(closes1008Before + 1, ServerMetrics.Closes.WithLabels("1008").Value);
        }

        await arena.AssertUnharmedAsync();
    }

    [Fact]
    public async Task ShouldSendTheSlowConsumerA1008CloseFrameWhenItReadsWithinTheCloseTimeout()
    {
        await using var arena = await Arena.StartAsync(settings => settings with { SlowConsumerPolicy = SlowConsumerPolicy.Close, ClientByteBudget = Budget });
        var abortsBefore = ServerMetrics.CloseAborts.Value;
        using (var slow = await arena.Server.ConnectAsync(tinyReceiveBuffer: true))
        {
            await slow.SubscribeAsync("trades", Arena.Exchange, Arena.Symbol);
            var closesBefore = ServerMetrics.SlowConsumerCloses.Value;

            await arena.PublishBurstsUntilAsync(() => ServerMetrics.SlowConsumerCloses.Value > closesBefore);
            var close = await slow.ReceiveCloseAsync();

            Assert.Equal(WebSocketCloseStatus.PolicyViolation, close.CloseStatus);
            Assert.Equal("slow consumer: queued bytes exceeded the budget", close.CloseReason);
            Assert.Equal(abortsBefore, ServerMetrics.CloseAborts.Value);
        }

        await arena.AssertUnharmedAsync();
    }

    /// <summary>
    /// Reads again after the loss: trades and tickers show the loss as a seq jump, books as a fresh
    /// snapshot; then <see cref="Recovered"/> consecutive messages follow, and no close.
    /// </summary>
    private static async Task ReadUntilRecoveredAsync(TestClient client, string channel)
    {
        var lossSeen = false;
        var run = 0;
        var last = -1L;
        var snapshots = 0;
        await client.ReceiveUntilAsync($"a {channel} stream whole again after the loss", frame =>
        {
            Assert.False(frame.Kind == WebSocketMessageType.Close, $"the slow client was closed within its grace: {frame.CloseStatus} {frame.CloseReason}");
            if (frame.Kind != WebSocketMessageType.Text || frame.Type is "heartbeat" or "subscribed" or "stats" or "pong")
            {
                return false;
            }

            var seq = frame.Seq;
            if (frame.Type == "book_snapshot")
            {
                // The first snapshot answers the subscribe; a later one replaces conflated deltas.
                lossSeen |= ++snapshots > 1;
                run = 0;
            }
            else if (last >= 0 && seq != last + 1)
            {
                Assert.True(channel != "book", $"a book delta skipped seq {last} → {seq} without a snapshot");
                lossSeen = true;
                run = 0;
            }
            else
            {
                run++;
            }

            last = seq;
            return lossSeen && run >= Recovered;
        });
    }
}
