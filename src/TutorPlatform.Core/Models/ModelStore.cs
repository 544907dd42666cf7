using System.Security.Cryptography;

namespace TutorPlatform.Core.Models;

/// <summary>One manifest entry as found in the models directory.</summary>
public sealed record ModelFileState(ModelEntry Entry, string Path, bool Installed, long? ActualSize)
{
    /// <summary>Null when the file is absent or the manifest has no size.</summary>
    public bool? SizeOk => Installed && Entry.Size is { } size ? ActualSize == size : null;
}

public enum ModelVerifyOutcome
{
    Ok,
    Mismatch,
    NotInstalled,
    NoChecksum,
}

public sealed record ModelVerifyResult(ModelEntry Entry, string Path, ModelVerifyOutcome Outcome, string Message);

public enum ModelInstallOutcome
{
    Installed,
    InstalledUnverified,
    AlreadyInstalled,
    Mismatch,
    NotInSource,
    Unknown,
}

/// <summary><paramref name="File"/> is the manifest path, or for <see cref="ModelInstallOutcome.Unknown"/> the path inside the source folder.</summary>
public sealed record ModelInstallResult(string File, ModelInstallOutcome Outcome, string Message)
{
    public bool IsFailure => Outcome == ModelInstallOutcome.Mismatch;
}

/// <summary>The models directory checked against the manifest: list, verify, install from a folder.</summary>
/// <remarks>There is no download path: this environment has no route to the model hosts, so nothing could test it.</remarks>
public sealed class ModelStore(ModelManifest manifest, string directory)
{
    private const int BufferSize = 1 << 20;

    public ModelManifest Manifest { get; } = manifest;

    public string Directory { get; } = System.IO.Path.GetFullPath(directory);

    public static ModelStore FromOptions(ModelManifest manifest, ModelStoreOptions options) => new(manifest, options.ResolveDirectory());

    public string PathOf(ModelEntry entry) => System.IO.Path.Combine(Directory, entry.File.Replace('/', System.IO.Path.DirectorySeparatorChar));

    public Task<IReadOnlyList<ModelFileState>> ListAsync(CancellationToken cancellationToken = default)
    {
        var states = new List<ModelFileState>();
        foreach (var entry in Manifest.Entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var info = new FileInfo(PathOf(entry));
            states.Add(new ModelFileState(entry, info.FullName, info.Exists, info.Exists ? info.Length : null));
        }

        return Task.FromResult<IReadOnlyList<ModelFileState>>(states);
    }

    /// <summary>Hashes every installed file and compares it with the manifest.</summary>
    public async Task<IReadOnlyList<ModelVerifyResult>> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var results = new List<ModelVerifyResult>();
        foreach (var entry in Manifest.Entries)
        {
            var path = PathOf(entry);
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                results.Add(new(entry, path, ModelVerifyOutcome.NotInstalled, "not installed"));
            }
            else if (entry.Size is { } size && info.Length != size)
            {
                results.Add(new(entry, path, ModelVerifyOutcome.Mismatch, $"MISMATCH: size {info.Length} bytes, manifest says {size}"));
            }
            else if (entry.Sha256 is null)
            {
                results.Add(new(entry, path, ModelVerifyOutcome.NoChecksum, "no checksum to verify"));
            }
            else
            {
                var actual = await Sha256Async(path, cancellationToken);
                results.Add(actual == entry.Sha256
                    ? new(entry, path, ModelVerifyOutcome.Ok, "ok")
                    : new(entry, path, ModelVerifyOutcome.Mismatch, $"MISMATCH: sha256 {actual}, manifest says {entry.Sha256}"));
            }
        }

        return results;
    }

    /// <summary>
    /// Installs the manifest's files found in <paramref name="sourceDirectory"/> (at their manifest path, or by file name at its top).
    /// A file is hashed before anything is written; a mismatch is refused. The copy goes to a temporary file in the target
    /// folder, is hashed again, and is renamed into place, so a failure never leaves a partial model file. Files already
    /// installed with the right checksum are skipped; files the manifest does not know are reported and ignored.
    /// </summary>
    public async Task<IReadOnlyList<ModelInstallResult>> InstallFromAsync(string sourceDirectory, CancellationToken cancellationToken = default)
    {
        var source = System.IO.Path.GetFullPath(sourceDirectory);
        if (!System.IO.Directory.Exists(source))
        {
            throw new DirectoryNotFoundException($"No folder {source}.");
        }

        if (string.Equals(source.TrimEnd(System.IO.Path.DirectorySeparatorChar), Directory.TrimEnd(System.IO.Path.DirectorySeparatorChar), StringComparison.Ordinal))
        {
            throw new ArgumentException($"{source} is the models directory itself.", nameof(sourceDirectory));
        }

        var results = new List<ModelInstallResult>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in Manifest.Entries)
        {
            var candidate = new[] { System.IO.Path.Combine(source, entry.File.Replace('/', System.IO.Path.DirectorySeparatorChar)), System.IO.Path.Combine(source, System.IO.Path.GetFileName(entry.File)) }
                .FirstOrDefault(File.Exists);
            if (candidate is null)
            {
                results.Add(new(entry.File, ModelInstallOutcome.NotInSource, entry.Bundled ? "not in the source folder" : "not in the source folder (not bundled: download it on a normal network)"));
                continue;
            }

            used.Add(System.IO.Path.GetFullPath(candidate));
            results.Add(await InstallOneAsync(entry, candidate, cancellationToken));
        }

        foreach (var file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (!used.Contains(System.IO.Path.GetFullPath(file)))
            {
                var relative = System.IO.Path.GetRelativePath(source, file).Replace(System.IO.Path.DirectorySeparatorChar, '/');
                results.Add(new(relative, ModelInstallOutcome.Unknown, "not in the manifest; ignored"));
            }
        }

        return results;
    }

    private async Task<ModelInstallResult> InstallOneAsync(ModelEntry entry, string sourceFile, CancellationToken cancellationToken)
    {
        var length = new FileInfo(sourceFile).Length;
        if (entry.Size is { } size && length != size)
        {
            return new(entry.File, ModelInstallOutcome.Mismatch, $"refused: {sourceFile} is {length} bytes, manifest says {size}");
        }

        var sourceSha = await Sha256Async(sourceFile, cancellationToken);
        if (entry.Sha256 is not null && sourceSha != entry.Sha256)
        {
            return new(entry.File, ModelInstallOutcome.Mismatch, $"refused: sha256 of {sourceFile} is {sourceSha}, manifest says {entry.Sha256}");
        }

        var target = PathOf(entry);
        var replacing = File.Exists(target);
        if (replacing && new FileInfo(target).Length == length && await Sha256Async(target, cancellationToken) == sourceSha)
        {
            return new(entry.File, ModelInstallOutcome.AlreadyInstalled, "already installed, checksum matches");
        }

        var folder = System.IO.Path.GetDirectoryName(target)!;
        System.IO.Directory.CreateDirectory(folder);
        var temp = System.IO.Path.Combine(folder, $".{System.IO.Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            string copiedSha;
            await using (var input = new FileStream(sourceFile, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true))
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[BufferSize];
                int read;
                while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                await output.FlushAsync(cancellationToken);
                output.Flush(flushToDisk: true);
                copiedSha = Convert.ToHexStringLower(hash.GetHashAndReset());
            }

            // The source was hashed before; a file that changed while it was copied is not installed either.
            if (copiedSha != sourceSha)
            {
                return new(entry.File, ModelInstallOutcome.Mismatch, $"refused: {sourceFile} changed while it was copied");
            }

            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }

        var what = replacing ? "replaced a file whose checksum did not match" : "installed";
        return entry.Sha256 is null
            ? new(entry.File, ModelInstallOutcome.InstalledUnverified, $"{what}; no checksum to verify it against")
            : new(entry.File, ModelInstallOutcome.Installed, $"{what}, sha256 verified");
    }

    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
