using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TutorPlatform.Core.Ai;

namespace TutorPlatform.Ai.Tests.Ai;

/// <summary>The real registration, from configuration as the apps build it.</summary>
internal static class ChatServices
{
    public static ServiceProvider Build(IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return Build(configuration);
    }

    public static ServiceProvider Build(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTutorChat(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static Dictionary<string, string?> OpenAI(Uri endpoint, params (string Key, string Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Models:Chat:Provider"] = "openai",
            ["Models:Chat:Endpoint"] = endpoint.ToString(),
            ["Models:Chat:Model"] = "test-model",
            ["Models:Chat:TimeoutSeconds"] = "10",
            ["Models:Chat:MaxRetries"] = "2",
            ["Models:Chat:RetryBaseDelaySeconds"] = "0.01",
        };
        foreach (var (key, value) in overrides)
        {
            settings[$"Models:Chat:{key}"] = value;
        }

        return settings;
    }
}
