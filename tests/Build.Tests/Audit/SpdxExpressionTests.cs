using AlphaPulse.Build.Audit;

namespace AlphaPulse.Build.Tests.Audit;

public class SpdxExpressionTests
{
    private static readonly Func<string, bool> AllowList = LicenceAllowList.Default.IsAllowed;

    [Theory]
    [InlineData("MIT")]
    [InlineData("mit")]
    [InlineData("Apache-2.0 OR MS-PL")]
    [InlineData("GPL-3.0-only OR MIT")]
    [InlineData("MIT AND BSD-3-Clause")]
    [InlineData("Apache-2.0 WITH LLVM-exception")]
    [InlineData("(LGPL-3.0-only OR MIT) AND (Apache-2.0 OR GPL-2.0-only)")]
    public void ShouldAllowExpressionsThatTheAllowListSatisfies(string expression) =>
        Assert.True(SpdxExpression.Parse(expression).IsSatisfiedBy(AllowList));

    [Theory]
    [InlineData("GPL-3.0-only")]
    [InlineData("MIT AND GPL-3.0-only")]
    [InlineData("GPL-2.0-only WITH Universal-FOSS-exception-1.0")]
    [InlineData("(MIT OR Apache-2.0) AND LGPL-3.0-or-later")]
    [InlineData("LGPL-2.1+")]
    public void ShouldRefuseExpressionsWithAnUnavoidableDisallowedLicence(string expression) =>
        Assert.False(SpdxExpression.Parse(expression).IsSatisfiedBy(AllowList));

    [Fact]
    public void ShouldBindAndTighterThanOr()
    {
        var expression = SpdxExpression.Parse("GPL-3.0-only OR MIT AND Apache-2.0");

        Assert.Equal("(GPL-3.0-only OR (MIT AND Apache-2.0))", expression.ToString());
        Assert.True(expression.IsSatisfiedBy(AllowList));
    }

    [Fact]
    public void ShouldListEveryLicenceIdButNotExceptions() =>
        Assert.Equal(["Apache-2.0", "MIT", "GPL-2.0-only"],
            SpdxExpression.Parse("(Apache-2.0 WITH LLVM-exception OR MIT) AND GPL-2.0-only").LicenceIds());

    [Theory]
    [InlineData("", "at least one licence")]
    [InlineData("MIT OR", "expected a licence identifier but found the end")]
    [InlineData("(MIT OR Apache-2.0", "never closed")]
    [InlineData("MIT Apache-2.0", "expected AND, OR or the end")]
    [InlineData("(MIT OR BSD-2-Clause) WITH LLVM-exception", "WITH must follow a single licence")]
    [InlineData("MIT or Apache-2.0", "found 'or'")]
    public void ShouldRejectMalformedExpressionsNamingTheFault(string expression, string expectedMessage)
    {
        Assert.Null(SpdxExpression.TryParse(expression, out var error));
        Assert.Contains(expectedMessage, error, StringComparison.Ordinal);
    }
}
