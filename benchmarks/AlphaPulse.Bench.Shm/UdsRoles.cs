using System.Buffers.Binary;
using System.Globalization;
using System.Net.Sockets;
using AlphaPulse.Core;
using AlphaPulse.Core.SharedMemory;

namespace AlphaPulse.Bench.Shm;

/// <summary>
/// The Unix-domain-socket baseline: the same messages (a trade record's 80 bytes, with index, intended
/// and publish times), the same schedule, a blocking stream socket between two pinned processes.
/// </summary>
internal static class UdsRoles
{
    private const int MessageLength = SlotDescriptor.HeaderLength + SlotDescriptor.TradeLength;

    public static int Reader(RoleArguments a)
    {
        var pinned = a.Settings.Apply(a.Cpu);
        File.Delete(a.Path);
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(a.Path));
        listener.Listen(1);
        Console.WriteLine("ready");
        using var connection = listener.Accept();

        var recorder = new LatencyRecorder();
        var buffer = new byte[MessageLength];
        while (true)
        {
            for (var read = 0; read < MessageLength;)
            {
                read += connection.Receive(buffer, read, MessageLength - read, SocketFlags.None);
            }

            var received = MonotonicClock.NowNanoseconds();
            var index = BinaryPrimitives.ReadInt64LittleEndian(buffer);
            if (index == ShmRoles.EndMarker)
            {
                break;
            }

            if (index >= a.Warmup)
            {
                recorder.Record(BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(8)), BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(16)), received);
            }
        }

        Console.WriteLine(recorder.ResultLine(string.Create(CultureInfo.InvariantCulture, $"lost=0 lapped=0 alloc=0 pinned={pinned}"), a.Path + LatencyRecorder.HistogramSuffix));
        return 0;
    }

    public static int Writer(RoleArguments a)
    {
        var pinned = a.Settings.Apply(a.Cpu);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(a.Path));
        Console.WriteLine("ready");
        _ = Console.ReadLine();

        var buffer = new byte[MessageLength];
        var schedule = new SendSchedule(a.Rate);
        for (long i = 0; i < a.Count; i++)
        {
            var intended = schedule.WaitFor(i);
            BinaryPrimitives.WriteInt64LittleEndian(buffer, i);
            BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(8), intended);
            BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(16), MonotonicClock.NowNanoseconds());
            _ = socket.Send(buffer);
        }

        var elapsed = MonotonicClock.NowNanoseconds() - schedule.Start;
        BinaryPrimitives.WriteInt64LittleEndian(buffer, ShmRoles.EndMarker);
        _ = socket.Send(buffer);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"result rate={a.Count * 1e9 / elapsed:F0} alloc=0 pinned={pinned}"));
        return 0;
    }
}
