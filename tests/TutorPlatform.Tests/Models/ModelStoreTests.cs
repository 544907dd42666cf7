using System.Security.Cryptography;
using TutorPlatform.Core.Models;

namespace TutorPlatform.Tests.Models;

public sealed class ModelStoreTests : IDisposable
{
    private static readonly byte[] GoodBytes = [.. Enumerable.Range(0, 3000).Select(i => (byte)(i * 7))];
    private static readonly byte[] NestedBytes = "nested vocab"u8.ToArray();

    private readonly string _root = Directory.CreateTempSubdirectory("tutor-models-").FullName;
    private readonly string _source;
    private readonly string _target;
    private readonly ModelStore _store;

    public ModelStoreTests()
    {
        _source = Path.Combine(_root, "source");
        _target = Path.Combine(_root, "store");
        Directory.CreateDirectory(_source);
        var manifest = new ModelManifest(
        [
            Entry("good", "good.gguf", GoodBytes),
            Entry("corrupt", "corrupt.bin", "the real bytes"u8.ToArray()),
            Entry("nested", "vocab/nested.gguf", NestedBytes),
            Entry("absent", "absent.bin", [1, 2, 3]),
            new ModelEntry { Name = "unverified", Kind = "whisper-ggml", File = "ggml-base.en.bin", Licence = "MIT", Source = "upstream", Purpose = "test", Bundled = false },
        ]);
        _store = new ModelStore(manifest, _target);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InstallFrom_GoodAndCorruptedFiles_InstallsGoodAndRefusesCorruptedWithoutLeavingAnything()
    {
        await File.WriteAllBytesAsync(Path.Combine(_source, "good.gguf"), GoodBytes, Ct);
        await File.WriteAllBytesAsync(Path.Combine(_source, "corrupt.bin"), "the REAL bytes"u8.ToArray(), Ct); // same size, other content

        var results = await _store.InstallFromAsync(_source, Ct);

        Assert.Equal(ModelInstallOutcome.Installed, Outcome(results, "good.gguf"));
        Assert.Equal(GoodBytes, await File.ReadAllBytesAsync(Path.Combine(_target, "good.gguf"), Ct));
        var refused = Assert.Single(results, r => r.File == "corrupt.bin");
        Assert.Equal(ModelInstallOutcome.Mismatch, refused.Outcome);
        Assert.True(refused.IsFailure);
        Assert.Contains("manifest says", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["good.gguf"], Directory.EnumerateFiles(_target, "*", SearchOption.AllDirectories).Select(Path.GetFileName));
        Assert.Equal(ModelInstallOutcome.NotInSource, Outcome(results, "absent.bin"));
    }

    [Fact]
    public async Task InstallFrom_WrongSize_RefusedBeforeAnythingIsWritten()
    {
        await File.WriteAllBytesAsync(Path.Combine(_source, "good.gguf"), GoodBytes[..100], Ct);

        var results = await _store.InstallFromAsync(_source, Ct);

        Assert.Equal(ModelInstallOutcome.Mismatch, Outcome(results, "good.gguf"));
        Assert.False(Directory.Exists(_target) && Directory.EnumerateFileSystemEntries(_target).Any());
    }

    [Fact]
    public async Task InstallFrom_SecondTime_SkipsIdenticalFiles()
    {
        await File.WriteAllBytesAsync(Path.Combine(_source, "good.gguf"), GoodBytes, Ct);
        await _store.InstallFromAsync(_source, Ct);

        var results = await _store.InstallFromAsync(_source, Ct);

        Assert.Equal(ModelInstallOutcome.AlreadyInstalled, Outcome(results, "good.gguf"));
    }

    [Fact]
    public async Task InstallFrom_TamperedInstalledFile_ReplacesItWithTheVerifiedOne()
    {
        await File.WriteAllBytesAsync(Path.Combine(_source, "good.gguf"), GoodBytes, Ct);
        Directory.CreateDirectory(_target);
        await File.WriteAllBytesAsync(Path.Combine(_target, "good.gguf"), new byte[GoodBytes.Length], Ct);

        var result = Assert.Single(await _store.InstallFromAsync(_source, Ct), r => r.File == "good.gguf");

        Assert.Equal(ModelInstallOutcome.Installed, result.Outcome);
        Assert.Contains("replaced", result.Message, StringComparison.Ordinal);
        Assert.Equal(GoodBytes, await File.ReadAllBytesAsync(Path.Combine(_target, "good.gguf"), Ct));
        Assert.Single(Directory.EnumerateFiles(_target));
    }

    [Fact]
    public async Task InstallFrom_NestedPathOrFileNameOnly_FindsBothAndReportsUnknownFiles()
    {
        await File.WriteAllBytesAsync(Path.Combine(_source, "nested.gguf"), NestedBytes, Ct); // by file name at the top
        await File.WriteAllTextAsync(Path.Combine(_source, "README.txt"), "not a model", Ct);

        var results = await _store.InstallFromAsync(_source, Ct);

        Assert.Equal(ModelInstallOutcome.Installed, Outcome(results, "vocab/nested.gguf"));
        Assert.True(File.Exists(Path.Combine(_target, "vocab", "nested.gguf")));
        Assert.Equal(ModelInstallOutcome.Unknown, Outcome(results, "README.txt"));
        Assert.False(File.Exists(Path.Combine(_target, "README.txt")));
    }

    [Fact]
    public async Task InstallFrom_EntryWithoutChecksum_InstallsAndSaysItIsUnverified()
    {
        await File.WriteAllBytesAsync(Path.Combine(_source, "ggml-base.en.bin"), [9, 9, 9], Ct);

        var results = await _store.InstallFromAsync(_source, Ct);

        Assert.Equal(ModelInstallOutcome.InstalledUnverified, Outcome(results, "ggml-base.en.bin"));
        var verify = Assert.Single(await _store.VerifyAsync(Ct), r => r.Entry.Name == "unverified");
        Assert.Equal(ModelVerifyOutcome.NoChecksum, verify.Outcome);
        Assert.Equal("no checksum to verify", verify.Message);
    }

    [Fact]
    public async Task InstallFrom_MissingFolder_Throws() =>
        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => _store.InstallFromAsync(Path.Combine(_root, "nope"), Ct));

    [Fact]
    public async Task Verify_TamperedFile_ReportsMismatchWithBothChecksums()
    {
        await File.WriteAllBytesAsync(Path.Combine(_source, "good.gguf"), GoodBytes, Ct);
        await _store.InstallFromAsync(_source, Ct);
        Assert.Equal(ModelVerifyOutcome.Ok, (await _store.VerifyAsync(Ct)).Single(r => r.Entry.Name == "good").Outcome);

        var tampered = (byte[])GoodBytes.Clone();
        tampered[1234] ^= 0xFF;
        await File.WriteAllBytesAsync(Path.Combine(_target, "good.gguf"), tampered, Ct);
        var result = (await _store.VerifyAsync(Ct)).Single(r => r.Entry.Name == "good");

        Assert.Equal(ModelVerifyOutcome.Mismatch, result.Outcome);
        Assert.Contains(Sha(tampered), result.Message, StringComparison.Ordinal);
        Assert.Contains(Sha(GoodBytes), result.Message, StringComparison.Ordinal);
        Assert.Equal(ModelVerifyOutcome.NotInstalled, (await _store.VerifyAsync(Ct)).Single(r => r.Entry.Name == "absent").Outcome);
    }

    [Fact]
    public async Task Verify_TruncatedFile_ReportsSizeMismatch()
    {
        Directory.CreateDirectory(_target);
        await File.WriteAllBytesAsync(Path.Combine(_target, "good.gguf"), GoodBytes[..10], Ct);

        var result = (await _store.VerifyAsync(Ct)).Single(r => r.Entry.Name == "good");

        Assert.Equal(ModelVerifyOutcome.Mismatch, result.Outcome);
        Assert.Contains("size 10 bytes", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_MixedStates_ReportsInstalledSizeAndPath()
    {
        Directory.CreateDirectory(Path.Combine(_target, "vocab"));
        await File.WriteAllBytesAsync(Path.Combine(_target, "good.gguf"), GoodBytes, Ct);
        await File.WriteAllBytesAsync(Path.Combine(_target, "vocab", "nested.gguf"), [1], Ct);
        await File.WriteAllBytesAsync(Path.Combine(_target, "ggml-base.en.bin"), [1, 2], Ct);

        var states = (await _store.ListAsync(Ct)).ToDictionary(s => s.Entry.Name);

        Assert.Equal((true, true), (states["good"].Installed, states["good"].SizeOk));
        Assert.Equal((true, false, 1L), (states["nested"].Installed, states["nested"].SizeOk, states["nested"].ActualSize));
        Assert.Equal(Path.Combine(_target, "vocab", "nested.gguf"), states["nested"].Path);
        Assert.Equal((false, (bool?)null), (states["absent"].Installed, states["absent"].SizeOk));
        Assert.Equal((true, (bool?)null), (states["unverified"].Installed, states["unverified"].SizeOk));
    }

    private static ModelInstallOutcome Outcome(IReadOnlyList<ModelInstallResult> results, string file) =>
        Assert.Single(results, r => r.File == file).Outcome;

    private static ModelEntry Entry(string name, string file, byte[] content) => new()
    {
        Name = name,
        Kind = "llm-gguf",
        File = file,
        Size = content.Length,
        Sha256 = Sha(content),
        Licence = "MIT",
        Source = "test",
        Purpose = "test",
    };

    private static string Sha(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
