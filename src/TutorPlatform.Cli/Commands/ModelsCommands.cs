using System.CommandLine;
using Microsoft.Extensions.Configuration;
using TutorPlatform.Core.Models;

namespace TutorPlatform.Cli.Commands;

/// <summary><c>tutor models list|verify|install</c>.</summary>
internal static class ModelsCommands
{
    private static readonly Option<string?> DirectoryOption = new("--directory")
    {
        Description = "The models directory; overrides Models:Directory (default: .models/ at the repository root in a checkout, else models/ beside the tool).",
    };

    public static Command Create()
    {
        var list = new Command("list", "List every model file in the manifest: installed or not, size check, path.") { DirectoryOption };
        list.SetAction((result, ct) => SpeechCommands.Run(() => ListAsync(Store(result), ct)));

        var verify = new Command("verify", "Hash every installed model file against the manifest's sha256; exits 1 on a mismatch.") { DirectoryOption };
        verify.SetAction((result, ct) => SpeechCommands.Run(() => VerifyAsync(Store(result), ct)));

        var from = new Option<DirectoryInfo>("--from")
        {
            Description = "Folder holding model files (at their manifest path, or by file name), e.g. ../shared/models.",
            Required = true,
        };
        var install = new Command("install", "Install the manifest's files found in a folder: each is verified before it is copied, copied atomically, and skipped when already installed; unknown files are reported. Exits 1 when a file was refused.")
        {
            from, DirectoryOption,
        };
        install.SetAction((result, ct) => SpeechCommands.Run(() => InstallAsync(Store(result), result.GetValue(from)!, ct)));

        var models = new Command("models", "Model files: the manifest, the models directory, checksums.");
        models.Subcommands.Add(list);
        models.Subcommands.Add(verify);
        models.Subcommands.Add(install);
        return models;
    }

    private static ModelStore Store(ParseResult result)
    {
        var options = new ModelStoreOptions();
        CliConfiguration.Load().GetSection(ModelStoreOptions.Section).Bind(options);
        if (result.GetValue(DirectoryOption) is { } directory)
        {
            options.Directory = directory;
        }

        var errors = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), errors, validateAllProperties: true))
        {
            throw new CliException(string.Join(Environment.NewLine, errors.Select(e => e.ErrorMessage)));
        }

        try
        {
            return ModelStore.FromOptions(ModelManifest.LoadEmbedded(), options);
        }
        catch (ModelManifestException ex)
        {
            throw new CliException(ex.Message);
        }
    }

    private static async Task<int> ListAsync(ModelStore store, CancellationToken ct)
    {
        Console.WriteLine($"Models directory: {store.Directory}");
        foreach (var state in await store.ListAsync(ct))
        {
            var status = !state.Installed ? (state.Entry.Bundled ? "missing" : "missing (not bundled: download on a normal network)")
                : state.SizeOk == false ? $"installed, WRONG SIZE ({state.ActualSize} bytes, manifest says {state.Entry.Size})"
                : state.SizeOk == true ? "installed, size ok"
                : $"installed ({state.ActualSize} bytes, size unknown to the manifest)";
            Console.WriteLine($"{state.Entry.Name,-22} {state.Entry.Kind,-13} {FormatSize(state.Entry.Size),10}  {status}");
            Console.WriteLine($"{"",-22} {state.Path}");
        }

        return 0;
    }

    private static async Task<int> VerifyAsync(ModelStore store, CancellationToken ct)
    {
        Console.WriteLine($"Models directory: {store.Directory}");
        var results = await store.VerifyAsync(ct);
        foreach (var result in results)
        {
            Console.WriteLine($"{result.Entry.Name,-22} {result.Entry.File,-42} {result.Message}");
        }

        var mismatches = results.Count(r => r.Outcome == ModelVerifyOutcome.Mismatch);
        Console.WriteLine(
            $"{results.Count(r => r.Outcome == ModelVerifyOutcome.Ok)} ok, {mismatches} mismatched, " +
            $"{results.Count(r => r.Outcome == ModelVerifyOutcome.NoChecksum)} without a checksum, {results.Count(r => r.Outcome == ModelVerifyOutcome.NotInstalled)} not installed.");
        return mismatches == 0 ? 0 : 1;
    }

    private static async Task<int> InstallAsync(ModelStore store, DirectoryInfo from, CancellationToken ct)
    {
        Console.WriteLine($"Installing from {from.FullName} into {store.Directory}");
        IReadOnlyList<ModelInstallResult> results;
        try
        {
            results = await store.InstallFromAsync(from.FullName, ct);
        }
        catch (Exception ex) when (ex is DirectoryNotFoundException or ArgumentException)
        {
            throw new CliException(ex.Message);
        }

        foreach (var result in results)
        {
            Console.WriteLine($"{result.Outcome,-19} {result.File,-42} {result.Message}");
        }

        var refused = results.Count(r => r.IsFailure);
        Console.WriteLine(
            $"{results.Count(r => r.Outcome is ModelInstallOutcome.Installed or ModelInstallOutcome.InstalledUnverified)} installed, " +
            $"{results.Count(r => r.Outcome == ModelInstallOutcome.AlreadyInstalled)} already installed, {refused} refused, " +
            $"{results.Count(r => r.Outcome == ModelInstallOutcome.NotInSource)} not in the folder, {results.Count(r => r.Outcome == ModelInstallOutcome.Unknown)} unknown file(s) ignored.");
        return refused == 0 ? 0 : 1;
    }

    private static string FormatSize(long? bytes) => bytes switch
    {
        null => "size ?",
        >= 1 << 20 => $"{bytes / (1024.0 * 1024):0.0} MiB",
        _ => $"{bytes / 1024.0:0.0} KiB",
    };
}
