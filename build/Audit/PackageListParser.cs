using System.Text.Json;

namespace AlphaPulse.Build.Audit;

/// <summary>
/// Parses <c>dotnet list package ... --format json</c> output (NuGet's machine-readable output, version 1:
/// <c>sources</c>, <c>problems</c>, <c>projects[].frameworks[].topLevelPackages|transitivePackages</c>).
/// </summary>
/// <remarks>
/// The command fails in three different ways, all of which mean "no data", never "no findings":
/// a non-zero exit with plain <c>error:</c> lines instead of JSON (the service index could not be loaded),
/// a <c>problems</c> entry at level <c>error</c>, or warning NU1900 ("Error occurred while getting package
/// vulnerability data"). A source that answers but serves no vulnerability data at all looks exactly like a
/// clean result; <see cref="AuditCanary"/> exists to catch that case.
/// </remarks>
public static class PackageListParser
{
    // NU1900: error getting vulnerability data; NU1905: an audit source provided no vulnerability data.
    private static readonly string[] UnreachableMarkers = ["NU1900", "NU1905", "vulnerability data", "Unable to load the service index"];

    public static PackageListScan Parse(PackageListKind kind, CommandOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var json = JsonStart(output.StandardOutput);
        if (json is null)
        {
            return Unreachable(kind, $"the command printed no JSON report (exit code {output.ExitCode}): {ErrorText(output)}");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            return Unreachable(kind, $"the command's JSON report could not be read (exit code {output.ExitCode}): {exception.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            var sources = Strings(root, "sources");
            var problems = Array(root, "problems").Select(FormatProblem).ToList();
            var packages = Array(root, "projects").SelectMany(ReadProject).ToList();

            var blocking = problems.Where(problem => problem.StartsWith("error", StringComparison.Ordinal) || IsUnreachableText(problem)).ToList();
            var stray = Lines(output.StandardError).Where(IsUnreachableText).ToList();
            var unreachable =
                blocking.Count > 0 ? string.Join("; ", blocking)
                : stray.Count > 0 ? string.Join("; ", stray)
                : output.ExitCode != 0 ? $"the command exited with code {output.ExitCode}: {ErrorText(output)}"
                : null;
            return new PackageListScan(kind, sources, packages, problems, unreachable);
        }
    }

    private static PackageListScan Unreachable(PackageListKind kind, string why) => new(kind, [], [], [], why);

    private static IEnumerable<ListedPackage> ReadProject(JsonElement project)
    {
        var path = Text(project, "path") ?? "(unknown project)";
        foreach (var framework in Array(project, "frameworks"))
        {
            var name = Text(framework, "framework") ?? "";
            foreach (var package in Array(framework, "topLevelPackages"))
            {
                yield return ReadPackage(path, name, package, transitive: false);
            }
            foreach (var package in Array(framework, "transitivePackages"))
            {
                yield return ReadPackage(path, name, package, transitive: true);
            }
        }
    }

    private static ListedPackage ReadPackage(string project, string framework, JsonElement package, bool transitive)
    {
        var advisories = Array(package, "vulnerabilities")
            .Select(item => new Advisory(Text(item, "severity") ?? "Unknown", Text(item, "advisoryurl") ?? ""))
            .ToList();
        var alternative = Property(package, "alternativePackage") is { } alt
            ? $"{Text(alt, "id")} {Text(alt, "versionRange")}".Trim()
            : null;
        return new ListedPackage(project, framework, Text(package, "id") ?? "", Text(package, "resolvedVersion") ?? "",
            transitive, advisories, Strings(package, "deprecationReasons"), alternative);
    }

    private static string FormatProblem(JsonElement problem) =>
        $"{Text(problem, "level") ?? "error"}: {Text(problem, "text")}{(Text(problem, "project") is { } project ? $" ({project})" : "")}";

    private static bool IsUnreachableText(string text) =>
        UnreachableMarkers.Any(marker => text.Contains(marker, StringComparison.OrdinalIgnoreCase));

    private static string ErrorText(CommandOutput output)
    {
        var lines = Lines(output.StandardOutput).Concat(Lines(output.StandardError))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith("Determining projects", StringComparison.Ordinal))
            .ToList();
        return lines.Count == 0 ? "no output" : string.Join(" ", lines);
    }

    /// <summary>The JSON document in stdout, skipping any restore chatter printed before it; null when there is none.</summary>
    private static string? JsonStart(string stdout)
    {
        var trimmed = stdout.TrimStart();
        if (trimmed.StartsWith('{'))
        {
            return trimmed;
        }
        var brace = stdout.IndexOf("\n{", StringComparison.Ordinal);
        return brace < 0 ? null : stdout[(brace + 1)..];
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        // The output mixes casings ("advisoryurl"), so match names case-insensitively.
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind != JsonValueKind.Null)
            {
                return property.Value;
            }
        }
        return null;
    }

    private static string? Text(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static JsonElement[] Array(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.Array } value ? value.EnumerateArray().ToArray() : [];

    private static List<string> Strings(JsonElement element, string name) =>
        Array(element, name).Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!).ToList();
}
