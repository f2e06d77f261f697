using System.Text.Json.Nodes;

namespace AlphaPulse.Build.Tests.Kubernetes;

/// <summary>
/// How <see cref="FakeApiServer"/> (a model, not a cluster) writes patches. A server-side apply by the one
/// field manager that owns every field it sends: the applied manifest's fields replace the stored ones;
/// what others own stays — status, uid, and annotations the manifest does not name (the controller's
/// revision annotation); the generation goes up when the spec changes. A JSON patch: <c>replace</c> only.
/// </summary>
internal static class FakeMerge
{
    public static JsonObject Apply(JsonObject? existing, JsonObject applied, string? @namespace)
    {
        var result = applied.DeepClone().AsObject();
        var metadata = result["metadata"]!.AsObject();
        if (@namespace is not null)
        {
            metadata["namespace"] = @namespace;
        }
        if (existing is null)
        {
            metadata["generation"] = 1;
            return result;
        }
        var old = existing["metadata"]!.AsObject();
        metadata["uid"] = old["uid"]?.DeepClone();
        metadata["creationTimestamp"] = old["creationTimestamp"]?.DeepClone();
        var annotations = old["annotations"]?.DeepClone().AsObject() ?? [];
        foreach (var (key, value) in metadata["annotations"]?.AsObject() ?? [])
        {
            annotations[key] = value?.DeepClone();
        }
        metadata["annotations"] = annotations;
        var generation = Number(old["generation"]);
        metadata["generation"] = JsonNode.DeepEquals(existing["spec"], result["spec"]) ? generation : generation + 1;
        result["status"] = existing["status"]?.DeepClone();
        return result;
    }

    public static JsonObject JsonPatch(JsonObject existing, JsonArray operations)
    {
        var result = existing.DeepClone().AsObject();
        foreach (var operation in operations.Select(node => node!.AsObject()))
        {
            if ((string?)operation["op"] != "replace")
            {
                throw new NotSupportedException($"the model takes only replace operations: got {operation["op"]}");
            }
            var path = ((string)operation["path"]!).Trim('/').Split('/');
            var parent = path[..^1].Aggregate((JsonNode)result, (node, key) => node[key]!);
            parent[path[^1]] = operation["value"]?.DeepClone();
        }
        if (!JsonNode.DeepEquals(existing["spec"], result["spec"]))
        {
            result["metadata"]!["generation"] = Number(existing["metadata"]!["generation"]) + 1;
        }
        return result;
    }

    /// <summary>A number however it was stored (a parsed long, or an int the model set).</summary>
    private static long Number(JsonNode? node) => node is null ? 1 : long.Parse(node.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
}
