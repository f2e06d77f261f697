using AlphaPulse.Bench.Collector;
using AlphaPulse.Bench.Reporting;

// dotnet run -c Release --project benchmarks/AlphaPulse.Bench.Collector -- --suite collector [--quick] --output DIR [--gate throughput_msgs_per_s>=100000]
// Exit 0 when the suite ran (the build reads the gates from the JSON); 1 when the run broke; 2 on bad arguments.
if (!SuiteArguments.TryParse(args, "collector", out var arguments))
{
    return 2;
}

return CollectorSuite.Run(arguments);
