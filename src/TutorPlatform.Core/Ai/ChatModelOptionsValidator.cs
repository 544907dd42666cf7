using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace TutorPlatform.Core.Ai;

/// <summary>Cross-field rules of <see cref="ChatModelOptions"/> that attributes cannot say.</summary>
internal sealed class ChatModelOptionsValidator(IConfiguration configuration) : IValidateOptions<ChatModelOptions>
{
    public ValidateOptionsResult Validate(string? name, ChatModelOptions options)
    {
        var errors = new List<string>();
        var provider = options.NormalizedProvider;
        if (!ChatProviders.All.Contains(provider))
        {
            errors.Add($"{ChatModelOptions.Section}:Provider is '{options.Provider}'; use one of {string.Join(", ", ChatProviders.All)}.");
        }

        var nested = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options.LlamaCpp, new ValidationContext(options.LlamaCpp), nested, validateAllProperties: true))
        {
            errors.AddRange(nested.Select(r => $"{ChatModelOptions.Section}:LlamaCpp: {r.ErrorMessage}"));
        }

        if (provider == ChatProviders.OpenAI)
        {
            if (options.Endpoint is not { IsAbsoluteUri: true } endpoint || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
            {
                errors.Add($"{ChatModelOptions.Section}:Endpoint must be an absolute http(s) URL of an OpenAI-compatible API (e.g. http://llm:8000/v1) when Provider is openai.");
            }

            if (string.IsNullOrWhiteSpace(options.Model))
            {
                errors.Add($"{ChatModelOptions.Section}:Model must name the served model when Provider is openai.");
            }
        }

        if (provider == ChatProviders.LlamaCpp)
        {
            if (string.IsNullOrWhiteSpace(options.LlamaCpp.ModelPath))
            {
                errors.Add($"{ChatModelOptions.Section}:LlamaCpp:ModelPath must point at a GGUF file when Provider is llamacpp.");
            }
            else if (!File.Exists(options.LlamaCpp.ModelPath))
            {
                errors.Add($"{ChatModelOptions.Section}:LlamaCpp:ModelPath '{Path.GetFullPath(options.LlamaCpp.ModelPath)}' does not exist.");
            }
        }

        if (ApiKeyInAppSettings() is { } file)
        {
            errors.Add($"{ChatModelOptions.Section}:ApiKey is set in {file}. Keep secrets out of appsettings: use user secrets or the environment variable Models__Chat__ApiKey.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private string? ApiKeyInAppSettings()
    {
        if (configuration is not IConfigurationRoot root)
        {
            return null;
        }

        foreach (var provider in root.Providers.OfType<FileConfigurationProvider>())
        {
            var path = provider.Source.Path ?? "";
            if (Path.GetFileName(path).StartsWith("appsettings", StringComparison.OrdinalIgnoreCase)
                && provider.TryGet($"{ChatModelOptions.Section}:ApiKey", out var key) && !string.IsNullOrEmpty(key))
            {
                return path;
            }
        }

        return null;
    }
}
