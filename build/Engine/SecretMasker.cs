using System.Text;

namespace AlphaPulse.Build.Engine;

/// <summary>
/// Replaces every registered secret value with <c>***</c>. One instance per build run; every line the
/// build prints or logs passes through it (target output, tool output, exception messages).
/// </summary>
public sealed class SecretMasker
{
    public const string Mask = "***";

    // Longest first, so a secret that contains another is masked whole.
    private readonly List<string> _secrets = [];
    private readonly Lock _gate = new();

    public void Add(string? secret)
    {
        // Masking one- or two-character values would shred ordinary output into noise.
        if (string.IsNullOrEmpty(secret) || secret.Length < 3)
        {
            return;
        }
        lock (_gate)
        {
            if (!_secrets.Contains(secret))
            {
                _secrets.Add(secret);
                _secrets.Sort((a, b) => b.Length.CompareTo(a.Length));
            }
        }
    }

    public string Apply(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }
        lock (_gate)
        {
            if (_secrets.Count == 0)
            {
                return text;
            }
            var builder = new StringBuilder(text);
            foreach (var secret in _secrets)
            {
                builder.Replace(secret, Mask);
            }
            return builder.ToString();
        }
    }
}

/// <summary>
/// A console writer that masks secrets line by line: text is held until a line ends so a secret split
/// across two <c>Write</c> calls is still masked. Thread-safe: tool output arrives on pool threads.
/// </summary>
public sealed class MaskingTextWriter(TextWriter inner, SecretMasker masker) : TextWriter
{
    private readonly StringBuilder _pending = new();
    private readonly Lock _gate = new();

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        lock (_gate)
        {
            _pending.Append(value);
            if (value == '\n')
            {
                FlushPending();
            }
        }
    }

    public override void Write(string? value)
    {
        if (value is null)
        {
            return;
        }
        lock (_gate)
        {
            _pending.Append(value);
            if (value.Contains('\n', StringComparison.Ordinal))
            {
                FlushPending();
            }
        }
    }

    public override void WriteLine(string? value)
    {
        lock (_gate)
        {
            _pending.Append(value).Append('\n');
            FlushPending();
        }
    }

    public override void Flush()
    {
        lock (_gate)
        {
            FlushPending();
            inner.Flush();
        }
    }

    private void FlushPending()
    {
        if (_pending.Length == 0)
        {
            return;
        }
        inner.Write(masker.Apply(_pending.ToString()));
        _pending.Clear();
        inner.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }
        base.Dispose(disposing);
    }
}
