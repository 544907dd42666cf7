using TutorPlatform.Core.Accounts;

namespace TutorPlatform.Web.Infrastructure;

public static class Policies
{
    /// <summary>Teachers and admins, signed in through the browser.</summary>
    public const string Teacher = nameof(Teacher);

    /// <summary>Students, signed in through the browser.</summary>
    public const string Student = nameof(Student);

    public const string Admin = nameof(Admin);

    /// <summary>The public API: an API key, or a browser session (for reads by the signed-in user).</summary>
    public const string Api = nameof(Api);

    /// <summary>API writes: an API key only, so a browser cookie can never be used for cross-site writes.</summary>
    public const string ApiKeyOnly = nameof(ApiKeyOnly);

    public static readonly string[] TeacherRoles = [Roles.Teacher, Roles.Admin];
}
