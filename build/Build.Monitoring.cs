using AlphaPulse.Build.Delivery;
using AlphaPulse.Build.Engine;
using AlphaPulse.Build.Monitoring;

partial class Build
{
    [Parameter("Smoke: also ask this Prometheus (e.g. http://127.0.0.1:9090, as Up --monitoring starts it) that every target is up and no alert fires")]
    readonly Uri? PrometheusUrl;

    /// <summary>Prometheus's view of the environment, when --prometheus-url names one; none otherwise.</summary>
    async Task<IReadOnlyList<Check>> PrometheusChecksAsync()
    {
        if (PrometheusUrl is null)
        {
            return [];
        }
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        Log.Information($"  asking Prometheus at {PrometheusUrl} for its targets and alerts (targets waited for up to 30 s)");
        return await new PrometheusHealthCheck(new PrometheusApi(http, PrometheusUrl), TimeSpan.FromSeconds(30)).RunAsync();
    }
}
