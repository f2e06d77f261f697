namespace AlphaPulse.Build.Audit;

/// <summary>
/// Recursive-descent parser for SPDX expressions (SPDX specification, annex D):
/// <code>
/// or   := and ("OR" and)*
/// and  := with ("AND" with)*
/// with := atom ("WITH" exception-id)?
/// atom := "(" or ")" | licence-id
/// </code>
/// Operators are matched case-sensitively, as the specification asks and NuGet enforces.
/// </summary>
internal sealed class SpdxParser
{
    private readonly string _text;
    private readonly List<(string Token, int Position)> _tokens;
    private int _next;

    public SpdxParser(string text)
    {
        _text = text;
        _tokens = Tokenise(text);
    }

    public SpdxExpression ParseWhole()
    {
        if (_tokens.Count == 0)
        {
            throw Fault("an SPDX expression must name at least one licence", _text.Length);
        }
        var expression = ParseOr();
        if (_next < _tokens.Count)
        {
            throw Fault($"expected AND, OR or the end of the expression but found '{_tokens[_next].Token}'", _tokens[_next].Position);
        }
        return expression;
    }

    private SpdxExpression ParseOr()
    {
        var left = ParseAnd();
        while (TryTake("OR"))
        {
            left = new SpdxOr(left, ParseAnd());
        }
        return left;
    }

    private SpdxExpression ParseAnd()
    {
        var left = ParseWith();
        while (TryTake("AND"))
        {
            left = new SpdxAnd(left, ParseWith());
        }
        return left;
    }

    private SpdxExpression ParseWith()
    {
        var atom = ParseAtom();
        if (!TryTake("WITH"))
        {
            return atom;
        }
        if (atom is not SpdxLicence licence)
        {
            throw Fault("WITH must follow a single licence identifier, not a parenthesised expression", _tokens[_next - 1].Position);
        }
        return new SpdxWith(licence, TakeIdentifier("an exception identifier after WITH"));
    }

    private SpdxExpression ParseAtom()
    {
        if (TryTake("("))
        {
            var inner = ParseOr();
            if (!TryTake(")"))
            {
                throw Fault("a '(' is never closed", Peek()?.Position ?? _text.Length);
            }
            return inner;
        }
        return new SpdxLicence(TakeIdentifier("a licence identifier"));
    }

    private string TakeIdentifier(string expected)
    {
        var token = Peek();
        if (token is null || token.Value.Token is "(" or ")" or "AND" or "OR" or "WITH")
        {
            throw Fault($"expected {expected} but found {(token is null ? "the end of the expression" : $"'{token.Value.Token}'")}", token?.Position ?? _text.Length);
        }
        _next++;
        return token.Value.Token;
    }

    private bool TryTake(string token)
    {
        if (Peek() is { } next && string.Equals(next.Token, token, StringComparison.Ordinal))
        {
            _next++;
            return true;
        }
        return false;
    }

    private (string Token, int Position)? Peek() => _next < _tokens.Count ? _tokens[_next] : null;

    private FormatException Fault(string rule, int position) =>
        new($"{rule}: expression='{_text}', position={position}");

    private static List<(string Token, int Position)> Tokenise(string text)
    {
        var tokens = new List<(string, int)>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            var isBoundary = char.IsWhiteSpace(c) || c is '(' or ')';
            if (!isBoundary)
            {
                start = start < 0 ? i : start;
                continue;
            }
            if (start >= 0)
            {
                tokens.Add((text[start..i], start));
                start = -1;
            }
            if (c is '(' or ')')
            {
                tokens.Add((c.ToString(), i));
            }
        }
        return tokens;
    }
}
