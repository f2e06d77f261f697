namespace AlphaPulse.Build.Audit;

/// <summary>
/// An SPDX licence expression (SPDX specification, annex D): identifiers joined by <c>WITH</c>, <c>AND</c>
/// and <c>OR</c>, in that order of precedence, with parentheses. Immutable.
/// </summary>
public abstract record SpdxExpression
{
    /// <summary>Whether the expression permits use when only <paramref name="isAllowed"/> identifiers may be chosen.</summary>
    /// <remarks>
    /// <c>A OR B</c> lets the user pick either licence, so one allowed side suffices; <c>A AND B</c> binds the user
    /// to both; <c>A WITH exception</c> only adds permissions to <c>A</c>, so it is allowed when <c>A</c> is.
    /// </remarks>
    public abstract bool IsSatisfiedBy(Func<string, bool> isAllowed);

    /// <summary>Every licence identifier the expression names (exceptions excluded), in order.</summary>
    public abstract IEnumerable<string> LicenceIds();

    /// <summary>Parses an expression; throws <see cref="FormatException"/> naming the position of the fault.</summary>
    public static SpdxExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new SpdxParser(text).ParseWhole();
    }

    /// <summary>Parses an expression, or returns null with the reason when it is malformed.</summary>
    public static SpdxExpression? TryParse(string text, out string? error)
    {
        try
        {
            error = null;
            return Parse(text);
        }
        catch (FormatException exception)
        {
            error = exception.Message;
            return null;
        }
    }
}

/// <summary>A single licence identifier such as <c>MIT</c> or <c>LGPL-2.1+</c>.</summary>
public sealed record SpdxLicence(string Id) : SpdxExpression
{
    public override bool IsSatisfiedBy(Func<string, bool> isAllowed)
    {
        ArgumentNullException.ThrowIfNull(isAllowed);
        return isAllowed(Id);
    }

    public override IEnumerable<string> LicenceIds() => [Id];

    public override string ToString() => Id;
}

/// <summary>A licence with an exception that grants additional permissions, e.g. <c>Apache-2.0 WITH LLVM-exception</c>.</summary>
public sealed record SpdxWith(SpdxLicence Licence, string Exception) : SpdxExpression
{
    public override bool IsSatisfiedBy(Func<string, bool> isAllowed) => Licence.IsSatisfiedBy(isAllowed);

    public override IEnumerable<string> LicenceIds() => Licence.LicenceIds();

    public override string ToString() => $"{Licence} WITH {Exception}";
}

/// <summary>Both sides apply.</summary>
public sealed record SpdxAnd(SpdxExpression Left, SpdxExpression Right) : SpdxExpression
{
    public override bool IsSatisfiedBy(Func<string, bool> isAllowed) => Left.IsSatisfiedBy(isAllowed) && Right.IsSatisfiedBy(isAllowed);

    public override IEnumerable<string> LicenceIds() => Left.LicenceIds().Concat(Right.LicenceIds());

    public override string ToString() => $"({Left} AND {Right})";
}

/// <summary>The user may choose either side.</summary>
public sealed record SpdxOr(SpdxExpression Left, SpdxExpression Right) : SpdxExpression
{
    public override bool IsSatisfiedBy(Func<string, bool> isAllowed) => Left.IsSatisfiedBy(isAllowed) || Right.IsSatisfiedBy(isAllowed);

    public override IEnumerable<string> LicenceIds() => Left.LicenceIds().Concat(Right.LicenceIds());

    public override string ToString() => $"({Left} OR {Right})";
}
