namespace AlphaPulse.Build.Engine;

/// <summary>
/// A rooted file-system path that composes with <c>/</c>, as NUKE's <c>AbsolutePath</c> does:
/// <c>RootDirectory / "artifacts" / "bench"</c>. Immutable; compares by its normalised text.
/// </summary>
public sealed class AbsolutePath : IEquatable<AbsolutePath>
{
    private readonly string _path;

    private AbsolutePath(string path) => _path = path;

    /// <summary>Creates a path from rooted text; relative text is a programming error.</summary>
    public static AbsolutePath Create(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!Path.IsPathRooted(path))
        {
            throw new ArgumentException($"an absolute path must be rooted: path='{path}' (combine it with RootDirectory)", nameof(path));
        }
        return new AbsolutePath(Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar) is { Length: > 0 } trimmed ? trimmed : "/");
    }

    public static AbsolutePath operator /(AbsolutePath left, string right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return Create(Path.Combine(left._path, right));
    }

    public static implicit operator string(AbsolutePath path) => path?._path ?? throw new ArgumentNullException(nameof(path));

    public string Name => Path.GetFileName(_path);

    public AbsolutePath Parent => Create(Path.GetDirectoryName(_path) ?? _path);

    public bool DirectoryExists() => Directory.Exists(_path);

    public bool FileExists() => File.Exists(_path);

    /// <summary>Creates the directory (and its parents) when missing; returns this path for chaining.</summary>
    public AbsolutePath CreateDirectory()
    {
        Directory.CreateDirectory(_path);
        return this;
    }

    /// <summary>Deletes the directory with everything in it, when present.</summary>
    public void DeleteDirectory()
    {
        if (Directory.Exists(_path))
        {
            Directory.Delete(_path, recursive: true);
        }
    }

    public string ReadAllText() => File.ReadAllText(_path);

    /// <summary>Writes text, creating the parent directory first.</summary>
    public void WriteAllText(string text)
    {
        Parent.CreateDirectory();
        File.WriteAllText(_path, text);
    }

    /// <summary>The path relative to <paramref name="basePath"/>, with forward slashes.</summary>
    public string RelativeTo(AbsolutePath basePath)
    {
        ArgumentNullException.ThrowIfNull(basePath);
        return Path.GetRelativePath(basePath._path, _path).Replace('\\', '/');
    }

    public IEnumerable<AbsolutePath> GlobFiles(string pattern) =>
        Directory.Exists(_path)
            ? Directory.EnumerateFiles(_path, pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(Create)
            : [];

    public override string ToString() => _path;

    public bool Equals(AbsolutePath? other) => other is not null && string.Equals(_path, other._path, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as AbsolutePath);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_path);
}
