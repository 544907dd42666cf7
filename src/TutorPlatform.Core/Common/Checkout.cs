namespace TutorPlatform.Core.Common;

/// <summary>Finds the source checkout a program runs from: a folder holding TutorPlatform.sln.</summary>
public static class Checkout
{
    public const string SolutionFile = "TutorPlatform.sln";

    /// <summary>Every folder from <paramref name="start"/> upwards that holds the solution file, nearest first.</summary>
    public static IEnumerable<string> Roots(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                yield return dir.FullName;
            }
        }
    }

    /// <summary><c>../shared/&lt;relativePath&gt;</c> beside a checkout found from the current folder or the program's own, when it exists.</summary>
    public static string? FindShared(string relativePath) =>
        new[] { Environment.CurrentDirectory, AppContext.BaseDirectory }
            .SelectMany(Roots)
            .Select(root => Path.GetFullPath(Path.Combine(root, "..", "shared", relativePath)))
            .FirstOrDefault(path => File.Exists(path) || Directory.Exists(path));
}
