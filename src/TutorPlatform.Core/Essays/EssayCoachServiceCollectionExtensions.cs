using Microsoft.Extensions.DependencyInjection;

namespace TutorPlatform.Core.Essays;

public static class EssayCoachServiceCollectionExtensions
{
    /// <summary>
    /// The essay coach's services (student and teacher flows, the API's assessments and their feedback job). The on-device
    /// scorer and checker come from <c>AddTutorEssays</c>, the large model from <c>AddTutorChat</c>, the job queue from the host.
    /// </summary>
    public static IServiceCollection AddEssayCoach(this IServiceCollection services)
    {
        services.AddOptions<EssayWebhookOptions>().BindConfiguration(EssayWebhookOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<EssayModels>();
        services.AddSingleton<EssayCoachService>();
        services.AddSingleton<EssayFeedbackWriter>();
        services.AddSingleton<EssayAssessmentService>();
        services.AddTransient<EssayFeedbackJob>();
        services.AddHttpClient(EssayFeedbackJob.WebhookHttpClientName);
        return services;
    }
}
