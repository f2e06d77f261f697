using System.Text.Json;

namespace AlphaPulse.Build.Audit;

/// <summary>A package allowed whatever its licence says, for a stated reason. A null version covers every version.</summary>
public sealed record LicenceExemption(string Package, string? Version, string Reason)
{
    public bool Covers(string id, string version) =>
        string.Equals(Package, id, StringComparison.OrdinalIgnoreCase)
        && (Version is null || string.Equals(Version, version, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// The licence policy kept in <c>.nuke/licence-allow-list.json</c>: the SPDX identifiers any package may use,
/// and per-package exceptions, each with the reason a reviewer accepted it.
/// </summary>
public sealed class LicenceAllowList
{
    /// <summary>Where the policy lives, relative to the repository root.</summary>
    public const string RelativePath = ".nuke/licence-allow-list.json";

    /// <summary>The content of a fresh <c>.nuke/licence-allow-list.json</c>.</summary>
    public const string DefaultContent = """
        {
          "$comment": "Licences every package (direct and transitive) may use, as SPDX identifiers. A package whose licence cannot be determined fails the audit until it is listed under exceptions with the reason it was accepted.",
          "allowed": [
            "0BSD",
            "Apache-2.0",
            "BSD-2-Clause",
            "BSD-3-Clause",
            "CC0-1.0",
            "ISC",
            "LicenseRef-MS-NET-Library",
            "MIT",
            "MIT-0",
            "MS-PL",
            "Unlicense",
            "Zlib"
          ],
          "exceptions": []
        }

        """;

    private static readonly JsonDocumentOptions ReadOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private readonly HashSet<string> _allowed;

    public LicenceAllowList(IEnumerable<string> allowed, IEnumerable<LicenceExemption> exemptions)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        ArgumentNullException.ThrowIfNull(exemptions);
        // SPDX: licence identifiers match case-insensitively.
        _allowed = new HashSet<string>(allowed, StringComparer.OrdinalIgnoreCase);
        Exemptions = exemptions.ToList();
    }

    public IReadOnlyCollection<string> Allowed => _allowed;

    public IReadOnlyList<LicenceExemption> Exemptions { get; }

    public bool IsAllowed(string licenceId) => _allowed.Contains(licenceId);

    public LicenceExemption? ExemptionFor(string id, string version) => Exemptions.FirstOrDefault(exemption => exemption.Covers(id, version));

    public static LicenceAllowList Default => Parse(DefaultContent, "the default allow-list");

    /// <summary>Loads the policy file; throws <see cref="FormatException"/> naming the file and the rule it breaks.</summary>
    public static LicenceAllowList Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses policy JSON; <paramref name="origin"/> names it in error messages.</summary>
    public static LicenceAllowList Parse(string json, string origin)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, ReadOptions);
            var root = document.RootElement;
            var allowed = root.TryGetProperty("allowed", out var list)
                ? list.EnumerateArray().Select(item => item.GetString() ?? "").ToList()
                : throw new FormatException($"a licence allow-list must have an \"allowed\" array of SPDX identifiers: file={origin}");
            var exemptions = root.TryGetProperty("exceptions", out var items)
                ? items.EnumerateArray().Select(item => ReadExemption(item, origin)).ToList()
                : [];
            return new LicenceAllowList(allowed, exemptions);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            throw new FormatException($"a licence allow-list must be valid JSON: file={origin}: {exception.Message}", exception);
        }
    }

    private static LicenceExemption ReadExemption(JsonElement item, string origin)
    {
        string? Text(string name) => item.TryGetProperty(name, out var value) ? value.GetString() : null;
        var package = Text("package");
        var reason = Text("reason");
        if (string.IsNullOrWhiteSpace(package) || string.IsNullOrWhiteSpace(reason))
        {
            throw new FormatException($"every licence exception must name a \"package\" and give a \"reason\": file={origin}, entry={item.GetRawText()}");
        }
        return new LicenceExemption(package, Text("version"), reason);
    }
}
