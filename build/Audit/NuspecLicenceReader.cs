using System.Xml;
using System.Xml.Linq;

namespace AlphaPulse.Build.Audit;

/// <summary>
/// Reads the licence a package declares in its .nuspec (NuGet's nuspec reference: the <c>license</c> element,
/// and the deprecated <c>licenseUrl</c>). Element names are matched by local name, since the nuspec schema
/// namespace differs between NuGet versions.
/// </summary>
public static class NuspecLicenceReader
{
    /// <summary>Reads the licence of the package whose .nuspec is at <paramref name="nuspecPath"/>.</summary>
    /// <remarks>
    /// Order: an expression wins; then a licence file, recognised by its wording; then a well-known
    /// <c>licenseUrl</c>. Anything else leaves <see cref="PackageLicence.Expression"/> null.
    /// </remarks>
    public static PackageLicence Read(string nuspecPath)
    {
        ArgumentNullException.ThrowIfNull(nuspecPath);
        XDocument document;
        try
        {
            document = XDocument.Load(nuspecPath);
        }
        catch (Exception exception) when (exception is IOException or XmlException or UnauthorizedAccessException)
        {
            return PackageLicence.Missing($"the .nuspec could not be read: {nuspecPath}: {exception.Message}");
        }

        var metadata = document.Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "metadata");
        var license = metadata?.Elements().FirstOrDefault(e => e.Name.LocalName == "license");
        var licenseUrl = metadata?.Elements().FirstOrDefault(e => e.Name.LocalName == "licenseUrl")?.Value.Trim();

        var type = license?.Attribute("type")?.Value;
        if (license is not null && string.Equals(type, "expression", StringComparison.OrdinalIgnoreCase))
        {
            var expression = license.Value.Trim();
            return new PackageLicence(LicenceSource.Expression, expression, expression);
        }
        if (license is not null && string.Equals(type, "file", StringComparison.OrdinalIgnoreCase))
        {
            return ReadLicenceFile(Path.GetDirectoryName(nuspecPath) ?? ".", license.Value.Trim());
        }
        if (!string.IsNullOrEmpty(licenseUrl))
        {
            return new PackageLicence(LicenceSource.Url, KnownLicences.FromUrl(licenseUrl), licenseUrl);
        }
        return PackageLicence.Missing("the .nuspec has neither a <license> nor a <licenseUrl> element");
    }

    private static PackageLicence ReadLicenceFile(string packageDirectory, string relativePath)
    {
        var path = Path.Combine(packageDirectory, relativePath.Replace('\\', '/'));
        if (!File.Exists(path))
        {
            return new PackageLicence(LicenceSource.File, null, $"{relativePath}, which the package does not contain");
        }
        return new PackageLicence(LicenceSource.File, KnownLicences.FromText(File.ReadAllText(path)), relativePath);
    }
}
