using System.Reflection;

namespace AlphaPulse.Build.Engine;

/// <summary>
/// A closed set of named values declared as static fields, as NUKE's <c>Enumeration</c>:
/// <c>public static readonly Configuration Release = new() { Value = nameof(Release) };</c>.
/// Parameters of such a type accept only the declared values.
/// </summary>
public abstract class Enumeration : IEquatable<Enumeration>
{
    public required string Value { get; init; }

    /// <summary>The declared values of <paramref name="type"/>, in declaration order.</summary>
    public static IReadOnlyList<Enumeration> ValuesOf(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => type.IsAssignableFrom(field.FieldType))
            .Select(field => (Enumeration)field.GetValue(null)!)
            .ToList();
    }

    public override string ToString() => Value;

    public bool Equals(Enumeration? other) =>
        other is not null && other.GetType() == GetType() && string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    public override bool Equals(object? obj) => Equals(obj as Enumeration);

    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    public static implicit operator string(Enumeration value) => value?.Value ?? throw new ArgumentNullException(nameof(value));
}
