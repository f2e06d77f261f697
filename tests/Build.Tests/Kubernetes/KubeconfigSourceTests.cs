using System.Text;
using AlphaPulse.Build.Kubernetes;

namespace AlphaPulse.Build.Tests.Kubernetes;

public sealed class KubeconfigSourceTests : IDisposable
{
    private const string Token = "token-MARKER-0b5e";
    private const string Kubeconfig = $$"""
        apiVersion: v1
        kind: Config
        clusters:
          - name: c
            cluster: { server: "https://10.0.0.1:6443", insecure-skip-tls-verify: true }
        users:
          - name: u
            user: { token: "{{Token}}" }
        contexts:
          - name: ctx
            context: { cluster: c, user: u }
        current-context: ctx
        """;

    private readonly TempDirectory _home = new();

    public void Dispose() => _home.Dispose();

    private Dictionary<string, string> Environment(string? kubeconfig = null) =>
        kubeconfig is null ? new() { ["HOME"] = _home.Path } : new() { ["HOME"] = _home.Path, ["KUBECONFIG"] = kubeconfig };

    [Fact]
    public void ShouldTakeTheContentOfKubeconfigDataPlainOrBase64AndReturnItsTokenForMasking()
    {
        foreach (var data in new[] { Kubeconfig, Convert.ToBase64String(Encoding.UTF8.GetBytes(Kubeconfig)) })
        {
            var connection = KubeconfigSource.Resolve(null, data, Environment());

            Assert.Equal("KUBECONFIG_DATA, context ctx, server https://10.0.0.1:6443", connection.Source);
            Assert.Equal([Token], connection.Credentials);
            Assert.DoesNotContain(Token, connection.Source, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ShouldPreferTheFileNamedOnTheCommandLineThenKubeconfigDataThenKubeconfigThenHome()
    {
        var named = _home.Write("named.yaml", Kubeconfig.Replace("10.0.0.1", "10.0.0.2", StringComparison.Ordinal));
        var variable = _home.Write("variable.yaml", Kubeconfig.Replace("10.0.0.1", "10.0.0.3", StringComparison.Ordinal));
        _home.Write(".kube/config", Kubeconfig.Replace("10.0.0.1", "10.0.0.4", StringComparison.Ordinal));

        Assert.EndsWith("server https://10.0.0.2:6443", KubeconfigSource.Resolve(named, Kubeconfig, Environment(variable)).Source, StringComparison.Ordinal);
        Assert.EndsWith("server https://10.0.0.1:6443", KubeconfigSource.Resolve(null, Kubeconfig, Environment(variable)).Source, StringComparison.Ordinal);
        Assert.StartsWith("KUBECONFIG (", KubeconfigSource.Resolve(null, null, Environment(variable)).Source, StringComparison.Ordinal);
        Assert.StartsWith("~/.kube/config (", KubeconfigSource.Resolve(null, null, Environment()).Source, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldSayWhereItLookedWhenThereIsNoKubeconfig() =>
        Assert.StartsWith("a Kubernetes environment needs a kubeconfig: none in --kubeconfig, KUBECONFIG_DATA, KUBECONFIG or ",
            Assert.Throws<InvalidOperationException>(() => KubeconfigSource.Resolve(null, null, Environment())).Message, StringComparison.Ordinal);

    [Fact]
    public void ShouldRefuseBrokenContentWithoutQuotingIt()
    {
        var error = Assert.Throws<InvalidOperationException>(() => KubeconfigSource.Resolve(null, $"apiVersion: v1\nclusters: [ {{ token: {Token}", Environment()));

        Assert.StartsWith("the kubeconfig from KUBECONFIG_DATA must be a valid kubeconfig", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error.Message, StringComparison.Ordinal);
    }
}
