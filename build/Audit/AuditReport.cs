namespace AlphaPulse.Build.Audit;

/// <summary>The verdict of one audit section.</summary>
public enum AuditStatus
{
    /// <summary>Checked, and nothing is wrong.</summary>
    Pass,

    /// <summary>Checked, and something is wrong: the findings say what.</summary>
    Fail,

    /// <summary>
    /// Could not be checked (for example, the vulnerability data was unreachable) and the caller chose to
    /// accept the gap. It is reported, never counted as a pass.
    /// </summary>
    Unverified,
}

/// <summary>One thing an audit section found: what, about which subject, and how to fix it when known.</summary>
public sealed record AuditFinding(string Subject, string Message);

/// <summary>
/// One section of the audit report: <c>format</c>, <c>analyzers</c>, <c>vulnerable</c>, <c>deprecated</c>
/// or <c>licences</c>. <paramref name="Summary"/> is the short fact for the build summary table.
/// </summary>
public sealed record AuditSection(string Name, AuditStatus Status, string Summary, IReadOnlyList<AuditFinding> Findings)
{
    public static AuditSection Passed(string name, string summary) => new(name, AuditStatus.Pass, summary, []);

    /// <summary>A section that passes when there are no findings and fails otherwise.</summary>
    public static AuditSection FromFindings(string name, string summary, IReadOnlyList<AuditFinding> findings) =>
        new(name, findings.Count == 0 ? AuditStatus.Pass : AuditStatus.Fail, summary, findings);
}

/// <summary>The whole audit: its sections in report order. Passes only when every section passes.</summary>
public sealed record AuditReport(IReadOnlyList<AuditSection> Sections)
{
    /// <summary>The canonical section names, in report order.</summary>
    public static readonly IReadOnlyList<string> SectionNames = ["format", "analyzers", "vulnerable", "deprecated", "licences"];

    /// <summary>True when no section failed. An unverified section does not fail the audit, but is never silent.</summary>
    public bool Passed => Sections.All(section => section.Status != AuditStatus.Fail);

    /// <summary>One line for the build summary table, e.g. <c>0 vulnerable, 0 deprecated, 41 packages licensed OK</c>.</summary>
    public string SummaryLine => string.Join(", ", Sections
        .Where(section => section.Name is "vulnerable" or "deprecated" or "licences" || section.Status != AuditStatus.Pass)
        .Select(section => section.Summary));
}
