using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.AI;
using TutorPlatform.Core.Speech;

namespace TutorPlatform.Tests.Components.Admin;

/// <summary>A chat client whose answer the test writes piece by piece; or that fails with a given exception.</summary>
internal sealed class FakeStreamingChatClient : IChatClient
{
    private readonly Channel<string> _pieces = Channel.CreateUnbounded<string>();

    public Exception? Failure { get; init; }

    public List<string> Prompts { get; } = [];

    private CancellationToken _lastToken;

    /// <summary>Whether the token of the last call was cancelled. Read from the token itself: a registration callback
    /// can be unregistered by the iterator's own cancellation before it runs, which made this flag racy.</summary>
    public bool Cancelled => _lastToken.IsCancellationRequested;

    public void Write(string piece) => _pieces.Writer.TryWrite(piece);

    public void Complete() => _pieces.Writer.TryComplete();

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The playground streams.");

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Prompts.Add(string.Join("\n", messages.Select(m => m.Text)));
        if (Failure is not null)
        {
            throw Failure;
        }

        _lastToken = cancellationToken;
        await foreach (var piece in _pieces.Reader.ReadAllAsync(cancellationToken))
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, piece);
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}

internal sealed class FakeSpeechRuntimeStatus(SpeechRuntimeHealth health) : ISpeechRuntimeStatus
{
    public static readonly SpeechRuntimeHealth Available = new("pocketsphinx en-us", true, null, "/usr/share/pocketsphinx/model/en-us", true, "/usr/bin/ffmpeg");

    public SpeechRuntimeHealth Describe() => health;
}

/// <summary>Decodes anything to one second of silence, or fails as told.</summary>
internal sealed class FakeAudioDecoder : IAudioDecoder
{
    public AudioDecodingException? Failure { get; init; }

    public byte[]? Received { get; private set; }

    public Task<PcmAudio> DecodeAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        Received = data.ToArray();
        return Failure is null ? Task.FromResult(new PcmAudio(new short[PcmAudio.SampleRate])) : Task.FromException<PcmAudio>(Failure);
    }

    public Task<PcmAudio> DecodeFileAsync(string path, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}

internal sealed class FakeRecognizer(RecognitionResult result) : ISpeechRecognizer
{
    public string Name => result.Recognizer;

    public Task<RecognitionResult> RecognizeAsync(PcmAudio audio, RecognitionOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(result);
}

internal sealed class FakeAligner(AlignmentResult result) : IForcedAligner
{
    public string Name => "fake aligner";

    public List<string> References { get; } = [];

    public Task<AlignmentResult> AlignAsync(PcmAudio audio, string referenceText, CancellationToken cancellationToken = default)
    {
        References.Add(referenceText);
        return Task.FromResult(result);
    }

    public Task<PhoneRecognitionResult> RecognizePhonesAsync(PcmAudio audio, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();
}
