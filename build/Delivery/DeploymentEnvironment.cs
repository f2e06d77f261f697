namespace AlphaPulse.Build.Delivery;

/// <summary>Where Deploy, Smoke, Rollback, Backup and Restore act. Nothing defaults to production.</summary>
public enum DeploymentEnvironment
{
    /// <summary>Containers on the Docker engine DOCKER_HOST names, host networking (deploy/README.md).</summary>
    Local,

    /// <summary>The staging Kubernetes cluster: namespace alphapulse-staging (deploy/k8s/staging).</summary>
    Staging,

    /// <summary>The production Kubernetes cluster: namespace alphapulse (deploy/k8s/production); immutable image tags only.</summary>
    Production,
}
