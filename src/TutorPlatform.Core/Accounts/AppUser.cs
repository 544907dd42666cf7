using Microsoft.AspNetCore.Identity;

namespace TutorPlatform.Core.Accounts;

public sealed class AppUser : IdentityUser<Guid>
{
    public const int DisplayNameMaxLength = 100;

    public string DisplayName { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>True for the accounts of the seeded demo school, so the UI can label them.</summary>
    public bool IsDemo { get; set; }
}

public sealed class AppRole : IdentityRole<Guid>
{
    public AppRole()
    {
    }

    public AppRole(string name) : base(name)
    {
    }
}
