using AlphaPulse.Build.Docker;
using AlphaPulse.Build.Engine;

namespace AlphaPulse.Build.Tests.Docker;

public sealed class DockerHostTests
{
    [Fact]
    public void ShouldUseTheDefaultSocketWhenDockerHostIsUnset()
    {
        var host = DockerHost.Parse(null);

        Assert.True(host.IsUnixSocket);
        Assert.Equal("unix:///var/run/docker.sock", host.ToString());
    }

    [Fact]
    public void ShouldKeepTheSocketPathOfAUnixEndpoint()
    {
        var host = DockerHost.Parse("unix:///run/alphapulse-docker.sock");

        Assert.Equal("/run/alphapulse-docker.sock", host.Endpoint.AbsolutePath);
        Assert.Equal("unix:///run/alphapulse-docker.sock", host.ToString());
    }

    [Theory]
    [InlineData("tcp://10.0.0.5:2376", "http://10.0.0.5:2376/")]
    [InlineData("tcp://docker.internal", "http://docker.internal:2375/")]
    public void ShouldTurnATcpEndpointIntoHttpWithDockersDefaultPort(string value, string expected) =>
        Assert.Equal(expected, DockerHost.Parse(value).Endpoint.ToString());

    [Theory]
    [InlineData("npipe:////./pipe/docker_engine", "unix:// or tcp://")]
    [InlineData("unix://relative.sock", "absolute path")]
    [InlineData("tcp://host:2375/some/path", "host:port")]
    public void ShouldRefuseAnEndpointItCannotReachNamingTheValue(string value, string rule)
    {
        var error = Assert.Throws<BuildException>(() => DockerHost.Parse(value));

        Assert.Contains(rule, error.Message, StringComparison.Ordinal);
        Assert.Contains($"DOCKER_HOST='{value}'", error.Message, StringComparison.Ordinal);
    }
}
