using Hangfire.Dashboard;
using TutorPlatform.Core.Accounts;

namespace TutorPlatform.Web.Infrastructure.Jobs;

/// <summary>
/// Lets only a signed-in admin (Identity cookie) see the job dashboard: its pages show job arguments and let the viewer
/// retry or delete jobs. Hangfire answers anyone else 401 (anonymous) or 403 (signed in, not an admin).
/// </summary>
internal sealed class AdminDashboardAuthorizationFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var user = context.GetHttpContext().User;
        return user.Identity?.IsAuthenticated == true && user.IsInRole(Roles.Admin);
    }
}
