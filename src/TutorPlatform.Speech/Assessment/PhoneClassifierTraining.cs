namespace TutorPlatform.Speech.Assessment;

/// <summary>
/// Trains <see cref="PhoneClassifier"/>s on speechocean762's aligned readings: one on all of them for the model, and one
/// per cross-validation fold so that every training utterance's posteriors come from a classifier that never heard
/// its speaker (as at use). The classifier learns the aligned phone of each frame, never an expert score.
/// </summary>
public static class PhoneClassifierTraining
{
    /// <summary>An utterance's evidence and the log mel rows of its aligned stretch (<see cref="PhonePosteriors.Mel"/>).</summary>
    public sealed record Input(string Id, string Speaker, AssessmentEvidence Evidence, float[][] Mel, int FirstFrame);

    public static PhoneClassifier Fit(IEnumerable<Input> inputs, PhoneClassifierSettings settings, Action<string>? log = null)
    {
        var utterances = inputs
            .Select(i => new PhoneClassifier.TrainingUtterance(i.Mel, PhonePosteriors.Labels(i.Evidence, i.FirstFrame, i.Mel.Length, p => AssessmentFeatures.PhoneIds.GetValueOrDefault(p, -1))))
            .ToList();
        return PhoneClassifier.Train(AssessmentFeatures.PhoneList, utterances, settings, log);
    }

    /// <summary>
    /// Every input's evidence annotated by a classifier trained on the other folds' speakers (the folds of
    /// <see cref="AssessorTraining.CrossValidate"/>); the folds' classifiers are trained in parallel.
    /// </summary>
    public static Dictionary<string, AssessmentEvidence> OutOfFold(IReadOnlyList<Input> inputs, int folds, PhoneClassifierSettings settings, int threads, Action<string>? log = null)
    {
        var foldOf = AssessorTraining.AssignFolds(inputs.Select(i => i.Speaker).Distinct().Order(StringComparer.Ordinal).ToList(), folds);
        var classifiers = new PhoneClassifier[folds];
        Parallel.For(0, folds, new ParallelOptions { MaxDegreeOfParallelism = threads }, fold =>
        {
            classifiers[fold] = Fit(inputs.Where(i => foldOf[i.Speaker] != fold), settings, log is null ? null : m => log($"fold {fold + 1}: {m}"));
        });
        return inputs.ToDictionary(
            i => i.Id,
            i => PhonePosteriors.Annotate(classifiers[foldOf[i.Speaker]], i.Mel, i.FirstFrame, i.Evidence),
            StringComparer.Ordinal);
    }
}
