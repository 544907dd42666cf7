using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using TutorPlatform.Web.Infrastructure;

namespace TutorPlatform.Web.Api;

/// <summary>Registers and maps the public REST API v1 (/api/v1), its OpenAPI document, reference page and rate limits.</summary>
public static class ApiSetup
{
    public const string Prefix = "/api/v1";
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/{documentName}.json";
    public const string ReferencePath = "/api/docs";
    public const string RateLimitPolicy = "api-per-key";

    public static IServiceCollection AddTutorApi(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration; // options are bound through BindConfiguration, so they are validated at start
        services.AddOptions<ApiRateLimitOptions>().BindConfiguration(ApiRateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.Configure<JsonOptions>(o =>
        {
            // The Core enums carry their own string converters; this covers any enum a later DTO forgets to mark.
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            // Numbers are numbers: the web default also reads "350", which makes OpenAPI type them "integer or string".
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });

        // Validation errors name fields as the JSON does ("essay.prompt", not "Essay.Prompt"), so clients can map them.
        services.PostConfigure<ProblemDetailsOptions>(o =>
        {
            var customize = o.CustomizeProblemDetails;
            o.CustomizeProblemDetails = context =>
            {
                customize?.Invoke(context);
                if (context.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType && context.ProblemDetails.Detail is null
                    && context.HttpContext.Request.Path.StartsWithSegments("/api"))
                {
                    context.ProblemDetails.Detail = UnsupportedMediaTypeDetail(context.HttpContext);
                }

                if (context.ProblemDetails.Status == StatusCodes.Status404NotFound && context.ProblemDetails.Detail is null
                    && context.HttpContext.Request.Path.StartsWithSegments("/api"))
                {
                    context.ProblemDetails.Detail = "Nothing is at this address: check the path and the ids in it (ids are GUIDs). "
                                                    + "The API reference at /api/docs lists every endpoint.";
                }

                if (context.ProblemDetails is HttpValidationProblemDetails validation && context.HttpContext.Request.Path.StartsWithSegments("/api"))
                {
                    var errors = validation.Errors
                        .GroupBy(e => JsonFieldPath(e.Key), StringComparer.Ordinal)
                        .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Value).ToArray(), StringComparer.Ordinal);
                    validation.Errors.Clear();
                    foreach (var (key, messages) in errors)
                    {
                        validation.Errors[key] = messages;
                    }
                }
            };
        });

        // Minimal APIs answer a malformed body with a bare 400 outside Development unless told to throw; thrown, it
        // reaches ProblemDetailsExceptionHandler (BadHttpRequestException) and becomes a 400 ProblemDetails everywhere.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

        services.AddOpenApi(DocumentName, o =>
        {
            o.ShouldInclude = description => description.RelativePath?.StartsWith(Prefix[1..] + "/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer<ApiDocumentTransformer>();
            o.AddOperationTransformer<ApiKeyOperationTransformer>();
            o.AddSchemaTransformer<ApiSchemaTransformer>();
            o.AddSchemaTransformer<SpeechApiExamples>();
        });

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(RateLimitPolicy, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<ApiRateLimitOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(PartitionKey(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PermitLimit,
                    Window = TimeSpan.FromSeconds(limits.WindowSeconds),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            o.OnRejected = WriteTooManyRequestsAsync;
        });
        return services;
    }

    public static IEndpointRouteBuilder MapTutorApi(this IEndpointRouteBuilder routes)
    {
        // Errors every operation can answer; each feature adds its own (400, 403, 404, 409).
        var v1 = routes.MapGroup(Prefix)
            .RequireRateLimiting(RateLimitPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        v1.MapClassesApi();
        v1.MapAssignmentsApi();
        v1.MapStudentsApi();
        v1.MapEssaysApi();
        v1.MapSpeechApi();

        routes.MapOpenApi(DocumentPath);
        routes.MapScalarApiReference(ReferencePath, o => o
            .WithTitle("TutorPlatform API v1")
            .WithOpenApiRoutePattern(DocumentPath)
            .AddDocument(DocumentName, "TutorPlatform API v1")
            .AddPreferredSecuritySchemes(ApiDocumentTransformer.SecuritySchemeName)
            // A school's platform calls no outside service from its pages: no AI chat, MCP, telemetry or web fonts.
            .DisableAgent()
            .DisableMcp()
            .DisableTelemetry()
            .DisableDefaultFonts()
            .HideClientButton()
            // Its toolbar (Configure, Share, Deploy, Generate SDK) shows on localhost and leads to Scalar's own cloud service.
            .HideDeveloperTools()
            .WithFavicon("/favicon.png")
            // "Generate SDK" opens an offer of Scalar's paid cloud service, which a school's own platform does not sell; the
            // key field's sample value (base64 of "ALL YOUR BASE ARE BELONG TO US") reads like a real key, so it is hidden.
            .WithCustomCss(".generate-sdk-button, .selected-client-row .scalar-button { display: none !important; }"
                + " input.scalar-password-input::placeholder { color: transparent !important; opacity: 0 !important; }"));
        return routes;
    }

    /// <summary>
    /// One bucket per API key; a browser session counts per user, anything unauthenticated per client address
    /// (so guessing keys is limited too). The principal is known here: the authentication middleware reads API keys
    /// on /api paths (see ApiKeyAuthenticationHandler.SelectorSchemeName).
    /// </summary>
    internal static string PartitionKey(HttpContext context)
    {
        var user = context.User;
        if (user.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim) is { Length: > 0 } keyId)
        {
            return $"key:{keyId}";
        }

        if (user.Identity?.IsAuthenticated == true && user.FindFirstValue(ClaimTypes.NameIdentifier) is { Length: > 0 } userId)
        {
            return $"user:{userId}";
        }

        return $"ip:{context.Connection.RemoteIpAddress}";
    }

    /// <summary>What the endpoint takes against what was sent. The speech endpoints take audio uploads, all others JSON.</summary>
    /// <remarks>
    /// Routing answers a content type an endpoint does not accept with a 415 endpoint of its own, which carries none of the
    /// original's metadata, so the rule is by path.
    /// </remarks>
    internal static string UnsupportedMediaTypeDetail(HttpContext context)
    {
        var sent = context.Request.ContentType is { Length: > 0 } type ? type.Split(';')[0].Trim() : null;
        var takes = context.Request.Path.StartsWithSegments(Prefix + "/speech") ? "multipart/form-data" : "application/json";
        return (sent is null ? $"This endpoint takes {takes}, and the request had no Content-Type." : $"This endpoint takes {takes}, not {sent}.")
               + " The API reference at /api/docs shows what to send.";
    }

    /// <summary>"Essay.Rubric[0].Max" becomes "essay.rubric[0].max", the path of the field in the request's JSON.</summary>
    internal static string JsonFieldPath(string memberPath) =>
        string.Join('.', memberPath.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));

    private static async ValueTask WriteTooManyRequestsAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var context = rejected.HttpContext;
        var window = context.RequestServices.GetRequiredService<IOptions<ApiRateLimitOptions>>().Value.WindowSeconds;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
            ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
            : window;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await Results.Problem(
            title: "Too many requests",
            detail: $"This API key has used up its requests for the current window. Try again in {retryAfter} seconds.",
            statusCode: StatusCodes.Status429TooManyRequests,
            type: "https://tools.ietf.org/html/rfc6585#section-4").ExecuteAsync(context);
    }
}
