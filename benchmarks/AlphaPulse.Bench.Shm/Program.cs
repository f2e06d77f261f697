using AlphaPulse.Bench.Reporting;
using AlphaPulse.Bench.Shm;

// dotnet run -c Release --project benchmarks/AlphaPulse.Bench.Shm -- --suite shm [--quick] --output DIR [--gate name=threshold]...
// Exit 0 when the suite ran (the build reads the gates from the JSON); 1 when the harness failed; 2 on bad arguments.
if (args.Length > 0 && args[0] == "--role")
{
    var role = RoleArguments.Parse(args);
    return role.Role switch
    {
        "shm-writer" => ShmRoles.Writer(role),
        "shm-reader" => ShmRoles.Reader(role),
        "floor-writer" => FloorRoles.Writer(role),
        "floor-reader" => FloorRoles.Reader(role),
        "uds-writer" => UdsRoles.Writer(role),
        "uds-reader" => UdsRoles.Reader(role),
        _ => throw new ArgumentException($"unknown harness role: role={role.Role} (use shm-, floor- or uds-writer/-reader)"),
    };
}

// Issue 13's candidate study (README, Benchmarks): --study OUTPUT [ROUNDS] [MESSAGES].
if (args.Length > 1 && args[0] == "--study")
{
    return CandidateStudy.Run(args[1], args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5, args.Length > 3 ? long.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 200_000);
}

if (!SuiteArguments.TryParse(args, "shm", out var arguments))
{
    return 2;
}

try
{
    _ = Directory.CreateDirectory(arguments.Output);
    var metrics = ShmSuite.Run(arguments);
    _ = SuiteReport.Write(arguments.Output, arguments.Suite, metrics, arguments.Gates);
    return 0;
}
catch (Exception e) when (e is InvalidOperationException or IOException or ArgumentException or KeyNotFoundException)
{
    Console.Error.WriteLine($"bench: the {arguments.Suite} suite failed: {e.Message}");
    return 1;
}
