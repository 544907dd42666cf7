using Bunit;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using TutorPlatform.Core.Ai;
using TutorPlatform.Web.Components.Admin;

namespace TutorPlatform.Tests.Components.Admin;

public sealed class ChatPlaygroundTests : AdminComponentTest
{
    [Fact]
    public void Render_WithProviderNone_SaysNotConfiguredAndDisablesPromptAndSend()
    {
        Services.AddSingleton<IChatModelStatus>(new ChatModelStatus(ChatProviders.None, null, null));

        var cut = RenderInteractive<ChatPlayground>();

        Assert.Equal(ChatModelStatus.NoModelMessage, cut.Find("[data-testid=chat-not-configured]").TextContent.Trim());
        Assert.True(cut.Find("textarea").HasAttribute("disabled"));
        Assert.True(cut.Find("[data-testid=chat-send]").HasAttribute("disabled"));
    }

    [Fact]
    public void Send_WithConfiguredModel_StreamsTheAnswerPieceByPiece()
    {
        var client = new FakeStreamingChatClient();
        var cut = RenderConfigured(client);

        cut.Find("textarea").Input("Once upon a time");
        cut.Find("[data-testid=chat-send]").Click();
        client.Write("Once");
        cut.WaitForAssertion(() => Assert.Equal("Once", cut.Find("[data-testid=chat-answer]").TextContent));
        Assert.False(cut.Find("[data-testid=chat-stop]").HasAttribute("disabled"));

        client.Write(" there was a cat.");
        cut.WaitForAssertion(() => Assert.Equal("Once there was a cat.", cut.Find("[data-testid=chat-answer]").TextContent));
        client.Complete();

        cut.WaitForAssertion(() => Assert.StartsWith("Answered in", cut.Find("[data-testid=chat-progress]").TextContent));
        Assert.True(cut.Find("[data-testid=chat-stop]").HasAttribute("disabled"));
        Assert.Equal(["Once upon a time"], client.Prompts);
    }

    [Fact]
    public void Stop_WhileStreaming_CancelsTheCallAndKeepsThePartialAnswer()
    {
        var client = new FakeStreamingChatClient();
        var cut = RenderConfigured(client);
        cut.Find("textarea").Input("Tell me a story");
        cut.Find("[data-testid=chat-send]").Click();
        client.Write("Once");
        cut.WaitForAssertion(() => Assert.Equal("Once", cut.Find("[data-testid=chat-answer]").TextContent));

        cut.Find("[data-testid=chat-stop]").Click();

        cut.WaitForAssertion(() => Assert.StartsWith("Stopped after", cut.Find("[data-testid=chat-progress]").TextContent));
        Assert.True(client.Cancelled);
        Assert.Equal("Once", cut.Find("[data-testid=chat-answer]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=chat-error]"));
    }

    [Fact]
    public void Dispose_WhileStreaming_CancelsTheCall()
    {
        var client = new FakeStreamingChatClient();
        var cut = RenderConfigured(client);
        cut.Find("textarea").Input("Tell me a story");
        cut.Find("[data-testid=chat-send]").Click();
        client.Write("Once");
        cut.WaitForAssertion(() => Assert.Equal("Once", cut.Find("[data-testid=chat-answer]").TextContent));

        cut.Instance.Dispose();

        Assert.True(client.Cancelled);
    }

    [Fact]
    public void Send_WhenTheModelFails_ShowsTheFailureAsAnAlert()
    {
        var client = new FakeStreamingChatClient { Failure = new ChatModelException(ChatModelFailure.Timeout, "No answer within 30 s.") };
        var cut = RenderConfigured(client);

        cut.Find("textarea").Input("Hello");
        cut.Find("[data-testid=chat-send]").Click();

        cut.WaitForAssertion(() => Assert.Equal("The large model failed (Timeout): No answer within 30 s.",
            cut.Find("[data-testid=chat-error]").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=chat-answer]"));
        Assert.False(cut.Find("textarea").HasAttribute("disabled"));
    }

    private IRenderedComponent<ChatPlayground> RenderConfigured(IChatClient client)
    {
        Services.AddSingleton<IChatModelStatus>(new ChatModelStatus(ChatProviders.LlamaCpp, "stories260K", "/models/stories260K.gguf"));
        Services.AddSingleton(client);
        return RenderInteractive<ChatPlayground>();
    }
}
