using System.Text;
using TutorPlatform.Core.Models;

namespace TutorPlatform.Tests.Models;

public sealed class ModelManifestTests
{
    private const string ValidEntry = """{ "name": "a", "kind": "llm-gguf", "file": "a.gguf", "size": 3, "sha256": "039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81", "licence": "MIT", "source": "s", "purpose": "p" }""";

    [Fact]
    public void LoadEmbedded_ShippedManifest_IsValidAndHasTheNotBundledEntriesWithoutInventedChecksums()
    {
        var manifest = ModelManifest.LoadEmbedded();

        Assert.Contains(manifest.Entries, e => e.File == "stories260K.gguf" && e.Kind == "llm-gguf" && e.Bundled);
        var whisper = Assert.Single(manifest.Entries, e => e.File == "ggml-base.en.bin");
        Assert.False(whisper.Bundled);
        Assert.Null(whisper.Sha256);
        Assert.Contains(manifest.Entries, e => !e.Bundled && e.Kind == "llm-gguf");
    }

    [Fact]
    public void LoadEmbedded_CopyBesideTheBinaries_IsTheSameFile()
    {
        var copy = ModelManifest.LoadFile(Path.Combine(AppContext.BaseDirectory, "Models", "models.manifest.json"));

        Assert.Equal(ModelManifest.LoadEmbedded().Entries, copy.Entries);
    }

    [Fact]
    public void Load_ValidJson_ReadsEntry()
    {
        var entry = Assert.Single(Load($$"""{ "version": 1, "models": [ {{ValidEntry}} ] }""").Entries);

        Assert.Equal(("a", 3L, true), (entry.Name, entry.Size, entry.Bundled));
    }

    [Theory]
    [InlineData("""{ "version": 1, "models": [ ENTRY, ENTRY ] }""", "duplicate name")]
    [InlineData("""{ "version": 1, "models": [ ENTRY ] }""", "sha256 must be 64 lower-case hex digits", "039058c6", "039058C6")]
    [InlineData("""{ "version": 1, "models": [ ENTRY ] }""", "must be a relative path", "a.gguf", "../a.gguf")]
    [InlineData("""{ "version": 1, "models": [ ENTRY ] }""", "must be a relative path", "a.gguf", "/abs/a.gguf")]
    [InlineData("""{ "version": 1, "models": [ ENTRY ] }""", "a bundled file needs its size and sha256", "\"size\": 3", "\"size\": null")]
    [InlineData("""{ "version": 1, "models": [ ENTRY ] }""", "size must not be negative", "\"size\": 3", "\"size\": -3")]
    [InlineData("""{ "version": 1, "models": [ ENTRY ] }""", "`kind` is required", "\"llm-gguf\"", "\" \"")]
    [InlineData("""{ "version": 1, "models": [ ENTRY ] }""", "missing required properties", "\"licence\": \"MIT\",", "")]
    [InlineData("""{ "version": 1, "models": [ ENTRY ] }""", "not valid manifest JSON", "\"purpose\"", "\"porpoise\"")]
    [InlineData("""{ "version": 2, "models": [ ENTRY ] }""", "unsupported manifest version 2")]
    [InlineData("""{ "version": 1 }""", "no `models` array")]
    [InlineData("""{ "version": 1, "models": [ ENTRY """, "not valid manifest JSON")]
    public void Load_InvalidManifest_ThrowsWithTheProblem(string template, string expected, string? find = null, string? replace = null)
    {
        var entry = find is null ? ValidEntry : ValidEntry.Replace(find, replace, StringComparison.Ordinal);

        var error = Assert.Throws<ModelManifestException>(() => Load(template.Replace("ENTRY", entry, StringComparison.Ordinal)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralProblems_ListsEachOne()
    {
        var bad = new ModelEntry { Name = "x", Kind = "k", File = "a\\b", Licence = "", Source = "s", Purpose = "p", Sha256 = "nope", Size = 1 };

        var errors = ModelManifest.Validate([bad]);

        Assert.Equal(3, errors.Count);
    }

    /// <summary>The shipped manifest must describe the very files in ../shared/models (size and SHA-256 recomputed here).</summary>
    [Fact]
    public async Task SharedModels_BundledEntries_MatchTheRealFiles()
    {
        var shared = Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "models"));
        Assert.SkipUnless(Directory.Exists(shared), $"No {shared} on this machine.");

        var bundled = ModelManifest.LoadEmbedded().Entries.Where(e => e.Bundled).ToList();
        foreach (var entry in bundled)
        {
            var path = Path.Combine(shared, entry.File);
            Assert.True(File.Exists(path), $"{entry.File} is not in {shared}");
            Assert.Equal(entry.Size, new FileInfo(path).Length);
            Assert.Equal(entry.Sha256, await ModelStore.Sha256Async(path, TestContext.Current.CancellationToken));
        }

        var sums = (await File.ReadAllLinesAsync(Path.Combine(shared, "SHA256SUMS"), TestContext.Current.CancellationToken))
            .Select(line => line.Split(' ', 2, StringSplitOptions.TrimEntries))
            .ToDictionary(p => p[1].TrimStart('.', '/'), p => p[0]);
        Assert.Equal(sums.OrderBy(s => s.Key, StringComparer.Ordinal), bundled.Select(e => KeyValuePair.Create(e.File, e.Sha256!)).OrderBy(s => s.Key, StringComparer.Ordinal));
    }

    private static ModelManifest Load(string json) => ModelManifest.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TutorPlatform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No TutorPlatform.sln above " + AppContext.BaseDirectory);
    }
}
