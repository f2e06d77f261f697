using System.Net.WebSockets;
using AlphaPulse.Simulator.Hosting;
using AlphaPulse.Simulator.Recording;
using AlphaPulse.Simulator.Tests.Support;
using static AlphaPulse.Simulator.Tests.Support.RunningSimulator;

namespace AlphaPulse.Simulator.Tests.Recording;

public sealed class RecordReplayTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"simulator-{Guid.NewGuid():N}.aprec");

    [Theory]
    [InlineData("max")]
    [InlineData("original")]
    public async Task ShouldReplayARecordingFrameForFrame(string speedName)
    {
        var speed = Enum.Parse<ReplaySpeed>(speedName, ignoreCase: true);
        List<string> recorded;
        await using (var live = await RunningSimulator.StartAsync())
        {
            var settings = new SimulatorSettings { Mode = SimulatorMode.Record, Url = new Uri(live.WebSocketBase, "/stream?streams=btcusdt@depth/btcusdt@trade").ToString(), File = _file, Messages = 150 };
            using var upstream = await live.ConnectAsync("/stream?streams=btcusdt@depth/btcusdt@trade");
            await using (var file = File.Create(_file))
            {
                Assert.Equal(150, await Recorder.RecordAsync(upstream, settings, file, CancellationToken.None));
            }
            recorded = RecordingFile.Read(_file).Frames.Select(f => System.Text.Encoding.UTF8.GetString(f.Payload)).ToList();
        }

        await using var replay = await RunningSimulator.StartAsync(new SimulatorSettings { Mode = SimulatorMode.Replay, File = _file, Speed = speed });
        using var socket = await replay.ConnectAsync("/any/path");
        var replayed = new List<string>();
        while (await ReceiveTextAsync(socket) is { } text)
        {
            replayed.Add(text);
        }

        Assert.Equal(recorded, replayed);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
    }

    [Fact]
    public void ShouldRoundTripTheFileFormatIncludingLongGapsAndBinaryFrames()
    {
        using (var file = File.Create(_file))
        {
            RecordingFile.WriteHeader(file, "wss://stream.binance.com:9443/ws/btcusdt@depth", 1_700_000_000_000_000);
            RecordingFile.WriteFrame(file, 0, WebSocketMessageType.Text, "{}"u8);
            RecordingFile.WriteFrame(file, 86_400_000_000, WebSocketMessageType.Binary, new byte[300]);
        }

        var recording = RecordingFile.Read(_file);

        Assert.Equal("wss://stream.binance.com:9443/ws/btcusdt@depth", recording.Url);
        Assert.Equal(1_700_000_000_000_000, recording.StartUnixMicros);
        Assert.Equal([0L, 86_400_000_000], recording.Frames.Select(f => f.OffsetMicros));
        Assert.Equal(WebSocketMessageType.Binary, recording.Frames[1].Type);
        Assert.Equal(300, recording.Frames[1].Payload.Length);
    }

    public void Dispose() => File.Delete(_file);
}
