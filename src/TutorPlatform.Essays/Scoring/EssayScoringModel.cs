using System.IO.Compression;
using System.Text;

namespace TutorPlatform.Essays.Scoring;

/// <summary>The scale of an ASAP-AES prompt's holistic score (<c>domain1_score</c>).</summary>
public static class AsapScale
{
    public static (int Min, int Max) Of(int essaySet) => essaySet switch
    {
        1 => (2, 12),
        2 => (1, 6),
        3 or 4 => (0, 3),
        5 or 6 => (0, 4),
        7 => (0, 30),
        8 => (0, 60),
        _ => throw new ArgumentOutOfRangeException(nameof(essaySet), essaySet, "ASAP-AES has essay sets 1 to 8."),
    };
}

/// <summary>
/// One trained predictor: a ridge over hashed n-grams and dense features, whose predictions also feed
/// gradient-boosted trees over the dense features; the output blends the two.
/// </summary>
internal sealed class StackedRegressor(RidgeModel ridge, BoostedTrees[] trees, double treeWeight, double stretch = 1.0, double[]? centre = null)
{
    /// <summary>
    /// The blend's distance from <see cref="Centre"/> (the training targets' means) is multiplied by this: shrunk
    /// models predict too close to the mean, and a factor above 1 undoes some of that.
    /// </summary>
    public double Stretch { get; } = stretch;

    public double[] Centre { get; } = centre ?? new double[ridge.Targets];

    public RidgeModel Ridge { get; } = ridge;

    public BoostedTrees[] Trees { get; } = trees;

    public double TreeWeight { get; } = treeWeight;

    /// <summary>Extra inputs (for example other models' predictions) appended to the trees' features.</summary>
    public double[] Predict(SparseVector sparse, double[] dense, double[]? extra = null)
    {
        var targets = Ridge.Targets;
        var ridgePrediction = new double[targets];
        for (var k = 0; k < targets; k++)
        {
            ridgePrediction[k] = Ridge.Predict(k, sparse, dense);
        }

        var input = TreeInput(dense, ridgePrediction, extra);
        var result = new double[targets];
        for (var k = 0; k < targets; k++)
        {
            var blend = (TreeWeight * Trees[k].Predict(input)) + ((1 - TreeWeight) * ridgePrediction[k]);
            result[k] = Centre[k] + (Stretch * (blend - Centre[k]));
        }

        return result;
    }

    /// <summary>The ridge's and the trees' predictions apart (for tuning the blend).</summary>
    public (double[] Ridge, double[] Trees) PredictParts(SparseVector sparse, double[] dense, double[]? extra = null)
    {
        var targets = Ridge.Targets;
        var ridgePrediction = new double[targets];
        for (var k = 0; k < targets; k++)
        {
            ridgePrediction[k] = Ridge.Predict(k, sparse, dense);
        }

        var input = TreeInput(dense, ridgePrediction, extra);
        return (ridgePrediction, Trees.Select(t => t.Predict(input)).ToArray());
    }

    public static double[] TreeInput(double[] dense, double[] ridge, double[]? extra)
    {
        var input = new double[dense.Length + ridge.Length + (extra?.Length ?? 0)];
        dense.CopyTo(input, 0);
        ridge.CopyTo(input, dense.Length);
        extra?.CopyTo(input, dense.Length + ridge.Length);
        return input;
    }

    public void Write(BinaryWriter writer)
    {
        Ridge.Write(writer);
        writer.Write(TreeWeight);
        writer.Write(Stretch);
        foreach (var c in Centre)
        {
            writer.Write(c);
        }
        writer.Write(Trees.Length);
        foreach (var tree in Trees)
        {
            tree.Write(writer);
        }
    }

    public static StackedRegressor Read(BinaryReader reader)
    {
        var ridge = RidgeModel.Read(reader);
        var weight = reader.ReadDouble();
        var stretch = reader.ReadDouble();
        var centre = new double[ridge.Targets];
        for (var k = 0; k < centre.Length; k++)
        {
            centre[k] = reader.ReadDouble();
        }
        var trees = new BoostedTrees[reader.ReadInt32()];
        for (var i = 0; i < trees.Length; i++)
        {
            trees[i] = BoostedTrees.Read(reader);
        }

        return new StackedRegressor(ridge, trees, weight, stretch, centre);
    }
}

/// <summary>
/// The trained essay scorer's artefact: the spelling word filter, the reference-corpus statistics, the six-trait
/// ELL model and one holistic model per ASAP prompt. Stored gzip-compressed; the build embeds it.
/// </summary>
internal sealed class EssayScoringModel
{
    // TPESSAY3 adds TraitsReadTraitRidge; a TPESSAY2 artefact is read with it false.
    private const string Magic = "TPESSAY3";
    private const string MagicWithoutTraitRidgeInputs = "TPESSAY2";

    public required string Version { get; init; }

    public required SpellingDictionary Dictionary { get; init; }

    public required CorpusStatistics Corpus { get; init; }

    public required StackedRegressor Traits { get; init; }

    /// <summary>A ridge over hashed n-grams alone, learned from ELL: its six trait predictions are inputs of the ASAP models.</summary>
    public required RidgeModel TraitRidge { get; init; }

    /// <summary>Whether the six-trait model's trees also read <see cref="TraitRidge"/>'s predictions.</summary>
    public bool TraitsReadTraitRidge { get; init; }

    /// <summary>Index 0 is prompt 1.</summary>
    public required StackedRegressor[] Asap { get; init; }

    /// <summary>Per ASAP prompt: thresholds that turn the continuous prediction into the integer score (ascending).</summary>
    public required double[][] AsapCuts { get; init; }

    /// <summary>Whether the models learned the <see cref="NativeLanguageFeatures"/> (then scoring reads the language model when it is installed).</summary>
    public required bool UsesLanguageModel { get; init; }

    /// <summary>Whether the models learned the <see cref="CheckerFeatures"/>.</summary>
    public required bool UsesChecker { get; init; }

    public void Save(Stream stream)
    {
        using var gzip = new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var writer = new BinaryWriter(gzip, Encoding.UTF8);
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write(EssayFeatures.Names.Count);
        writer.Write(UsesLanguageModel);
        writer.Write(UsesChecker);
        writer.Write(TraitsReadTraitRidge);
        Dictionary.Write(writer);
        Corpus.Write(writer);
        Traits.Write(writer);
        TraitRidge.Write(writer);
        writer.Write(Asap.Length);
        for (var p = 0; p < Asap.Length; p++)
        {
            Asap[p].Write(writer);
            writer.Write(AsapCuts[p].Length);
            foreach (var cut in AsapCuts[p])
            {
                writer.Write(cut);
            }
        }
    }

    public static EssayScoringModel Load(Stream stream)
    {
        using var gzip = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
        using var reader = new BinaryReader(gzip, Encoding.UTF8);
        var magic = reader.ReadString();
        if (magic is not (Magic or MagicWithoutTraitRidgeInputs))
        {
            throw new InvalidDataException("Not an essay scorer artefact.");
        }

        var version = reader.ReadString();
        if (reader.ReadInt32() != EssayFeatures.Names.Count)
        {
            throw new InvalidDataException($"The essay scorer artefact {version} was trained with other features than this build computes: retrain it with `tutor essays train`.");
        }

        var usesLanguageModel = reader.ReadBoolean();
        var usesChecker = reader.ReadBoolean();
        var traitsReadTraitRidge = magic == Magic && reader.ReadBoolean();

        var dictionary = SpellingDictionary.Read(reader);
        var corpus = CorpusStatistics.Read(reader);
        var traits = StackedRegressor.Read(reader);
        var traitRidge = RidgeModel.Read(reader);
        var asap = new StackedRegressor[reader.ReadInt32()];
        var cuts = new double[asap.Length][];
        for (var p = 0; p < asap.Length; p++)
        {
            asap[p] = StackedRegressor.Read(reader);
            cuts[p] = new double[reader.ReadInt32()];
            for (var c = 0; c < cuts[p].Length; c++)
            {
                cuts[p][c] = reader.ReadDouble();
            }
        }

        return new EssayScoringModel { Version = version, Dictionary = dictionary, Corpus = corpus, Traits = traits, TraitRidge = traitRidge, Asap = asap, AsapCuts = cuts, UsesLanguageModel = usesLanguageModel, UsesChecker = usesChecker, TraitsReadTraitRidge = traitsReadTraitRidge };
    }

    /// <summary>The integer score for a continuous prediction, given ascending cut points above the scale's minimum.</summary>
    public static int Discretise(double prediction, double[] cuts, int min)
    {
        var score = min;
        foreach (var cut in cuts)
        {
            if (prediction >= cut)
            {
                score++;
            }
        }

        return score;
    }
}
