using AlphaPulse.Build.Audit;

namespace AlphaPulse.Build.Tests.Audit;

public sealed class NuspecLicenceReaderTests : IDisposable
{
    private const string MitText = """
        MIT License

        Copyright (c) Example

        Permission is hereby granted, free of charge, to any person obtaining a copy
        of this software and associated documentation files (the "Software"), to deal
        in the Software without restriction.

        The above copyright notice and this permission notice shall be included in all
        copies or substantial portions of the Software.
        """;

    private readonly TempDirectory _package = new();

    public void Dispose() => _package.Dispose();

    private string Nuspec(string metadata) => _package.Write("example.nuspec", $"""
        <?xml version="1.0" encoding="utf-8"?>
        <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
          <metadata>
            <id>Example</id>
            <version>1.0.0</version>
            {metadata}
          </metadata>
        </package>
        """);

    [Fact]
    public void ShouldReadALicenceExpression()
    {
        var licence = NuspecLicenceReader.Read(Nuspec("""
            <license type="expression">Apache-2.0 OR MIT</license>
            <licenseUrl>https://licenses.nuget.org/Apache-2.0%20OR%20MIT</licenseUrl>
            """));

        Assert.Equal(new PackageLicence(LicenceSource.Expression, "Apache-2.0 OR MIT", "Apache-2.0 OR MIT"), licence);
    }

    [Fact]
    public void ShouldRecogniseALicenceFileByItsWording()
    {
        _package.Write("docs/LICENSE.txt", MitText);

        var licence = NuspecLicenceReader.Read(Nuspec("""
            <license type="file">docs\LICENSE.txt</license>
            <licenseUrl>https://aka.ms/deprecateLicenseUrl</licenseUrl>
            """));

        Assert.Equal(LicenceSource.File, licence.Source);
        Assert.Equal("MIT", licence.Expression);
    }

    [Fact]
    public void ShouldLeaveAnUnrecognisedLicenceFileUnknown()
    {
        _package.Write("EULA.txt", "You may use this software only on Tuesdays.");

        var licence = NuspecLicenceReader.Read(Nuspec("""<license type="file">EULA.txt</license>"""));

        Assert.Equal(LicenceSource.File, licence.Source);
        Assert.Null(licence.Expression);
    }

    [Fact]
    public void ShouldReportALicenceFileThePackageDoesNotContain()
    {
        var licence = NuspecLicenceReader.Read(Nuspec("""<license type="file">LICENSE.md</license>"""));

        Assert.Null(licence.Expression);
        Assert.Contains("does not contain", licence.Evidence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://opensource.org/licenses/MIT", "MIT")]
    [InlineData("http://www.apache.org/licenses/LICENSE-2.0", "Apache-2.0")]
    [InlineData("https://raw.githubusercontent.com/xunit/xunit/master/license.txt", "Apache-2.0")]
    [InlineData("https://raw.githubusercontent.com/HdrHistogram/HdrHistogram.NET/master/LICENSE", "CC0-1.0 OR BSD-2-Clause")]
    [InlineData("http://go.microsoft.com/fwlink/?LinkId=329770", KnownLicences.MicrosoftDotNetLibrary)]
    [InlineData("https://licenses.nuget.org/MIT", "MIT")]
    public void ShouldMapWellKnownLegacyLicenceUrls(string url, string expected)
    {
        var licence = NuspecLicenceReader.Read(Nuspec($"<licenseUrl>{url}</licenseUrl>"));

        Assert.Equal(LicenceSource.Url, licence.Source);
        Assert.Equal(expected, licence.Expression);
        Assert.Equal(url, licence.Evidence);
    }

    [Fact]
    public void ShouldLeaveAnUnknownLicenceUrlUnknown()
    {
        var licence = NuspecLicenceReader.Read(Nuspec("<licenseUrl>https://example.com/our-terms.html</licenseUrl>"));

        Assert.Equal(LicenceSource.Url, licence.Source);
        Assert.Null(licence.Expression);
    }

    [Fact]
    public void ShouldReportANuspecWithoutAnyLicence()
    {
        var licence = NuspecLicenceReader.Read(Nuspec("<authors>someone</authors>"));

        Assert.Equal(LicenceSource.Missing, licence.Source);
        Assert.Null(licence.Expression);
    }

    [Theory]
    [InlineData("Redistribution and use in source and binary forms, with or without modification, are permitted provided that ... Neither the name of the copyright holder", "BSD-3-Clause")]
    [InlineData("Redistribution and use in source and binary forms, with or without\n modification, are permitted provided that the following conditions are met", "BSD-2-Clause")]
    [InlineData("Apache License\n Version 2.0, January 2004", "Apache-2.0")]
    [InlineData("Permission is hereby granted, free of charge, to any person obtaining a copy of this software", "MIT-0")]
    public void ShouldClassifyStandardLicenceTexts(string text, string expected) =>
        Assert.Equal(expected, KnownLicences.FromText(text));
}
