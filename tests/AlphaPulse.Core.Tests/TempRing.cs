namespace AlphaPulse.Core.Tests;

/// <summary>A private directory under /dev/shm for one test's ring files; removed on dispose.</summary>
internal sealed class TempRing : IDisposable
{
    public TempRing()
    {
        Directory = System.IO.Path.Combine("/dev/shm", "alphapulse-test-" + Guid.NewGuid().ToString("N"));
        _ = System.IO.Directory.CreateDirectory(Directory);
        Path = System.IO.Path.Combine(Directory, "stream.ring");
    }

    public string Directory { get; }

    public string Path { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
