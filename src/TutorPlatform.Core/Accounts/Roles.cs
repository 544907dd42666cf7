namespace TutorPlatform.Core.Accounts;

public static class Roles
{
    public const string Student = nameof(Student);
    public const string Teacher = nameof(Teacher);
    public const string Admin = nameof(Admin);

    public static readonly IReadOnlyList<string> All = [Student, Teacher, Admin];

    /// <summary>Roles a person may pick when signing up; admins are made by another admin or by configuration.</summary>
    public static readonly IReadOnlyList<string> SelfService = [Student, Teacher];
}
