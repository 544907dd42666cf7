using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using TutorPlatform.Core.Common;

namespace TutorPlatform.Web.Infrastructure;

/// <summary>
/// Turns the domain's expected refusals into ProblemDetails. Any other exception on the API becomes a plain 500
/// ProblemDetails (no exception text: it may hold internals); on pages it falls through to the HTML error page.
/// </summary>
public sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        // Outside Development the middleware has already pointed Request.Path at the /Error page; the feature keeps the original.
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path.Value ?? "";
        var (status, title, detail) = exception switch
        {
            ConflictException => (StatusCodes.Status409Conflict, "Conflict", exception.Message),
            DomainRuleException => (StatusCodes.Status400BadRequest, "The request breaks a rule", exception.Message),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", BadRequestDetail(bad)),
            _ when new PathString(path).StartsWithSegments("/api") =>
                (StatusCodes.Status500InternalServerError, "An unexpected error occurred", "The server could not complete the request. It has been logged; try again later."),
            _ => (0, "", ""),
        };
        if (status == 0)
        {
            return false;
        }

        if (status == StatusCodes.Status500InternalServerError)
        {
            LogUnexpected(logger, exception, httpContext.Request.Method, path);
        }

        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>
    /// The framework's text for a body it could not bind speaks to the server's programmer ("Implicit body inferred for
    /// parameter ... Did you mean to use a Service instead?", "Failed to read parameter \"CreateClassRequest request\""); a
    /// client needs to know what to send instead. Other bad requests (too large, bad form) keep their own text.
    /// </summary>
    internal static string BadRequestDetail(BadHttpRequestException exception)
    {
        if (exception.InnerException is System.Text.Json.JsonException json)
        {
            return json.Path is { Length: > 1 } at
                ? $"The request body is not valid JSON for this endpoint: the value at {at} has the wrong type or is incomplete. The API reference at /api/docs shows what to send."
                : "The request body is not valid JSON for this endpoint. The API reference at /api/docs shows what to send.";
        }

        var message = exception.Message;
        if (message.Contains("no body was provided", StringComparison.Ordinal) || message.Contains("was not provided from body", StringComparison.Ordinal))
        {
            return "This endpoint needs a JSON request body (Content-Type: application/json). The API reference at /api/docs shows what to send.";
        }

        return message.StartsWith("Failed to read parameter", StringComparison.Ordinal)
            ? "The request body could not be read. The API reference at /api/docs shows what to send."
            : message;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error answering {Method} {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string path);
}
