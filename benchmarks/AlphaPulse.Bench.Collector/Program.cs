using AlphaPulse.Bench.Collector;

// dotnet run -c Release --project benchmarks/AlphaPulse.Bench.Collector -- --suite collector [--quick] --output DIR [--gate throughput_msgs_per_s>=100000]
// Exit 0 when every gate passed, 1 when one failed or the run broke, 2 on bad arguments.
SuiteArguments arguments;
try
{
    arguments = SuiteArguments.Parse(args);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}

return CollectorSuite.Run(arguments);
