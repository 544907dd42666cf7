using Microsoft.Extensions.DependencyInjection;
using TutorPlatform.Core.Common;

namespace TutorPlatform.Core.Essays;

/// <summary>
/// The on-device scorer and checker, looked up when first needed, so the app (and its other features) still start in an
/// installation without them; an essay submitted there gets a clear refusal instead of a crash at start.
/// </summary>
public sealed class EssayModels(IServiceProvider services)
{
    public const string MissingMessage = "The on-device essay models are not installed on this server, so essays cannot be scored yet. Ask an administrator.";

    public IEssayScorer Scorer => services.GetService<IEssayScorer>() ?? throw new DomainRuleException(MissingMessage);

    public IEssayChecker Checker => services.GetService<IEssayChecker>() ?? throw new DomainRuleException(MissingMessage);
}
