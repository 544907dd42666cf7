using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using TutorPlatform.Core.Speaking;
using TutorPlatform.Core.Speech;
using TutorPlatform.Web.Components.Admin;
using TutorPlatform.Web.Components.Speaking;

namespace TutorPlatform.Tests.Components.Admin;

public sealed class SpeechPlaygroundTests : AdminComponentTest
{
    private static readonly RecognitionResult Recognized = new(
        "in being comparatively modern",
        [
            new RecognizedWord("in", 0.10, 0.25, 0.91),
            new RecognizedWord("being", 0.25, 0.52, 0.87),
            new RecognizedWord("comparatively", 0.52, 1.30, 0.78),
            new RecognizedWord("modern", 1.30, 1.75, 0.95),
        ],
        "pocketsphinx en-us",
        1.90,
        0.38);

    private static readonly AlignmentResult Aligned = new(
        [
            new AlignedWord(0, "in", ["IH", "N"], 0.10, 0.25, -12.5, true),
            new AlignedWord(1, "being", ["B", "IY", "IH", "NG"], 0.25, 0.52, -30.5, true),
        ],
        [
            new AlignedPhone("SIL", -1, 0.00, 0.10, -1.0),
            new AlignedPhone("IH", 0, 0.10, 0.17, -5.0),
            new AlignedPhone("N", 0, 0.17, 0.25, -7.5),
            new AlignedPhone("B", 1, 0.25, 0.31, -4.0),
            new AlignedPhone("IY", 1, 0.31, 0.40, -9.0),
            new AlignedPhone("IH", 1, 0.40, 0.46, -8.5),
            new AlignedPhone("NG", 1, 0.46, 0.52, -9.0),
        ],
        1.90,
        -0.42);

    private readonly FakeAligner _aligner = new(Aligned);

    [Fact]
    public void Results_WithRecognitionAndAlignment_ShowWordTimingsConfidencesAndPhones()
    {
        var cut = RenderInteractive<SpeechResults>(p => p.Add(r => r.Recognition, Recognized).Add(r => r.Alignment, Aligned));

        var words = Rows(cut.Find("[data-testid=recognized-words]"));
        Assert.Equal(["in", "0.10", "0.25", "0.91"], words[0]);
        Assert.Equal(["comparatively", "0.52", "1.30", "0.78"], words[2]);
        Assert.Equal(4, words.Count);

        var aligned = Rows(cut.Find("[data-testid=aligned-words]"));
        Assert.Equal(["in", "0.10", "0.25", "-12.5", "IH -5 N -7.5"], aligned[0]);
        Assert.Equal(["being", "0.25", "0.52", "-30.5", "B -4 IY -9 IH -8.5 NG -9"], aligned[1]);
    }

    [Fact]
    public void Results_WithoutReference_ShowNoAlignment()
    {
        var cut = RenderInteractive<SpeechResults>(p => p.Add(r => r.Recognition, Recognized));

        Assert.Contains("in being comparatively modern", cut.Find("[data-testid=speech-recognition] h3").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=speech-alignment]"));
    }

    [Fact]
    public void Run_WithUploadedClipAndReference_DecodesRecognisesAndAligns()
    {
        var decoder = new FakeAudioDecoder();
        var cut = RenderPlayground(decoder);
        byte[] clip = [1, 2, 3, 4];

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(clip, "LJ001-0002.wav", contentType: "audio/wav"));
        cut.WaitForAssertion(() => Assert.Contains("LJ001-0002.wav", cut.Find("[data-testid=speech-clip-name]").TextContent));
        cut.Find("input[data-testid=speech-reference]").Input("in being comparatively modern");
        cut.Find("[data-testid=speech-run]").Click();

        cut.WaitForAssertion(() => Assert.Equal(4, Rows(cut.Find("[data-testid=recognized-words]")).Count));
        Assert.Equal(2, Rows(cut.Find("[data-testid=aligned-words]")).Count);
        Assert.Equal(clip, decoder.Received);
        Assert.Equal(["in being comparatively modern"], _aligner.References);
    }

    [Fact]
    public void Run_WhenTheClipCannotBeDecoded_ShowsTheDecoderMessage()
    {
        var decoder = new FakeAudioDecoder { Failure = new AudioDecodingException(AudioDecodingError.UnsupportedFormat, "This is not an audio file this server reads.") };
        var cut = RenderPlayground(decoder);

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("hello", "notes.txt"));
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=speech-run]").HasAttribute("disabled")));
        cut.Find("[data-testid=speech-run]").Click();

        cut.WaitForAssertion(() => Assert.Equal("The clip could not be decoded: This is not an audio file this server reads.",
            cut.Find("[data-testid=speech-error]").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=recognized-words]"));
        Assert.Empty(_aligner.References);
    }

    [Fact]
    public async Task Recording_InTheBrowser_IsRecognisedAlignedAndScoredAtOnce()
    {
        var decoder = new FakeAudioDecoder();
        Services.AddSingleton<IPronunciationAssessor>(new FixedAssessor());
        var cut = RenderPlayground(decoder);
        cut.Find("input[data-testid=speech-reference]").Input("in being comparatively modern");
        byte[] take = new byte[44 + 64_000]; // two seconds of 16 kHz WAV from the recorder

        await cut.InvokeAsync(() => cut.FindComponent<SpeechRecorder>().Instance.OnTake.InvokeAsync(new SpeakingTake(take, SpeechRecorder.RecordingSource)));

        cut.WaitForAssertion(() => Assert.Equal(4, Rows(cut.Find("[data-testid=recognized-words]")).Count));
        Assert.Equal(take, decoder.Received);
        Assert.Contains("Recording made in the browser (2.0 s)", cut.Find("[data-testid=speech-clip-name]").TextContent);
        Assert.Contains("overall 74 · accuracy 70 · fluency 81", Collapse(cut.Find("[data-testid=speech-assessment]")));
    }

    [Fact]
    public void Render_BeforeAnyUpload_DisablesRecognise() =>
        Assert.True(RenderPlayground(new FakeAudioDecoder()).Find("[data-testid=speech-run]").HasAttribute("disabled"));

    private IRenderedComponent<SpeechPlayground> RenderPlayground(IAudioDecoder decoder)
    {
        Services.AddSingleton(decoder);
        Services.AddSingleton<ISpeechRecognizer>(new FakeRecognizer(Recognized));
        Services.AddSingleton<IForcedAligner>(_aligner);
        return RenderInteractive<SpeechPlayground>();
    }

    private sealed class FixedAssessor : IPronunciationAssessor
    {
        public string ModelVersion => "test-scorer";

        public Task<PronunciationAssessment> AssessAsync(PcmAudio audio, string referenceText, CancellationToken cancellationToken = default) =>
            Task.FromResult(new PronunciationAssessment(70, 81, 100, 77, 74, referenceText, audio.DurationSeconds, [], ModelVersion));
    }

    // A cell's text with whitespace collapsed; a cell of chips (the phones) as its chips' texts joined by spaces.
    private static List<string[]> Rows(AngleSharp.Dom.IElement table) =>
        table.QuerySelectorAll("tbody tr")
            .Select(row => row.QuerySelectorAll("td").Select(CellText).ToArray())
            .ToList();

    private static string CellText(AngleSharp.Dom.IElement cell)
    {
        var chips = cell.QuerySelectorAll(".mud-chip");
        return chips.Length > 0 ? string.Join(" ", chips.Select(Collapse)) : Collapse(cell);
    }

    private static string Collapse(AngleSharp.Dom.IElement element) =>
        string.Join(" ", element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
