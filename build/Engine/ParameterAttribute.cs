namespace AlphaPulse.Build.Engine;

/// <summary>
/// Marks a field or property filled from <c>--kebab-case</c> arguments, environment variables and
/// <c>.nuke/parameters*.json</c>. The member's initializer is the last-resort default.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class ParameterAttribute(string? description = null) : Attribute
{
    public string? Description { get; } = description;

    /// <summary>Overrides the name derived from the member (<c>ImageTag</c> → <c>image-tag</c>).</summary>
    public string? Name { get; init; }

    /// <summary>Separator for array values given as one string (<c>--symbols A,B</c>).</summary>
    public char Separator { get; init; } = ',';
}

/// <summary>A parameter whose value is masked as <c>***</c> in everything the build prints or logs.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;
