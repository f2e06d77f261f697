using AlphaPulse.Build.Kubernetes;

namespace AlphaPulse.Build.Tests.Kubernetes;

public sealed class ImageTagRuleTests
{
    [Theory]
    [InlineData("1.4.2")]
    [InlineData("v1.4.2")]
    [InlineData("v1.4.2-rc.1")]
    [InlineData("abc1234")]
    [InlineData("0123456789abcdef0123456789abcdef01234567")]
    [InlineData("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void ShouldAcceptImmutableTagsInProduction(string tag) => Assert.Null(ImageTagRule.Check("production", tag));

    [Theory]
    [InlineData("latest")]
    [InlineData("main")]
    [InlineData("develop")]
    [InlineData("feature-x")]
    [InlineData("v1.4")]
    [InlineData("ABC1234")]
    [InlineData("sha256:abc")]
    public void ShouldRefuseMutableTagsInProduction(string tag) =>
        Assert.StartsWith($"{ImageTagRule.Rule}: --image-tag '{tag}' is mutable", ImageTagRule.Check("production", tag), StringComparison.Ordinal);

    [Fact]
    public void ShouldAcceptAMovingTagInStaging() => Assert.Null(ImageTagRule.Check("staging", "develop"));

    [Theory]
    [InlineData("staging")]
    [InlineData("production")]
    public void ShouldRequireATagEverywhere(string environment) =>
        Assert.StartsWith("an image tag is required", ImageTagRule.Check(environment, " "), StringComparison.Ordinal);
}
