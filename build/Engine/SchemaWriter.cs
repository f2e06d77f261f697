using System.Text.Json;
using System.Text.Json.Nodes;

namespace AlphaPulse.Build.Engine;

/// <summary>
/// Writes <c>.nuke/build.schema.json</c> from the parameters and targets on every run, so editors
/// complete and check <c>parameters*.json</c>. Rewrites the file only when its content changes.
/// </summary>
internal static class SchemaWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Write(AbsolutePath path, IReadOnlyList<ParameterMember> parameters, IReadOnlyList<ExecutableTarget> targets)
    {
        var text = Create(parameters, targets).ToJsonString(Indented) + "\n";
        if (!path.FileExists() || path.ReadAllText() != text)
        {
            path.WriteAllText(text);
        }
    }

    public static JsonObject Create(IReadOnlyList<ParameterMember> parameters, IReadOnlyList<ExecutableTarget> targets)
    {
        var targetNames = new JsonArray(targets.Where(target => !target.Definition.IsUnlisted).Select(target => (JsonNode)target.Name).ToArray());
        var properties = new JsonObject
        {
            ["$schema"] = new JsonObject { ["type"] = "string" },
            ["$comment"] = new JsonObject { ["type"] = "string" },
            ["Target"] = TargetList("Targets to run when none is named on the command line", targetNames),
            ["Skip"] = TargetList("Targets to skip", targetNames),
        };
        foreach (var parameter in parameters)
        {
            properties[parameter.Name] = Describe(parameter);
        }
        return new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-07/schema#",
            ["title"] = "AlphaPulse build parameters",
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["properties"] = properties,
        };
    }

    private static JsonObject TargetList(string description, JsonArray names) => new()
    {
        ["type"] = "array",
        ["description"] = description,
        ["items"] = new JsonObject { ["type"] = "string", ["enum"] = names.DeepClone() },
    };

    private static JsonObject Describe(ParameterMember parameter)
    {
        var type = Nullable.GetUnderlyingType(parameter.ValueType) ?? parameter.ValueType;
        var element = type.IsArray ? type.GetElementType()! : type;
        var item = new JsonObject { ["type"] = JsonType(element) };
        if (parameter.AllowedValues is { } allowed)
        {
            item["enum"] = new JsonArray(allowed.Select(value => (JsonNode)value).ToArray());
        }
        var schema = type.IsArray ? new JsonObject { ["type"] = "array", ["items"] = item } : item;
        schema["description"] = (parameter.Description ?? parameter.Name) + (parameter.IsSecret ? " (secret: prefer an environment variable)" : "");
        return schema;
    }

    private static string JsonType(Type type) =>
        type == typeof(bool) ? "boolean"
        : type == typeof(int) || type == typeof(long) ? "integer"
        : type == typeof(double) || type == typeof(decimal) ? "number"
        : "string";
}
