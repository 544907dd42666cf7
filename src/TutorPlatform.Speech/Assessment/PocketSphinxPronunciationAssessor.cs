using TutorPlatform.Core.Speaking;
using TutorPlatform.Core.Speech;

namespace TutorPlatform.Speech.Assessment;

/// <summary>
/// Read-aloud assessment on the device: pocketsphinx evidence (<see cref="EvidenceExtractor"/>) scored by the small
/// model trained on speechocean762 (<see cref="PronunciationModel"/>, embedded). Thread-safe.
/// </summary>
public sealed class PocketSphinxPronunciationAssessor(EvidenceExtractor extractor) : IPronunciationAssessor
{
    private readonly PronunciationModel _model = PronunciationModel.Embedded;

    public string ModelVersion => _model.Version;

    public async Task<PronunciationAssessment> AssessAsync(PcmAudio audio, string referenceText, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        ArgumentNullException.ThrowIfNull(referenceText);
        var evidence = await extractor.ExtractAsync(audio, referenceText, cancellationToken);
        return PronunciationScoring.Assess(_model.WithPosteriors(audio, evidence), _model);
    }
}
