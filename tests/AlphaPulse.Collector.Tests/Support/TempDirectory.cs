namespace AlphaPulse.Collector.Tests.Support;

/// <summary>A fresh directory under /dev/shm (or the temp folder) for ring files, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        var root = Directory.Exists("/dev/shm") ? "/dev/shm" : System.IO.Path.GetTempPath();
        Path = System.IO.Path.Combine(root, "alphapulse-collector-tests-" + Guid.NewGuid().ToString("N")[..12]);
        _ = Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file; the OS cleans /dev/shm on reboot.
        }
    }
}
