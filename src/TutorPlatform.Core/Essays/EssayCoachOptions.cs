using System.ComponentModel.DataAnnotations;

namespace TutorPlatform.Core.Essays;

/// <summary>Settings of the essay API's webhooks (section <c>Essays:Webhooks</c>).</summary>
public sealed class EssayWebhookOptions
{
    public const string Section = "Essays:Webhooks";

    /// <summary>
    /// Whether webhook URLs may point at loopback or private addresses. Off by default, so an API key cannot make the
    /// server call into its own network; tests and single-machine installs that post to a local service turn it on.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 10;
}
