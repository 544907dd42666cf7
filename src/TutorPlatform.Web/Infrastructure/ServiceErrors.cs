using TutorPlatform.Core.Common;

namespace TutorPlatform.Web.Infrastructure;

/// <summary>Runs a service call from a page and turns the services' expected refusals into the message to show.</summary>
public static class ServiceErrors
{
    /// <summary>Null when the call succeeded; otherwise the service's user-readable reason.</summary>
    public static async Task<string?> TryAsync(Func<Task> call)
    {
        try
        {
            await call();
            return null;
        }
        catch (DomainRuleException ex)
        {
            return ex.Message;
        }
        catch (ConflictException ex)
        {
            return ex.Message;
        }
    }
}
