using System.Globalization;

namespace AlphaPulse.Build.Engine;

/// <summary>Turns the text of a parameter value into the member's type, with errors that list what is allowed.</summary>
internal static class ParameterValueConverter
{
    public static IReadOnlyList<string>? AllowedValues(Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? (type.IsArray ? type.GetElementType()! : type);
        if (target.IsEnum)
        {
            return Enum.GetNames(target).Select(NameMatching.ToKebabCase).ToList();
        }
        if (typeof(Enumeration).IsAssignableFrom(target))
        {
            return Enumeration.ValuesOf(target).Select(value => value.Value).ToList();
        }
        return null;
    }

    /// <summary>Converts <paramref name="values"/>; a flag with no value is <c>true</c> for booleans.</summary>
    public static object? Convert(ParameterMember parameter, string option, IReadOnlyList<string> values, AbsolutePath root)
    {
        var type = parameter.ValueType;
        if (type.IsArray)
        {
            var elementType = type.GetElementType()!;
            var items = values.SelectMany(value => value.Split(parameter.Attribute.Separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            var array = Array.CreateInstance(elementType, items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                array.SetValue(ConvertSingle(elementType, parameter, option, items[i], root), i);
            }
            return array;
        }
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (values.Count == 0)
        {
            return underlying == typeof(bool)
                ? true
                : throw new BuildException($"parameter {option} needs a value: none was given (write {option} <value>)");
        }
        // An empty value for an optional parameter leaves it unset (a CI input left blank: --revision "").
        if (values.Count == 1 && values[0].Length == 0 && Nullable.GetUnderlyingType(type) is not null)
        {
            return null;
        }
        if (values.Count > 1)
        {
            throw new BuildException($"parameter {option} takes one value: got {values.Count} ({string.Join(' ', values)}) — quote a value that contains spaces");
        }
        return ConvertSingle(underlying, parameter, option, values[0], root);
    }

    private static object ConvertSingle(Type type, ParameterMember parameter, string option, string text, AbsolutePath root)
    {
        try
        {
            if (type == typeof(string))
            {
                return text;
            }
            if (type == typeof(bool))
            {
                return text.ToUpperInvariant() switch
                {
                    "TRUE" or "1" or "YES" or "ON" => true,
                    "FALSE" or "0" or "NO" or "OFF" => false,
                    _ => throw Invalid(option, text, ["true", "false"]),
                };
            }
            if (type.IsEnum)
            {
                var match = Enum.GetNames(type).FirstOrDefault(name => NameMatching.Normalize(name) == NameMatching.Normalize(text));
                return match is not null ? Enum.Parse(type, match) : throw Invalid(option, text, AllowedValues(type)!);
            }
            if (typeof(Enumeration).IsAssignableFrom(type))
            {
                var values = Enumeration.ValuesOf(type);
                return values.FirstOrDefault(value => NameMatching.Normalize(value.Value) == NameMatching.Normalize(text))
                    ?? throw Invalid(option, text, values.Select(value => value.Value).ToList());
            }
            if (type == typeof(AbsolutePath))
            {
                return Path.IsPathRooted(text) ? AbsolutePath.Create(text) : root / text;
            }
            if (type == typeof(TimeSpan))
            {
                return ParseDuration(text);
            }
            return System.Convert.ChangeType(text, type, CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is FormatException or InvalidCastException or OverflowException)
        {
            throw new BuildException($"parameter {option} must be {Describe(type)}: got '{(parameter.IsSecret ? SecretMasker.Mask : text)}' ({exception.Message})");
        }
    }

    // "90s", "5m", "2h" or hh:mm:ss.
    private static TimeSpan ParseDuration(string text)
    {
        var unit = text.Length > 1 ? text[^1] : ' ';
        if (unit is 's' or 'm' or 'h' && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
        {
            return unit switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                _ => TimeSpan.FromHours(amount),
            };
        }
        return TimeSpan.Parse(text, CultureInfo.InvariantCulture);
    }

    private static BuildException Invalid(string option, string text, IReadOnlyList<string> allowed) =>
        new($"parameter {option} has no value '{text}': allowed values are {string.Join(", ", allowed)}");

    private static string Describe(Type type) => type == typeof(int) || type == typeof(long) ? "a whole number"
        : type == typeof(double) || type == typeof(decimal) ? "a number"
        : type == typeof(TimeSpan) ? "a duration (90s, 5m, 2h or hh:mm:ss)"
        : $"a {type.Name}";
}
