using System.Text.Json;
using Microsoft.AspNetCore.Http;
using TutorPlatform.Web.Infrastructure;

namespace TutorPlatform.Tests.Infrastructure;

public sealed class BadRequestDetailTests
{
    [Fact]
    public void NoBody_TellsTheClientToSendJsonAndNamesNoServerParameter()
    {
        var exception = new BadHttpRequestException("Implicit body inferred for parameter \"request\" but no body was provided. Did you mean to use a Service instead?");

        var detail = ProblemDetailsExceptionHandler.BadRequestDetail(exception);

        Assert.Equal("This endpoint needs a JSON request body (Content-Type: application/json). The API reference at /api/docs shows what to send.", detail);
    }

    [Fact]
    public void WrongJsonType_NamesThePathNotTheServerType()
    {
        JsonException inner;
        try
        {
            JsonSerializer.Deserialize<Body>("""{"Text": 42}""");
            throw new InvalidOperationException("Expected a JsonException.");
        }
        catch (JsonException ex)
        {
            inner = ex;
        }

        var detail = ProblemDetailsExceptionHandler.BadRequestDetail(
            new BadHttpRequestException("Failed to read parameter \"CreateEssayAssessmentRequest request\" from the request body as JSON.", inner));

        Assert.Contains("the value at $.Text has the wrong type", detail);
        Assert.DoesNotContain("CreateEssayAssessmentRequest", detail);
    }

    [Fact]
    public void OtherBadRequests_KeepTheirOwnText()
    {
        var detail = ProblemDetailsExceptionHandler.BadRequestDetail(new BadHttpRequestException("Request body too large. The max request body size is 100 bytes.", 413));

        Assert.Equal("Request body too large. The max request body size is 100 bytes.", detail);
    }

    private sealed record Body(string Text);
}
