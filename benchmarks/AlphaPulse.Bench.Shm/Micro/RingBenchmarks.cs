using AlphaPulse.Core.SharedMemory;
using BenchmarkDotNet.Attributes;

namespace AlphaPulse.Bench.Shm.Micro;

/// <summary>
/// Cost of one publish and of one read on a ring in /dev/shm, single-threaded (no contention), with
/// allocations measured: both must be 0 bytes per operation. One instance per benchmark run.
/// </summary>
[MemoryDiagnoser]
public class RingBenchmarks
{
    private readonly PriceLevel[] _levels = [new(6_701_234, 100_000_000), new(6_701_233, 50_000_000)];
    private string _directory = string.Empty;
    private RingWriter _writer = null!;
    private RingReader _reader = null!;
    private Trade _trade;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine("/dev/shm", "alphapulse-bench-" + Environment.ProcessId);
        _ = Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, "micro.ring");
        File.Delete(path);
        _writer = RingWriter.Open(path, new RingOptions { SlotCount = 1 << 16, Instruments = [new InstrumentSpec("BTC-USD", 2, 8)] });
        _reader = RingReader.Open(path, new ReaderOptions { Start = StartPosition.Newest, Idle = IdleMode.BusySpin });
        _trade = new Trade(0, 6_701_234, 100_000_000, TradeSide.Buy, 1, 1, 1);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _reader.Dispose();
        _writer.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Description = "publish trade")]
    public long PublishTrade() => _writer.PublishTrade(_trade);

    [Benchmark(Description = "publish book delta (2+2 levels)")]
    public long PublishBookDelta() => _writer.PublishBookDelta(0, 1, 1, _levels, _levels, RecordFlags.BatchEnd);

    /// <summary>One publish and one read of it: read cost is this minus <see cref="PublishTrade"/>.</summary>
    [Benchmark(Description = "publish + read trade")]
    public long PublishAndReadTrade()
    {
        _ = _writer.PublishTrade(_trade);
        return _reader.TryRead(out var record) ? record.Trade.Price : 0;
    }
}
