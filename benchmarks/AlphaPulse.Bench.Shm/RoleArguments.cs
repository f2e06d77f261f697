using System.Globalization;

namespace AlphaPulse.Bench.Shm;

/// <summary>
/// Arguments of a harness child: <c>--role NAME --path P --count N --rate R --warmup W --cpu C</c>,
/// plus the <see cref="HarnessSettings"/> flags. Rate 0 means full speed. Immutable.
/// </summary>
internal sealed record RoleArguments(string Role, string Path, long Count, long Rate, long Warmup, int Cpu, HarnessSettings Settings)
{
    public static RoleArguments Parse(string[] args)
    {
        string Get(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"harness role needs {name}: args='{string.Join(' ', args)}'");
        }

        long Number(string name) => long.Parse(Get(name), CultureInfo.InvariantCulture);
        return new RoleArguments(Get("--role"), Get("--path"), Number("--count"), Number("--rate"), Number("--warmup"), (int)Number("--cpu"), HarnessSettings.Parse(args));
    }

    public string[] ToArgs() =>
    [
        "--role", Role, "--path", Path,
        "--count", Count.ToString(CultureInfo.InvariantCulture), "--rate", Rate.ToString(CultureInfo.InvariantCulture),
        "--warmup", Warmup.ToString(CultureInfo.InvariantCulture), "--cpu", Cpu.ToString(CultureInfo.InvariantCulture),
        .. Settings.ToArgs(),
    ];
}
