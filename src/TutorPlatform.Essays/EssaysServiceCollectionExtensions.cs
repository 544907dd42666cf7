using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TutorPlatform.Core.Essays;
using TutorPlatform.Essays.Checking;
using TutorPlatform.Essays.Scoring;

namespace TutorPlatform.Essays;

public static class EssaysServiceCollectionExtensions
{
    /// <summary>Configuration key of an essay scorer artefact to use instead of the one built in (<c>tutor essays train --output</c>).</summary>
    public const string ScorerModelPathKey = "Essays:Scorer:ModelPath";

    /// <summary>
    /// The on-device essay models: the trained trait scorer (<see cref="Core.Essays.IEssayScorer"/>) and the spelling,
    /// grammar and vocabulary checks (<see cref="Core.Essays.IEssayChecker"/>). Neither needs the large model.
    /// </summary>
    public static IServiceCollection AddTutorEssays(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var scorerPath = configuration[ScorerModelPathKey];
        services.TryAddSingleton<IEssayScorer>(sp =>
        {
            // The scorer counts error rates with a rules-only view of the registered checker: one loaded copy of the
            // language data, with the feature settings the scorer was trained with (EssayScorer.FeatureCheckerOptions).
            var checker = sp.GetRequiredService<EssayChecker>();
            IEssayChecker? Features() => EssayScorer.FeatureChecker(checker);
            if (string.IsNullOrWhiteSpace(scorerPath))
            {
                return EssayScorer.LoadEmbedded(Features);
            }

            using var stream = File.OpenRead(scorerPath);
            return EssayScorer.Load(stream, Language.SphinxLanguageModel.OpenShared(), Features);
        });
        services.AddOptions<EssayCheckerOptions>().Bind(configuration.GetSection(EssayCheckerOptions.Section));
        services.AddSingleton<EssayChecker>();
        services.TryAddSingleton<IEssayChecker>(sp => sp.GetRequiredService<EssayChecker>());
        return services;
    }
}
