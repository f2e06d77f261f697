using AlphaPulse.Build.Engine;

/// <summary>The Python bindings' native library: NativeAOT publish of source/AlphaPulse.Bindings after Compile.</summary>
partial class Build
{
    AbsolutePath BindingsProject => RootDirectory / "source" / "AlphaPulse.Bindings" / "AlphaPulse.Bindings.csproj";

    /// <summary>Where libalphapulse.so lands; the Python package finds it here (or through ALPHAPULSE_LIB).</summary>
    AbsolutePath BindingsDirectory => ArtifactsDirectory / "bindings";

    AbsolutePath BindingsPythonPackage => RootDirectory / "source" / "AlphaPulse.Bindings" / "python" / "alphapulse";

    Target CompileBindings => _ => _
        .Description("Publish the Python bindings' native library with NativeAOT: artifacts/bindings/libalphapulse.so (runs after Compile)")
        .DependsOn(Restore)
        .TriggeredBy(Compile)
        .Before(Test, Bench)
        .Produces(BindingsDirectory)
        .Executes(() =>
        {
            ProcessTasks.Run("dotnet", ["publish", BindingsProject, "--no-restore", "-c", Configuration, "-o", BindingsDirectory, "--nologo"]);

            // Beside the Python package too, so `pip install source/AlphaPulse.Bindings/python` ships it (git ignores it there).
            File.Copy(BindingsDirectory / "libalphapulse.so", BindingsPythonPackage / "libalphapulse.so", overwrite: true);
        });
}
