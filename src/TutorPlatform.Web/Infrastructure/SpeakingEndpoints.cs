using TutorPlatform.Core.Speaking;

namespace TutorPlatform.Web.Infrastructure;

/// <summary>The audio of saved takes, for the players on the student and teacher pages (cookie sign-in, not the API).</summary>
public static class SpeakingEndpoints
{
    public static IEndpointRouteBuilder MapSpeakingAudio(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/speaking/attempts/{attemptId:guid}/audio", async (Guid attemptId, HttpContext context, SpeakingService speaking, CancellationToken ct) =>
            {
                var wav = await speaking.GetAudioAsync(context.User.ToActor(), attemptId, ct);
                if (wav is null)
                {
                    return Results.NotFound();
                }

                context.Response.Headers.CacheControl = "private, max-age=3600";
                return Results.File(wav, "audio/wav", enableRangeProcessing: true);
            })
            .RequireAuthorization()
            .ExcludeFromDescription();
        return routes;
    }
}
