using System.Reflection;

namespace AlphaPulse.Build.Engine;

/// <summary>A <c>[Parameter]</c> field or property of the build class, with the names it answers to.</summary>
internal sealed class ParameterMember
{
    private ParameterMember(MemberInfo member, ParameterAttribute attribute)
    {
        Member = member;
        Attribute = attribute;
        Name = attribute.Name ?? member.Name;
        OptionName = NameMatching.ToKebabCase(Name);
        IsSecret = member.GetCustomAttribute<SecretAttribute>() is not null;
        ValueType = member switch
        {
            FieldInfo field => field.FieldType,
            PropertyInfo property => property.PropertyType,
            _ => throw new ArgumentException($"parameters must be fields or properties: member={member.Name}", nameof(member)),
        };
    }

    public MemberInfo Member { get; }

    public ParameterAttribute Attribute { get; }

    /// <summary>The member name (<c>ImageTag</c>): the key in <c>parameters.json</c>.</summary>
    public string Name { get; }

    /// <summary>The command-line name without dashes (<c>image-tag</c>).</summary>
    public string OptionName { get; }

    public bool IsSecret { get; }

    public Type ValueType { get; }

    public string? Description => Attribute.Description;

    public string Key => NameMatching.Normalize(Name);

    public static IReadOnlyList<ParameterMember> Discover(Type buildType)
    {
        const BindingFlags Flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.FlattenHierarchy;
        var members = new List<ParameterMember>();
        for (var type = buildType; type is not null && type != typeof(object); type = type.BaseType)
        {
            foreach (var member in type.GetMembers(Flags | BindingFlags.DeclaredOnly))
            {
                if (member is (FieldInfo or PropertyInfo) && member.GetCustomAttribute<ParameterAttribute>() is { } attribute)
                {
                    members.Add(new ParameterMember(member, attribute));
                }
            }
        }
        return members.OrderBy(member => member.Name, StringComparer.Ordinal).ToList();
    }

    public object? GetValue(object build) => Member switch
    {
        FieldInfo field => field.GetValue(build),
        PropertyInfo property => property.GetValue(build),
        _ => null,
    };

    public void SetValue(object build, object? value)
    {
        switch (Member)
        {
            case FieldInfo field:
                field.SetValue(build, value);
                break;
            case PropertyInfo { CanWrite: true } property:
                property.SetValue(build, value);
                break;
            case PropertyInfo property when property.DeclaringType?.GetField($"<{property.Name}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic) is { } backing:
                backing.SetValue(build, value);
                break;
            default:
                throw new BuildException($"parameter {Name} cannot be set: it is a read-only computed property (make it a field or an auto-property)");
        }
    }

    /// <summary>The values a user may give, when the type is closed (enums, enumerations, bools).</summary>
    public IReadOnlyList<string>? AllowedValues => ParameterValueConverter.AllowedValues(ValueType);
}
