using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using TutorPlatform.Core.Ai;

namespace TutorPlatform.Ai.Tests.Ai;

public sealed class GuardedChatClientTests
{
    [Fact]
    public async Task DisposeWhileStreaming_StreamCarriesOnAndReleasesItsSlotWithoutObjectDisposed()
    {
        var ct = TestContext.Current.CancellationToken;
        var status = new ChatModelStatus(ChatProviders.OpenAI, "test-model", "http://127.0.0.1:1/v1");
        var client = new GuardedChatClient(new SlowStreamingClient(), status, maxConcurrency: 1, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
        var pieces = new List<string>();

        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hello")], cancellationToken: ct))
        {
            pieces.Add(update.Text);
            if (pieces.Count == 1)
            {
                client.Dispose(); // the host shutting down while a page is still reading the answer
            }
        }

        Assert.Equal(["one", "two", "three"], pieces);
    }

    private sealed class SlowStreamingClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var piece in new[] { "one", "two", "three" })
            {
                await Task.Delay(10, cancellationToken);
                yield return new ChatResponseUpdate(ChatRole.Assistant, piece);
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
