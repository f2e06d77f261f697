using AlphaPulse.Build.Kubernetes;
using static AlphaPulse.Build.Tests.Kubernetes.ClusterModel;

namespace AlphaPulse.Build.Tests.Kubernetes;

/// <summary>
/// The deployer's rights in deploy/k8s (the workflow's identity): every request Deploy, Smoke, Rollback and
/// Backup make is authorised against the rendered Roles and ClusterRoles as RBAC would, by
/// <see cref="FakeApiServer"/> (a model of the API server, not a cluster), so a Role that is too narrow
/// fails here, naming the request it refused.
/// </summary>
public sealed class DeployerRbacTests : IDisposable
{
    private const string Deployer = "alphapulse-deployer";
    private readonly TempDirectory _work = new();

    public void Dispose() => _work.Dispose();

    public static TheoryData<string> Environments => new(ManifestSet.Environments(ManifestsDirectory));

    /// <summary>The first deploy by a cluster administrator (no authorisation), as deploy/README.md says.</summary>
    private static async Task<FakeApiServer> BootstrappedAsync(string environment)
    {
        var api = await FakeApiServer.StartAsync();
        AnswerLikeOurServices(api);
        _ = await DeliveryTo(api, environment, "v1.0.0").DeployAsync();
        return api;
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task ShouldDeploySmokeRollBackAndBackUpWithOnlyTheDeployersRights(string environment)
    {
        await using var api = await BootstrappedAsync(environment);
        var set = ManifestSet.Render(ManifestsDirectory, environment);
        var adminBackup = await new ClusterBackup(api.Client, set).WriteAsync(Path.Combine(_work.Path, "admin"));
        api.Authorize = RbacPermissions.Of(set, Deployer).Allows;

        var deployed = await DeliveryTo(api, environment, "v2.0.0").DeployAsync();
        var smoked = await DeliveryTo(api, environment).ValidateAsync();
        var rolledBack = await DeliveryTo(api, environment).RollbackAsync(toRevision: 1);
        var backup = await new ClusterBackup(api.Client, set).WriteAsync(Path.Combine(_work.Path, "deployer"));

        Assert.Empty(api.Refused.Select(request => request.ToString()));
        Assert.All(deployed.Checks.Concat(smoked).Concat(rolledBack.Checks), check => Assert.True(check.Passed, check.ToString()));
        Assert.Equal(["alphapulse/collector:v1.0.0", "alphapulse/websocket-server:v1.0.0", "alphapulse/python-bindings:v1.0.0"], Images(LiveCell(api, set.Namespace!)));
        Assert.Equal(adminBackup, backup);
    }

    [Fact]
    public async Task ShouldRefuseTheDeployersFirstDeployAtTheNamespaceWhichOnlyAnAdministratorCreates()
    {
        await using var api = await FakeApiServer.StartAsync();
        AnswerLikeOurServices(api);
        api.Authorize = RbacPermissions.Of(ManifestSet.Render(ManifestsDirectory, "staging"), Deployer).Allows;

        _ = await Assert.ThrowsAnyAsync<Exception>(() => DeliveryTo(api, "staging", "v1.0.0").DeployAsync());

        Assert.Equal("create namespaces \"alphapulse-staging\" at the cluster scope", Assert.Single(api.Refused).ToString());
    }

    [Fact]
    public async Task ShouldFailADeployNamingTheRequestARoleWithoutRightsToItselfIsRefused()
    {
        await using var api = await BootstrappedAsync("staging");
        var set = ManifestSet.Render(ManifestsDirectory, "staging");
        var role = Assert.Single(set.OfType<k8s.Models.V1Role>(), role => role.Metadata.Name == Deployer);
        _ = role.Rules.Remove(Assert.Single(role.Rules, rule => rule.Resources.Contains("roles")));
        api.Authorize = RbacPermissions.Of(set, Deployer).Allows;

        _ = await Assert.ThrowsAnyAsync<Exception>(() => DeliveryTo(api, "staging", "v2.0.0").DeployAsync());

        Assert.Equal("patch roles.rbac.authorization.k8s.io \"alphapulse-deployer\" in namespace alphapulse-staging", Assert.Single(api.Refused).ToString());
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void ShouldGrantNoWildcardAndReachOutsideTheNamespaceOnlyForNamedObjects(string environment)
    {
        var rules = RbacPermissions.Of(ManifestSet.Render(ManifestsDirectory, environment), Deployer).Rules.ToList();

        Assert.NotEmpty(rules);
        Assert.All(rules, rule => Assert.DoesNotContain("*", rule.ApiGroups.Concat(rule.Resources).Concat(rule.Verbs)));
        Assert.DoesNotContain(rules, rule => rule.Resources.Contains("secrets") && rule.Verbs.Any(verb => verb is "get" or "watch" or "create" or "patch" or "update"));
        var clusterRole = Assert.Single(ManifestSet.Render(ManifestsDirectory, environment).OfType<k8s.Models.V1ClusterRole>());
        Assert.All(clusterRole.Rules, rule => Assert.NotEmpty(rule.ResourceNames));
    }
}
