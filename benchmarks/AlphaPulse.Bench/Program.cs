using AlphaPulse.Bench;
using AlphaPulse.Bench.Reporting;

// dotnet run -c Release --project benchmarks/AlphaPulse.Bench -- --suite shm [--quick] --output DIR [--gate name=threshold]...
// Exit 0 when the suite ran (the build reads the gates from the JSON); 1 when the harness failed; 2 on bad arguments.
if (args.Length > 0 && args[0] == "--role")
{
    var role = RoleArguments.Parse(args);
    return role.Role switch
    {
        "shm-writer" => ShmRoles.Writer(role),
        "shm-reader" => ShmRoles.Reader(role),
        "uds-writer" => UdsRoles.Writer(role),
        "uds-reader" => UdsRoles.Reader(role),
        _ => throw new ArgumentException($"unknown harness role: role={role.Role} (use shm-writer, shm-reader, uds-writer or uds-reader)"),
    };
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
