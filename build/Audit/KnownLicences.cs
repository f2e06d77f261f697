namespace AlphaPulse.Build.Audit;

/// <summary>
/// Recognises the licences behind legacy <c>&lt;licenseUrl&gt;</c> addresses and inside licence files.
/// Only addresses whose text is known and stable are listed: a URL that points at a moving branch of an
/// unknown repository proves nothing, so it stays unknown and needs a reviewed exception.
/// </summary>
public static class KnownLicences
{
    /// <summary>SPDX-style reference for the Microsoft .NET Library License (not an SPDX-listed licence).</summary>
    public const string MicrosoftDotNetLibrary = "LicenseRef-MS-NET-Library";

    // Keys are compared without scheme, "www." and a trailing slash, case-insensitively.
    private static readonly Dictionary<string, string> ByUrl = new(StringComparer.OrdinalIgnoreCase)
    {
        ["opensource.org/licenses/MIT"] = "MIT",
        ["opensource.org/licenses/mit-license.php"] = "MIT",
        ["opensource.org/licenses/Apache-2.0"] = "Apache-2.0",
        ["opensource.org/licenses/BSD-2-Clause"] = "BSD-2-Clause",
        ["opensource.org/licenses/BSD-3-Clause"] = "BSD-3-Clause",
        ["apache.org/licenses/LICENSE-2.0"] = "Apache-2.0",
        ["apache.org/licenses/LICENSE-2.0.html"] = "Apache-2.0",
        ["apache.org/licenses/LICENSE-2.0.txt"] = "Apache-2.0",
        // The Microsoft .NET Library License, used by the System.* 4.x packages.
        ["go.microsoft.com/fwlink/?LinkId=329770"] = MicrosoftDotNetLibrary,
        ["microsoft.com/web/webpi/eula/net_library_eula_ENU.htm"] = MicrosoftDotNetLibrary,
        // xunit's licence.txt: "Licensed under the Apache License, Version 2.0".
        ["raw.githubusercontent.com/xunit/xunit/master/license.txt"] = "Apache-2.0",
        // HdrHistogram.NET: released to the public domain (CC0), and also offered under BSD 2-Clause.
        ["raw.githubusercontent.com/HdrHistogram/HdrHistogram.NET/master/LICENSE"] = "CC0-1.0 OR BSD-2-Clause",
        // The .NET Foundation's MIT licence for dotnet/* and aspnet/* repositories.
        ["github.com/dotnet/corefx/blob/master/LICENSE.TXT"] = "MIT",
        ["github.com/dotnet/core-setup/blob/master/LICENSE.TXT"] = "MIT",
        ["raw.githubusercontent.com/aspnet/AspNetCore/2.0.0/LICENSE.txt"] = "Apache-2.0",
        ["raw.githubusercontent.com/aspnet/Home/2.0.0/LICENSE.txt"] = "Apache-2.0",
        ["github.com/Microsoft/dotnet/blob/master/LICENSE"] = "MIT",
        ["raw.githubusercontent.com/Microsoft/dotnet/master/LICENSE"] = "MIT",
    };

    /// <summary>The SPDX expression behind a licence URL, or null when the address is not a known licence.</summary>
    /// <remarks><c>licenses.nuget.org/&lt;expression&gt;</c> is NuGet's own rendering of an expression and maps back to it.</remarks>
    public static string? FromUrl(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var key = Normalise(url);
        const string NuGetLicences = "licenses.nuget.org/";
        if (key.StartsWith(NuGetLicences, StringComparison.OrdinalIgnoreCase) && key.Length > NuGetLicences.Length)
        {
            return Uri.UnescapeDataString(key[NuGetLicences.Length..]);
        }
        return ByUrl.GetValueOrDefault(key);
    }

    /// <summary>
    /// The licence whose standard wording a licence file carries, or null when the text is not recognised.
    /// Checks the distinctive grant sentence of each licence, not the title, which files often omit.
    /// </summary>
    public static string? FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        bool Has(string phrase) => flat.Contains(phrase, StringComparison.OrdinalIgnoreCase);

        if (Has("Permission is hereby granted, free of charge, to any person obtaining a copy"))
        {
            return Has("The above copyright notice and this permission notice shall be included") ? "MIT" : "MIT-0";
        }
        if (Has("Apache License") && Has("Version 2.0"))
        {
            return "Apache-2.0";
        }
        if (Has("Redistribution and use in source and binary forms, with or without modification, are permitted"))
        {
            return Has("Neither the name") || Has("may be used to endorse or promote") ? "BSD-3-Clause" : "BSD-2-Clause";
        }
        if (Has("Permission to use, copy, modify, and/or distribute this software for any purpose with or without fee is hereby granted"))
        {
            return Has("copyright notice and this permission notice appear in all copies") ? "ISC" : "0BSD";
        }
        return null;
    }

    private static string Normalise(string url)
    {
        var text = url.Trim();
        foreach (var prefix in (string[])["https://", "http://"])
        {
            if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                text = text[prefix.Length..];
            }
        }
        if (text.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            text = text[4..];
        }
        return text.TrimEnd('/');
    }
}
