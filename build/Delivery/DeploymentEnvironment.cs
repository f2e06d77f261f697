namespace AlphaPulse.Build.Delivery;

/// <summary>Where Deploy, Smoke, Rollback, Backup and Restore act. Nothing defaults to production.</summary>
public enum DeploymentEnvironment
{
    /// <summary>Containers on the Docker engine DOCKER_HOST names, host networking (deploy/README.md).</summary>
    Local,

    /// <summary>The staging Kubernetes cluster (comes with the Kubernetes issue).</summary>
    Staging,

    /// <summary>The production Kubernetes cluster (comes with the Kubernetes issue).</summary>
    Production,
}
