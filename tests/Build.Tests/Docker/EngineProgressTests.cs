using AlphaPulse.Build.Docker;
using Docker.DotNet.Models;

namespace AlphaPulse.Build.Tests.Docker;

public sealed class EngineProgressTests
{
    [Fact]
    public void ShouldKeepTheFirstErrorTheEngineReportsInTheStream()
    {
        var lines = new List<string>();
        var progress = new EngineProgress(lines.Add);

        progress.Report(new JSONMessage { Stream = "Step 1/3 : FROM alphapulse/base:bookworm\n" });
        progress.Report(new JSONMessage { Error = new JSONError { Message = "The command '/bin/sh -c false' returned a non-zero code: 1" }, ErrorMessage = "ignored twin" });
        progress.Report(new JSONMessage { ErrorMessage = "a later error" });

        Assert.Equal("The command '/bin/sh -c false' returned a non-zero code: 1", progress.Error);
        Assert.Equal("Step 1/3 : FROM alphapulse/base:bookworm", lines[0]);
    }

    [Fact]
    public void ShouldReportNoErrorAndTheImageIdOfASuccessfulBuild()
    {
        var progress = new EngineProgress(_ => { });

        progress.Report(new JSONMessage { Stream = " ---> 108433c1a094\nSuccessfully built 108433c1a094\n" });
        progress.Report(new JSONMessage { Status = "Pushed", ID = "a1b2" });

        Assert.Null(progress.Error);
        Assert.Equal("108433c1a094", progress.ImageId);
    }
}
