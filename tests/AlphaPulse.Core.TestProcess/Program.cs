using System.Globalization;
using AlphaPulse.Core.SharedMemory;
using AlphaPulse.Core.TestProcess;

// A child process for the Core tests. It speaks one line per event on stdout ("ready", "done",
// "result ...") and waits for "go" on stdin where the test must attach readers first.
ParentWatch.Start();
var mode = args[0];
var path = args[1];
var options = new RingOptions
{
    SlotSize = 128,
    SlotCount = args.Length > 3 && mode is "publish" or "publish-forever" or "validate" ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1024,
    Instruments = [new InstrumentSpec("TEST-USD", 8, 8)],
};

switch (mode)
{
    case "hold":
        using (var writer = RingWriter.Open(path, options))
        {
            Console.WriteLine($"ready {Environment.ProcessId} {writer.Epoch}");
            _ = Console.ReadLine();
        }

        return 0;

    case "publish":
        {
            var count = long.Parse(args[2], CultureInfo.InvariantCulture);
            using var writer = RingWriter.Open(path, options);
            Console.WriteLine($"ready {Environment.ProcessId} {writer.Epoch}");
            _ = Console.ReadLine();
            for (ulong i = 1; i <= (ulong)count; i++)
            {
                _ = writer.PublishTrade(ChecksummedTrades.Create(i));
            }

            _ = writer.PublishHeartbeat(-1);
            Console.WriteLine("done");
            return 0;
        }

    case "publish-forever":
        {
            // Paced (about 100 records per millisecond) so a reader in the test keeps up; killed with SIGKILL.
            using var writer = RingWriter.Open(path, options);
            Console.WriteLine($"ready {Environment.ProcessId} {writer.Epoch}");
            for (ulong i = 1; ; i++)
            {
                _ = writer.PublishTrade(ChecksummedTrades.Create(i));
                if (i % 100 == 0)
                {
                    Thread.Sleep(1);
                }
            }
        }

    case "publish-paced":
        {
            // A short busy pause after each record keeps a spinning reader at the head of the ring,
            // where it races every publish: the reader sees each claim, write and commit as they happen.
            var count = long.Parse(args[2], CultureInfo.InvariantCulture);
            using var writer = RingWriter.Open(path, options);
            Console.WriteLine($"ready {Environment.ProcessId} {writer.Epoch}");
            _ = Console.ReadLine();
            for (ulong i = 1; i <= (ulong)count; i++)
            {
                _ = writer.PublishTrade(ChecksummedTrades.Create(i));
                Pause.Briefly();
            }

            Console.WriteLine("done");
            return 0;
        }

    case "publish-wide-snapshots":
        {
            // One-record 4 KiB snapshots as fast as possible, so that a test stopping this process (SIGSTOP) mostly stops
            // it half-way through writing one. Record n (= its ring sequence) carries exchange sequence n and pattern
            // n % 3, which differs from that of the record it overwrites (n - 64): a half-written record mixes two.
            using var writer = RingWriter.Open(path, new RingOptions { SlotSize = 4096, SlotCount = 64, Instruments = options.Instruments });
            var patterns = WideSnapshots.Patterns(writer.MaxLevelsPerRecord);
            Console.WriteLine($"ready {Environment.ProcessId} {writer.Epoch}");
            for (var n = 1L; ; n++)
            {
                _ = writer.PublishBookSnapshot(0, n, n, patterns[n % 3], default);
            }
        }

    case "publish-skipping-claim":
        {
            // The broken writer a torn-read check must catch: whole records, then one it stops writing
            // half-way (after "writing <sequence>") until the test has read the slot and says "go".
            var count = long.Parse(args[2], CultureInfo.InvariantCulture);
            using var writer = RingWriter.Open(path, options);
            using var raw = new RawRing(path, options);
            for (var sequence = 1L; sequence <= count; sequence++)
            {
                ProtocolSteps.PublishSkippingClaim(raw, writer.Epoch, sequence, ChecksummedTrades.Create((ulong)sequence), static () => { });
            }

            var torn = count + 1;
            ProtocolSteps.PublishSkippingClaim(raw, writer.Epoch, torn, ChecksummedTrades.Create((ulong)torn), () =>
            {
                Console.WriteLine($"writing {torn}");
                _ = Console.ReadLine();
            });
            Console.WriteLine("done");
            return 0;
        }

    case "crash-after":
        {
            // Publishes whole records, then the next one only up to the named step, and waits for
            // SIGKILL: a writer that died in the middle of the publish protocol.
            var step = Array.IndexOf(ProtocolSteps.Names, args[2]);
            var committed = long.Parse(args[3], CultureInfo.InvariantCulture);
            using var writer = RingWriter.Open(path, options);
            for (ulong i = 1; i <= (ulong)committed; i++)
            {
                _ = writer.PublishTrade(ChecksummedTrades.Create(i));
            }

            using var raw = new RawRing(path, options);
            var sequence = writer.LastSequence + 1;
            ProtocolSteps.PublishUntil(raw, writer.Epoch, sequence, ChecksummedTrades.Create((ulong)sequence), step);
            Console.WriteLine($"crashed-after {ProtocolSteps.Names[step]} {sequence}");
            _ = Console.ReadLine();
            return 1;
        }

    case "validate":
        {
            var count = long.Parse(args[2], CultureInfo.InvariantCulture);
            using var reader = RingReader.Open(path, new ReaderOptions { Start = StartPosition.Oldest });
            Console.WriteLine("ready");
            long valid = 0, invalid = 0, outOfOrder = 0, last = 0;
            while (true)
            {
                if (!reader.Read(out var record, CancellationToken.None))
                {
                    continue;
                }

                if (record.Sequence <= last)
                {
                    outOfOrder++;
                }

                last = record.Sequence;
                if (record.Type == RecordType.Heartbeat && record.HeartbeatWallClock == -1)
                {
                    break;
                }

                var trade = record.Type == RecordType.Trade ? record.Trade : default;
                if (record.Type == RecordType.Trade && ChecksummedTrades.IsValid(trade) && trade.ReceiveTime == record.Sequence)
                {
                    valid++;
                }
                else
                {
                    invalid++;
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"result valid={valid} invalid={invalid} lost={reader.Lost} lapped={reader.Lapped} outOfOrder={outOfOrder} expected={count}"));
            return 0;
        }

    case "books":
        return BookScript.Run(path, int.Parse(args[2], CultureInfo.InvariantCulture));

    case "pin":
        // args[1] is a comma-separated core list here, not a ring path.
        return PinScript.Run(args[1]);

    case "open-without-dac":
        {
            Capabilities.DropFileAccessOverrides();
            try
            {
                if (args[2] == "writer")
                {
                    RingWriter.Open(path, options).Dispose();
                }
                else
                {
                    RingReader.Open(path).Dispose();
                }

                Console.WriteLine("opened");
            }
            catch (SharedMemoryException e)
            {
                Console.WriteLine($"refused {e.Error} {e.Message}");
            }

            return 0;
        }

    default:
        Console.Error.WriteLine($"unknown mode: mode={mode} (use hold, publish, publish-forever, publish-paced, publish-wide-snapshots, publish-skipping-claim, crash-after, validate, books, pin or open-without-dac)");
        return 2;
}
