using System.Security.Claims;
using TutorPlatform.Core.Accounts;
using TutorPlatform.Core.Common;

namespace TutorPlatform.Web.Infrastructure;

public static class ClaimsPrincipalExtensions
{
    public static Guid GetUserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? id
            : throw new InvalidOperationException("The signed-in user has no id claim.");

    public static Actor ToActor(this ClaimsPrincipal user) => new(user.GetUserId(), user.IsInRole(Roles.Admin));

    /// <summary>The person's name as they gave it, or their user name for sessions signed in before the claim existed.</summary>
    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(TutorClaimsPrincipalFactory.DisplayNameClaim) ?? user.Identity?.Name ?? "";

    public static bool IsTeacher(this ClaimsPrincipal user) => user.IsInRole(Roles.Teacher) || user.IsInRole(Roles.Admin);
}
