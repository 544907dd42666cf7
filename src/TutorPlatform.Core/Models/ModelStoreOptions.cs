using System.ComponentModel.DataAnnotations;
using TutorPlatform.Core.Common;

namespace TutorPlatform.Core.Models;

/// <summary>Where model files are installed: section <c>Models</c>.</summary>
public sealed class ModelStoreOptions : IValidatableObject
{
    public const string Section = "Models";

    /// <summary>
    /// The models directory. Empty: the git-ignored <c>.models/</c> folder at the repository root when running
    /// from a checkout (a folder above the app holding <c>TutorPlatform.sln</c>), else <c>models/</c> beside the app.
    /// Relative paths are taken from the current directory.
    /// </summary>
    [StringLength(4096)]
    public string? Directory { get; set; }

    /// <summary>The directory to use, as a full path.</summary>
    public string ResolveDirectory() =>
        string.IsNullOrWhiteSpace(Directory) ? DefaultDirectory(AppContext.BaseDirectory) : Path.GetFullPath(Directory);

    /// <summary><c>&lt;repo&gt;/.models</c> when <paramref name="baseDirectory"/> is inside a checkout, else <c>&lt;base&gt;/models</c>.</summary>
    public static string DefaultDirectory(string baseDirectory) =>
        Checkout.Roots(baseDirectory).FirstOrDefault() is { } root
            ? Path.Combine(root, ".models")
            : Path.Combine(Path.GetFullPath(baseDirectory), "models");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Directory))
        {
            yield break;
        }

        string? error = null;
        if (Directory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            error = $"Models:Directory `{Directory}` contains characters that are not allowed in a path.";
        }
        else if (File.Exists(Path.GetFullPath(Directory)))
        {
            error = $"Models:Directory `{Directory}` is a file, not a directory.";
        }

        if (error is not null)
        {
            yield return new ValidationResult(error, [nameof(Directory)]);
        }
    }
}
