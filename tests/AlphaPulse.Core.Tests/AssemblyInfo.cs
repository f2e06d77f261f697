using System.Runtime.Versioning;

// Rings are Linux shared memory (/dev/shm, flock, mmap); the tests run where the services run.
[assembly: SupportedOSPlatform("linux")]
