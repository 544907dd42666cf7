using System.ComponentModel.DataAnnotations;

namespace TutorPlatform.Web.Infrastructure;

public sealed class ApiRateLimitOptions
{
    public const string Section = "Api:RateLimit";

    /// <summary>Requests one API key (or one anonymous client address) may make per window.</summary>
    [Range(1, 100_000)]
    public int PermitLimit { get; set; } = 120;

    [Range(1, 3600)]
    public int WindowSeconds { get; set; } = 60;
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Apply pending migrations at start. On in Development; production runs `tutor db migrate` explicitly.</summary>
    public bool MigrateOnStart { get; set; }
}

public sealed class WebSecurityOptions
{
    public const string Section = "Web";

    /// <summary>HTTPS redirection, HSTS and secure-only cookies. On outside Development; turn off only behind a TLS-terminating proxy.</summary>
    public bool RequireHttps { get; set; } = true;
}
