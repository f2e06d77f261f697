using AlphaPulse.Build.Local;

namespace AlphaPulse.Build.Tests.Local;

/// <summary>Up hands its secrets to the services that need them, and only to those.</summary>
public sealed class UpSecretsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("alphapulse-up-secrets-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void ShouldWriteTokensOneALineToAFileOnlyTheOwnerCanRead()
    {
        var path = UpSecrets.WriteTokensFile(" alpha , beta,,", Path.Combine(_directory, "up", "websocket-tokens"));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(["alpha", "beta"], File.ReadAllLines(path).Where(line => !line.StartsWith('#')));
    }

    [Fact]
    public void ShouldRefuseATokenListWithNoToken()
    {
        var error = Assert.Throws<ArgumentException>(() => UpSecrets.WriteTokensFile(" , ", Path.Combine(_directory, "tokens")));
        Assert.StartsWith("--up-web-socket-tokens names no token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldGiveTheTokensFileToTheServerAndTheCoinbaseCredentialsToTheCoinbaseCollectorOnly()
    {
        var services = LocalServices.Create(FeedSource.Simulator, 100, "/dev/shm/x", new UpSecrets("/tmp/tokens", "key", "c2VjcmV0", "phrase"));

        var server = services.Single(service => service.Name == "websocket");
        var coinbase = services.Single(service => service.Name == "collector-coinbase");
        var others = services.Where(service => service.Name is not ("websocket" or "collector-coinbase"));
        Assert.Equal("/tmp/tokens", server.Environment["AUTH_TOKENS_FILE"]);
        Assert.Equal(("key", "c2VjcmV0", "phrase"), (coinbase.Environment["COINBASE_KEY"], coinbase.Environment["COINBASE_SECRET"], coinbase.Environment["COINBASE_PASSPHRASE"]));
        Assert.All(others, service => Assert.DoesNotContain(service.Environment.Keys, name => name.StartsWith("COINBASE_", StringComparison.Ordinal) || name == "AUTH_TOKENS_FILE"));
    }

    [Fact]
    public void ShouldRunWithoutAuthenticationOrCredentialsByDefault()
    {
        var services = LocalServices.Create(FeedSource.Simulator, 100, "/dev/shm/x");

        Assert.All(services, service => Assert.DoesNotContain(service.Environment.Keys, name => name.StartsWith("COINBASE_", StringComparison.Ordinal) || name == "AUTH_TOKENS_FILE"));
    }
}
