using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: Xunit.TestFramework("AlphaPulse.WebSocketServer.Tests.Infrastructure.SynchronousReportingFramework", "AlphaPulse.WebSocketServer.Tests")]

namespace AlphaPulse.WebSocketServer.Tests.Infrastructure;

/// <summary>
/// xUnit's own framework, reporting each test's start and end on the test's thread as it happens.
/// By default xUnit queues those messages and delivers them later from a thread of its own, so Stryker's
/// coverage collector, which reads what a test executed when it hears the test end, credited the code of
/// a millisecond unit test to the server test heard ending next: mutants that a unit test kills were run
/// against the wrong tests and counted as survivors.
/// </summary>
public sealed class SynchronousReportingFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        protected override void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            executionOptions.SetValue("xunit.execution.SynchronousMessageReporting", true);
            base.RunTestCases(testCases, executionMessageSink, executionOptions);
        }
    }
}
