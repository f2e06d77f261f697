using System.Text;
using AlphaPulse.Collector.Adapters;
using AlphaPulse.Collector.Adapters.Binance;
using AlphaPulse.Collector.Configuration;
using AlphaPulse.Collector.Pipeline;
using AlphaPulse.Core.SharedMemory;
using Microsoft.Extensions.Logging.Abstractions;

namespace AlphaPulse.Collector.Tests.Support;

/// <summary>
/// An exchange session (Binance unless another adapter is given) wired to a real publisher over a real ring in
/// a temp directory, driven frame by frame through the production <see cref="FramePipeline"/>, with REST
/// snapshots the test answers (Binance) and every request the session sends captured (Coinbase, Kraken).
/// </summary>
internal sealed class SessionHarness : IDisposable
{
    public const byte Scale = 8;

    private readonly TempDirectory _directory = new();
    private readonly CancellationTokenSource _connection = new();

    public SessionHarness(params string[] symbols)
        : this(1000, symbols)
    {
    }

    public SessionHarness(int depth, params string[] symbols)
        : this(null, depth, symbols)
    {
    }

    /// <param name="adapter">The exchange; null for Binance with <see cref="Snapshots"/> as its REST source.</param>
    /// <param name="depth">Book depth (Binance snapshot limit, Kraken subscription depth, published snapshots).</param>
    /// <param name="symbols">Normalised symbols; instrument ids in this order.</param>
    public SessionHarness(IExchangeAdapter? adapter, int depth, params string[] symbols)
        : this(adapter, depth, simulatorUpdateIds: false, symbols)
    {
    }

    /// <param name="adapter">The exchange; null for Binance with <see cref="Snapshots"/> as its REST source.</param>
    /// <param name="depth">Book depth (Binance snapshot limit, Kraken subscription depth, published snapshots).</param>
    /// <param name="simulatorUpdateIds">The connection asked the simulator for its <c>sim_update_id</c> (<see cref="FeedContext.SimulatorUpdateIds"/>).</param>
    /// <param name="symbols">Normalised symbols; instrument ids in this order.</param>
    public SessionHarness(IExchangeAdapter? adapter, int depth, bool simulatorUpdateIds, params string[] symbols)
    {
        Snapshots = new FakeSnapshotSource();
        adapter ??= new BinanceAdapter(Snapshots);
        var instruments = new InstrumentBinding[symbols.Length];
        var specs = new InstrumentSpec[symbols.Length];
        for (var i = 0; i < symbols.Length; i++)
        {
            _ = SymbolName.TryParse(symbols[i], out var symbol);
            _ = adapter.TryMapSymbol(symbol, out var exchangeSymbol);
            instruments[i] = new InstrumentBinding((ushort)i, symbol, exchangeSymbol);
            specs[i] = new InstrumentSpec(symbol.ToString(), Scale, Scale);
        }

        RingPath = Path.Combine(_directory.Path, adapter.Name + "-test.ring");
        Ring = RingWriter.Open(RingPath, new RingOptions { SlotCount = 1 << 12, Instruments = specs });
        Counters = new FeedCounters();
        Publisher = new BookPublisher(Ring, depth, Counters, receiveToPublish: null, adapter.HasBookSequence);
        Pipeline = new FramePipeline(Counters, NullLogger.Instance);
        Session = adapter.CreateSession(new FeedContext
        {
            Instruments = instruments,
            Sink = Publisher,
            Gate = Pipeline.Gate,
            Counters = Counters,
            BookDepth = depth,
            PriceScale = Scale,
            SizeScale = Scale,
            Logger = NullLogger.Instance,
            SimulatorUpdateIds = simulatorUpdateIds,
            ConnectionClosed = _connection.Token,
        });
        Session.OnConnectedAsync(Sent, _connection.Token).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Requests the session sent (subscriptions, resubscriptions).</summary>
    public CapturingSender Sent { get; } = new();

    public string RingPath { get; }

    public RingWriter Ring { get; }

    public FeedCounters Counters { get; }

    public BookPublisher Publisher { get; }

    public FramePipeline Pipeline { get; }

    public FakeSnapshotSource Snapshots { get; }

    public IFeedSession Session { get; }

    public FrameOutcome Send(string json) => Send(Encoding.UTF8.GetBytes(json));

    public FrameOutcome Send(byte[] frame) => Pipeline.Process(Session, frame, receiveTime: 1);

    public RingBooks ReadRing() => new RingBooks(RingPath).Drain();

    /// <summary>The connection ends (as the pipeline signals it): the session's pending work must stop touching the sink.</summary>
    public void CloseConnection() => _connection.Cancel();

    /// <summary>Fixed point at the harness's scale: <c>P("0.0024")</c>.</summary>
    public static long P(string text) => AlphaPulse.Core.FixedPoint.Parse(Encoding.UTF8.GetBytes(text), Scale);

    public void Dispose()
    {
        _connection.Cancel();
        Session.Dispose();
        Ring.Dispose();
        _connection.Dispose();
        _directory.Dispose();
    }
}
