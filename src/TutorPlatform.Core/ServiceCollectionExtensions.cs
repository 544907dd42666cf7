using Microsoft.Extensions.DependencyInjection;
using TutorPlatform.Core.ApiKeys;
using TutorPlatform.Core.Assignments;
using TutorPlatform.Core.Classes;
using TutorPlatform.Core.Privacy;
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
        return services;
    }
}
