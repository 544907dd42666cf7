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

    public static bool IsTeacher(this ClaimsPrincipal user) => user.IsInRole(Roles.Teacher) || user.IsInRole(Roles.Admin);
}
