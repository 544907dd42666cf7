using TutorPlatform.Core.Accounts;

namespace TutorPlatform.Web.Infrastructure;

/// <summary>Where each role starts. Sign-in goes there directly, so no landing page redirects under a quick first click.</summary>
public static class HomePages
{
    public const string Teacher = "teacher/classes";
    public const string Student = "student";

    public static string For(IList<string> roles) =>
        roles.Contains(Roles.Teacher) || roles.Contains(Roles.Admin) ? Teacher
        : roles.Contains(Roles.Student) ? Student
        : "/";
}
