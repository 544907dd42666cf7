using System.ComponentModel.DataAnnotations;

namespace TutorPlatform.Core.Accounts;

public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>Accounts with these e-mail addresses are made administrators at start (the first admin of a school).</summary>
    public List<string> AdminEmails { get; set; } = [];

    [Range(3, 20)]
    public int MaxFailedSignIns { get; set; } = 5;

    [Range(1, 1440)]
    public int LockoutMinutes { get; set; } = 15;
}

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seed the clearly labelled demo school on first run.</summary>
    public bool Seed { get; set; } = true;

    /// <summary>Password for the demo accounts; a random one is generated and printed to the console when empty.</summary>
    [MinLength(10)]
    public string? Password { get; set; }
}
