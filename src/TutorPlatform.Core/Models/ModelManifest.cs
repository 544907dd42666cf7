using System.Text.Json;
using System.Text.Json.Serialization;

namespace TutorPlatform.Core.Models;

/// <summary>One model file the platform knows: what it is, where it came from, and how to check it.</summary>
public sealed record ModelEntry
{
    /// <summary>Short unique name, e.g. <c>stories260k</c>.</summary>
    public required string Name { get; init; }

    /// <summary>What loads it: <c>llm-gguf</c>, <c>whisper-ggml</c>, <c>vad-silero</c>, <c>vocab-test</c>, <c>audio-sample</c>, …</summary>
    public required string Kind { get; init; }

    /// <summary>Path inside the models directory, forward slashes, relative (e.g. <c>llama-vocab/ggml-vocab-phi-3.gguf</c>).</summary>
    public required string File { get; init; }

    /// <summary>Size in bytes; null where it is not known from a primary source.</summary>
    public long? Size { get; init; }

    /// <summary>Lower-case hex SHA-256; null where it is not known from a primary source (then nothing can be verified).</summary>
    public string? Sha256 { get; init; }

    public required string Licence { get; init; }

    /// <summary>Human-readable origin: upstream project, path and commit.</summary>
    public required string Source { get; init; }

    public required string Purpose { get; init; }

    /// <summary>False for files that are not shipped with the test models and must be downloaded on a normal network.</summary>
    public bool Bundled { get; init; } = true;

    public string? Notes { get; init; }
}

/// <summary>The list of model files (<c>Models/models.manifest.json</c>, embedded in Core and copied beside the binaries).</summary>
public sealed class ModelManifest
{
    public const string ResourceName = "TutorPlatform.Core.Models.models.manifest.json";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public ModelManifest(IReadOnlyList<ModelEntry?> entries)
    {
        var errors = Validate(entries);
        if (errors.Count > 0)
        {
            throw new ModelManifestException(errors);
        }

        Entries = [.. entries.Select(e => e!)];
    }

    public IReadOnlyList<ModelEntry> Entries { get; }

    /// <summary>The manifest compiled into Core.</summary>
    public static ModelManifest LoadEmbedded()
    {
        using var stream = typeof(ModelManifest).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from {typeof(ModelManifest).Assembly.GetName().Name}.");
        return Load(stream);
    }

    public static ModelManifest LoadFile(string path)
    {
        using var stream = System.IO.File.OpenRead(path);
        return Load(stream);
    }

    public static ModelManifest Load(Stream json)
    {
        Document? document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new ModelManifestException([$"not valid manifest JSON: {ex.Message}"]);
        }

        if (document?.Models is null)
        {
            throw new ModelManifestException(["no `models` array"]);
        }

        if (document.Version != 1)
        {
            throw new ModelManifestException([$"unsupported manifest version {document.Version} (expected 1)"]);
        }

        return new ModelManifest(document.Models);
    }

    /// <summary>Every problem found, in order; empty when the entries are valid.</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyList<ModelEntry?> entries)
    {
        var errors = new List<string>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var files = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry is null)
            {
                errors.Add($"entry {i}: null");
                continue;
            }

            var at = $"entry {i} ({entry.Name})";
            foreach (var (field, value) in new[] { ("name", entry.Name), ("kind", entry.Kind), ("file", entry.File), ("licence", entry.Licence), ("source", entry.Source), ("purpose", entry.Purpose) })
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    errors.Add($"{at}: `{field}` is required");
                }
            }

            if (!string.IsNullOrWhiteSpace(entry.Name) && !names.Add(entry.Name))
            {
                errors.Add($"{at}: duplicate name");
            }

            if (!string.IsNullOrWhiteSpace(entry.File))
            {
                if (!IsSafeRelativePath(entry.File))
                {
                    errors.Add($"{at}: file `{entry.File}` must be a relative path with forward slashes and no `..`");
                }
                else if (!files.Add(entry.File))
                {
                    errors.Add($"{at}: duplicate file `{entry.File}`");
                }
            }

            if (entry.Size is < 0)
            {
                errors.Add($"{at}: size must not be negative");
            }

            if (entry.Sha256 is { } sha && (sha.Length != 64 || !sha.All(char.IsAsciiHexDigitLower)))
            {
                errors.Add($"{at}: sha256 must be 64 lower-case hex digits");
            }

            if (entry.Bundled && (entry.Sha256 is null || entry.Size is null))
            {
                errors.Add($"{at}: a bundled file needs its size and sha256");
            }
        }

        return errors;
    }

    private static bool IsSafeRelativePath(string file) =>
        !file.Contains('\\', StringComparison.Ordinal)
        && !Path.IsPathRooted(file)
        && !file.StartsWith('/')
        && file.Split('/').All(part => part.Length > 0 && part != "." && part != "..")
        && file.IndexOfAny(Path.GetInvalidPathChars()) < 0;

    private sealed class Document
    {
        public int Version { get; set; }

        public List<ModelEntry?>? Models { get; set; }
    }
}

public sealed class ModelManifestException(IReadOnlyList<string> errors)
    : Exception("Invalid model manifest: " + string.Join("; ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
