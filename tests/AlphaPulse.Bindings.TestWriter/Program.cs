using System.Globalization;
using AlphaPulse.Bindings.TestWriter;
using AlphaPulse.Core.SharedMemory;
using AlphaPulse.Core.TestProcess;

// A writer process for the Python bindings' tests and bench (tests/AlphaPulse.Bindings.Tests, bench_bindings.py).
// It speaks one line per event on stdout ("ready", "done", "expected {json}") and waits for a line on stdin where
// the caller must attach a reader first. Usage: <mode> <ring path, or folder for market> [count] [interval µs].
ParentWatch.Start();
var mode = args.Length >= 2 ? args[0] : throw new ArgumentException("usage: edge|lap|stream|market <ring path or folder> [count] [interval-us]");
var path = args[1];
switch (mode)
{
    case "edge":
        EdgeScenario.Run(path);
        return 0;

    case "lap":
        {
            // A 64-slot ring, the reader attached before the first record, then many more records than slots.
            var count = int.Parse(args[2], CultureInfo.InvariantCulture);
            var options = new RingOptions { SlotSize = 256, SlotCount = 64, Instruments = [new InstrumentSpec("LAP-USD", 2, 4)] };
            using var writer = RingWriter.Open(path, options);
            Console.WriteLine("ready");
            _ = Console.ReadLine();
            for (var i = 1; i <= count; i++)
            {
                _ = writer.PublishTrade(new Trade(0, 100 + i, 1, TradeSide.Buy, (ulong)i, i, i));
            }
            Console.WriteLine("done");
            return 0;
        }

    case "market":
        MarketScenario.Run(path);
        return 0;

    case "stream":
        StreamScenario.Run(path, long.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture));
        return 0;

    default:
        throw new ArgumentException($"a mode is edge, lap, stream or market: mode='{mode}' (see tests/AlphaPulse.Bindings.TestWriter/Program.cs)");
}
