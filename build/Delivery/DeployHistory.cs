using System.Text.Json;
using System.Text.Json.Serialization;
using AlphaPulse.Build.Engine;

namespace AlphaPulse.Build.Delivery;

/// <summary>How a deploy history entry came about.</summary>
public enum DeployKind
{
    Deploy,
    Rollback,
    Restore,
}

/// <summary>How it ended: live, rolled back automatically to the revision that was live, or failed outright.</summary>
public enum DeployOutcome
{
    InProgress,
    Succeeded,
    RolledBack,
    Failed,
}

/// <summary>One deploy: who, when, which images, how it ended and why.</summary>
public sealed record DeployEntry(
    int Revision,
    DeployKind Kind,
    string User,
    DateTimeOffset StartedAt,
    IReadOnlyDictionary<string, string> Images,
    DeployOutcome Outcome,
    string? Reason = null,
    double? Seconds = null,
    int? RestoredRevision = null);

/// <summary>
/// The deploy history of an environment, a JSON file of entries numbered from 1: what Rollback goes back
/// to and what Backup keeps. The live revision is the last one that succeeded; an entry rolled back by
/// Deploy's own validation never became live. Not thread-safe: one target at a time owns it.
/// </summary>
public sealed class DeployHistory
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };
    private readonly List<DeployEntry> _entries;

    private DeployHistory(List<DeployEntry> entries) => _entries = entries;

    public IReadOnlyList<DeployEntry> Entries => _entries;

    public DeployEntry? Live => _entries.LastOrDefault(entry => entry.Outcome == DeployOutcome.Succeeded);

    public static DeployHistory Load(string file) =>
        new(File.Exists(file) ? JsonSerializer.Deserialize<List<DeployEntry>>(File.ReadAllText(file), Json) ?? [] : []);

    public void Save(string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, JsonSerializer.Serialize(_entries, Json));
    }

    public DeployEntry Begin(DeployKind kind, string user, DateTimeOffset now, IReadOnlyDictionary<string, string> images, int? restoredRevision = null)
    {
        var entry = new DeployEntry(_entries.Count + 1, kind, user, now, images, DeployOutcome.InProgress, RestoredRevision: restoredRevision);
        _entries.Add(entry);
        return entry;
    }

    public DeployEntry Complete(int revision, DeployOutcome outcome, TimeSpan duration, string? reason = null)
    {
        var index = _entries.FindIndex(entry => entry.Revision == revision);
        _entries[index] = _entries[index] with { Outcome = outcome, Reason = reason, Seconds = Math.Round(duration.TotalSeconds, 1) };
        return _entries[index];
    }

    /// <summary>
    /// What Rollback goes back to: the named revision, which must have gone live, or else the last
    /// revision that went live before the live one and ran other images.
    /// </summary>
    public DeployEntry RollbackTarget(int? revision)
    {
        var live = Live ?? throw new BuildException("nothing to roll back: the deploy history has no revision that went live (run Deploy first)");
        var wentLive = _entries.Where(entry => entry.Outcome == DeployOutcome.Succeeded).ToList();
        if (revision is { } wanted)
        {
            return wentLive.FirstOrDefault(entry => entry.Revision == wanted)
                ?? throw new BuildException($"--revision must name a revision that went live: --revision {wanted} (choose from {string.Join(", ", wentLive.Select(entry => entry.Revision))}; see the deploy history)");
        }
        return wentLive.LastOrDefault(entry => entry.Revision < live.Revision && !SameImages(entry.Images, live.Images))
            ?? throw new BuildException($"nothing earlier to roll back to: revision {live.Revision} is the only one that went live with its images (pass --revision N)");
    }

    private static bool SameImages(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var other) && other == pair.Value);
}
