using AlphaPulse.Bench.Bindings;
using AlphaPulse.Bench.Reporting;

// dotnet benchmarks/AlphaPulse.Bench.Bindings/bin/Release/net10.0/AlphaPulse.Bench.Bindings.dll --suite bindings [--quick] --output DIR [--gate name=x]...
// Exit 0 when the suite ran (the build reads the gates from the JSON); 1 when the run broke; 2 on bad arguments.
if (!SuiteArguments.TryParse(args, "bindings", out var arguments))
{
    return 2;
}

return BindingsSuite.Run(arguments);
