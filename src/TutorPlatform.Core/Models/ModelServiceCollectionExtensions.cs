using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TutorPlatform.Core.Models;

public static class ModelServiceCollectionExtensions
{
    /// <summary>The embedded manifest and a <see cref="ModelStore"/> over section <c>Models</c>, validated on start.</summary>
    public static IServiceCollection AddTutorModelStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ModelStoreOptions>()
            .Bind(configuration.GetSection(ModelStoreOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(_ => ModelManifest.LoadEmbedded());
        services.AddSingleton(sp => ModelStore.FromOptions(sp.GetRequiredService<ModelManifest>(), sp.GetRequiredService<IOptions<ModelStoreOptions>>().Value));
        return services;
    }
}
