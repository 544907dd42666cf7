using Microsoft.Extensions.DependencyInjection;
using TutorPlatform.Core.ApiKeys;
using TutorPlatform.Core.Assignments;
using TutorPlatform.Core.Classes;
using TutorPlatform.Core.Privacy;
using TutorPlatform.Core.Speaking;
using TutorPlatform.Core.Submissions;

namespace TutorPlatform.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>The school services; the caller registers the DbContext factory, Identity and TimeProvider.</summary>
    public static IServiceCollection AddTutorCore(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ClassService>();
        services.AddSingleton<AssignmentService>();
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<SubmissionService>();
        services.AddSingleton<PrivacyService>();
        services.AddOptions<SpeakingOptions>().BindConfiguration(SpeakingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SpeakingService>();
        services.AddSingleton<RolePlayService>();
        return services;
    }
}
