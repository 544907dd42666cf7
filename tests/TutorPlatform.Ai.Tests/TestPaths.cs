namespace TutorPlatform.Ai.Tests;

/// <summary>Where the repository, its native libraries and the shared test models are.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The shared model files: <c>../shared/models</c> next to the repository.</summary>
    public static string Models { get; } = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "models"));

    public static string NativeLlama { get; } = Path.Combine(RepositoryRoot, ".native", "llama");

    public static string Stories260K => Model("stories260K.gguf");

    public static string Model(string relativePath)
    {
        var path = Path.Combine(Models, relativePath);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The shared test model '{path}' is missing (see shared/MODELS.md).", path);
        }

        return path;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TutorPlatform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No TutorPlatform.sln above {AppContext.BaseDirectory}.");
    }
}
