using System.Runtime.Versioning;

// Rings are Linux shared memory (/dev/shm, flock, mmap); the tests run where the server runs.
[assembly: SupportedOSPlatform("linux")]
