using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using TutorPlatform.Core.Accounts;
using TutorPlatform.Core.Privacy;
using TutorPlatform.Web.Infrastructure;

namespace TutorPlatform.Web.Components.Account;

internal static class IdentityComponentsEndpointRouteBuilderExtensions
{
    /// <summary>Endpoints the account pages post to: they need a real HTTP response (cookies, file downloads).</summary>
    public static IEndpointConventionBuilder MapAdditionalIdentityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var accountGroup = endpoints.MapGroup("/Account").ExcludeFromDescription();

        accountGroup.MapPost("/Logout", async (SignInManager<AppUser> signInManager, [FromForm] string? returnUrl) =>
        {
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect(string.IsNullOrEmpty(returnUrl) || !returnUrl.StartsWith('/') || returnUrl.StartsWith("//", StringComparison.Ordinal) ? "~/" : $"~{returnUrl}");
        });

        // A GET download of the user's own data; antiforgery is not needed for a read of one's own data.
        accountGroup.MapGet("/Manage/DownloadPersonalData", async (HttpContext context, PrivacyService privacy, CancellationToken ct) =>
        {
            var export = await privacy.ExportAsync(context.User.ToActor(), ct);
            if (export is null)
            {
                return Results.NotFound();
            }

            context.Response.Headers.ContentDisposition = $"attachment; filename=tutorplatform-my-data-{DateTime.UtcNow:yyyyMMdd}.json";
            return Results.Json(export, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web) { WriteIndented = true });
        }).RequireAuthorization();

        return accountGroup;
    }
}
