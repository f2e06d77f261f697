namespace Build.Tests;

public class NameMatchingTests
{
    [Fact]
    public void ShouldConvertMemberNamesToKebabCase() =>
        Assert.Equal("image-tag", AlphaPulse.Build.Engine.NameMatching.ToKebabCase("ImageTag"));
}
