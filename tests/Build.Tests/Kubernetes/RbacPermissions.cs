using AlphaPulse.Build.Kubernetes;
using k8s.Models;

namespace AlphaPulse.Build.Tests.Kubernetes;

/// <summary>
/// What a service account of a rendered environment may do, evaluated as Kubernetes RBAC does: the rules
/// of the Roles its RoleBindings grant (in the environment's namespace only) and of the ClusterRoles its
/// ClusterRoleBindings grant (everywhere); a rule matches on API group, resource (with subresource), verb,
/// and, when it lists resource names, the request's name. Used by <see cref="FakeApiServer.Authorize"/>.
/// </summary>
internal sealed class RbacPermissions
{
    private readonly string _namespace;
    private readonly IReadOnlyList<V1PolicyRule> _namespaced;
    private readonly IReadOnlyList<V1PolicyRule> _clusterWide;

    private RbacPermissions(string @namespace, IReadOnlyList<V1PolicyRule> namespaced, IReadOnlyList<V1PolicyRule> clusterWide)
    {
        _namespace = @namespace;
        _namespaced = namespaced;
        _clusterWide = clusterWide;
    }

    public IEnumerable<V1PolicyRule> Rules => _namespaced.Concat(_clusterWide);

    public static RbacPermissions Of(ManifestSet set, string serviceAccount)
    {
        var ns = set.Namespace ?? throw new InvalidOperationException("RBAC needs the environment's namespace");
        bool Bound(IEnumerable<Rbacv1Subject>? subjects, string? defaultNamespace) =>
            subjects?.Any(subject => subject.Kind == "ServiceAccount" && subject.Name == serviceAccount && (subject.NamespaceProperty ?? defaultNamespace) == ns) == true;
        IEnumerable<V1PolicyRule> RulesOf(V1RoleRef reference) => reference.Kind switch
        {
            "Role" => set.OfType<V1Role>().Where(role => role.Metadata.Name == reference.Name).SelectMany(role => role.Rules),
            _ => set.OfType<V1ClusterRole>().Where(role => role.Metadata.Name == reference.Name).SelectMany(role => role.Rules),
        };
        var namespaced = set.OfType<V1RoleBinding>().Where(binding => Bound(binding.Subjects, ns)).SelectMany(binding => RulesOf(binding.RoleRef)).ToList();
        var clusterWide = set.OfType<V1ClusterRoleBinding>().Where(binding => Bound(binding.Subjects, null)).SelectMany(binding => RulesOf(binding.RoleRef)).ToList();
        return new RbacPermissions(ns, namespaced, clusterWide);
    }

    public bool Allows(FakeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _clusterWide.Any(rule => Matches(rule, request)) || (request.Namespace == _namespace && _namespaced.Any(rule => Matches(rule, request)));
    }

    private static bool Matches(V1PolicyRule rule, FakeRequest request) =>
        Has(rule.ApiGroups, request.Group) && Has(rule.Resources, request.Resource) && Has(rule.Verbs, request.Verb)
        && (rule.ResourceNames is not { Count: > 0 } || (request.Name is { } name && rule.ResourceNames.Contains(name)));

    private static bool Has(IList<string>? values, string value) => values is not null && (values.Contains("*") || values.Contains(value));
}
