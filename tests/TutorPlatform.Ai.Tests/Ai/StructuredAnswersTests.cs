using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using TutorPlatform.Core.Ai;

namespace TutorPlatform.Ai.Tests.Ai;

public sealed class StructuredAnswersTests : IAsyncLifetime
{
    private FakeOpenAIServer _server = null!;

    public sealed record Correction([property: Required, MinLength(1)] string Original, [property: Required] string Corrected);

    public sealed record Feedback(
        [property: Range(0, 9)] int Band,
        [property: Required, StringLength(500, MinimumLength = 5)] string Summary,
        IReadOnlyList<Correction> Corrections);

    public async ValueTask InitializeAsync() => _server = await FakeOpenAIServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public void TryParse_ValidJson_InAFence_Parses()
    {
        const string Answer = "```json\n{\"band\": 6, \"summary\": \"Clear ideas.\", \"corrections\": [{\"original\": \"I goed\", \"corrected\": \"I went\"}]}\n```";

        Assert.True(StructuredAnswers.TryParse<Feedback>(Answer, out var feedback, out var errors), string.Join("; ", errors));
        Assert.Equal(6, feedback.Band);
        Assert.Equal("I went", feedback.Corrections[0].Corrected);
    }

    [Theory]
    [InlineData("Your essay is good!", "not valid JSON")]
    [InlineData("{\"band\": 12, \"summary\": \"Clear ideas.\", \"corrections\": []}", "$.band")]
    [InlineData("{\"band\": 5, \"summary\": \"ok\", \"corrections\": []}", "$.summary")]
    [InlineData("{\"band\": 5, \"summary\": \"Clear ideas.\", \"corrections\": [{\"original\": \"\", \"corrected\": \"x\"}]}", "$.corrections[0].original")]
    [InlineData("{\"band\": 5, \"summary\": \"Clear ideas.\"}", "not valid JSON")] // required constructor parameter missing
    public void TryParse_InvalidAnswers_SayWhatIsWrong(string answer, string expected)
    {
        Assert.False(StructuredAnswers.TryParse<Feedback>(answer, out _, out var errors));
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetAsync_MalformedThenValid_RetriesOnceWithTheErrors()
    {
        _server.Handler = (context, request) => FakeOpenAIServer.WriteCompletionAsync(context, request.Number == 1
            ? "Sure! Here is my feedback: band six."
            : "{\"band\": 6, \"summary\": \"Clear ideas.\", \"corrections\": []}");
        await using var services = ChatServices.Build(ChatServices.OpenAI(_server.Endpoint));

        var answer = await StructuredAnswers.GetAsync<Feedback>(services.GetRequiredService<IChatClient>(),
            [new ChatMessage(ChatRole.User, "Rate my essay")], services.GetRequiredService<PromptLibrary>(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(6, answer.Value.Band);
        Assert.Equal(2, answer.Attempts);
        Assert.Equal(24, answer.Usage.InputTokenCount);
        var requests = _server.Requests.ToArray();
        Assert.Equal("json_schema", (string?)requests[0].Body?["response_format"]?["type"]);
        var retryMessages = requests[1].Body?["messages"]?.AsArray();
        Assert.Equal("Sure! Here is my feedback: band six.", (string?)retryMessages?[^2]?["content"]);
        Assert.Contains("could not be used: not valid JSON", (string?)retryMessages?[^1]?["content"]);
    }

    [Fact]
    public async Task GetAsync_StillInvalidAfterRetry_ThrowsTypedFailure()
    {
        _server.Handler = (context, _) => FakeOpenAIServer.WriteCompletionAsync(context, "{\"band\": 42, \"summary\": \"Clear ideas.\", \"corrections\": []}");
        await using var services = ChatServices.Build(ChatServices.OpenAI(_server.Endpoint));

        var ex = await Assert.ThrowsAsync<StructuredAnswerException>(() => StructuredAnswers.GetAsync<Feedback>(services.GetRequiredService<IChatClient>(),
            [new ChatMessage(ChatRole.User, "Rate my essay")], services.GetRequiredService<PromptLibrary>(), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(ChatModelFailure.InvalidAnswer, ex.Failure);
        Assert.Contains(ex.Errors, e => e.StartsWith("$.band", StringComparison.Ordinal));
        Assert.Contains("42", ex.LastAnswer);
        Assert.Equal(2, _server.Requests.Count);
    }
}
