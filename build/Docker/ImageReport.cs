using System.Text.Json;
using AlphaPulse.Build.Engine;

namespace AlphaPulse.Build.Docker;

/// <summary>Writes <c>artifacts/images/images.json</c>: what ImageBuild tagged, the sizes and build times.</summary>
public static class ImageReport
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Write(AbsolutePath file, string tag, IReadOnlyList<BuiltImage> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var document = new
        {
            tag,
            images = images.Select(image => new
            {
                component = image.Component.Name,
                references = image.References,
                sizeBytes = image.SizeBytes,
                buildSeconds = Math.Round(image.Duration.TotalSeconds, 1),
            }),
        };
        File.WriteAllText(file, JsonSerializer.Serialize(document, Indented));
    }
}
