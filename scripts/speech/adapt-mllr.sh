#!/usr/bin/env bash
# Estimates an MLLR transform of pocketsphinx's en-us acoustic model for one speaker or channel, with sphinxtrain,
# from clips of a manifest (TSV: utt_id, wav_path relative to the manifest, reference_normalized or reference).
# Clips with a word missing from the dictionary are left out. Use the result with Speech:MllrTransform.
#
#   scripts/speech/adapt-mllr.sh MANIFEST FIRST LAST OUTPUT [MAP_MODEL_DIR [TAU]]
#   e.g. scripts/speech/adapt-mllr.sh ../shared/data/asr/ljspeech/manifest.tsv 41 60 src/TutorPlatform.Speech/Adaptation/ljspeech-41-60.mllr
#
# With MAP_MODEL_DIR it also writes a whole adapted acoustic model there (for Speech:AcousticModel, without
# Speech:MllrTransform): the MLLR transform applied to the Gaussian means, then a MAP update of the means with a
# fixed prior weight TAU (default 100; variances, mixture weights and transitions are kept: with minutes of speech
# updating them over-fits the adaptation clips).
#
# The Debian model ships its mixture weights only in pocketsphinx's quantised `sendump`; sphinxtrain's bw needs
# them as a `mixture_weights` file, so they are unpacked first (the format of sphinxtrain's own sendump.py).
set -euo pipefail
manifest=$(realpath "$1"); first=$2; last=$3; output=$(realpath -m "$4")
map_output=${5:+$(realpath -m "$5")}; tau=${6:-100}
model=/usr/share/pocketsphinx/model/en-us
"$(dirname "$0")/../deps/speech.sh"
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
if [[ ! -x /usr/lib/sphinxtrain/bw ]] || ! /usr/bin/python3 -c "import numpy" 2>/dev/null; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sphinxtrain sphinxbase-utils python3-numpy >/dev/null
fi

work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cp -a "$model/en-us" "$work/hmm"
mkdir -p "$work/wav" "$work/mfc"
/usr/bin/python3 - "$manifest" "$first" "$last" "$work" "$model/cmudict-en-us.dict" <<'PY'
import csv, os, re, struct, subprocess, sys
import numpy
manifest, first, last, work, dictionary = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]

# sendump -> mixture_weights (sphinx3 binary, float32 [senones x streams x densities])
def read_sendump(path):
    with open(path, "rb") as f:
        def string():
            n = struct.unpack("<I", f.read(4))[0]
            return f.read(n)[:-1].decode() if n else None
        string()  # title
        header = {}
        while (line := string()) is not None:
            key, *value = line.split()
            if value and value[0].isdigit():
                header[key] = int(value[0])
        densities, senones = header.get("model_count", 0), header.get("mixture_count", 0)
        if header.get("cluster_count", 0) == 0:
            densities, senones = struct.unpack("<II", f.read(8))
        streams, shift = header["feature_count"], header.get("mixw_shift", 10)
        weights = numpy.empty((senones, streams, densities))
        for s in range(streams):
            for d in range(densities):
                weights[:, s, d] = numpy.power(1.0001, -(numpy.fromfile(f, "B", senones).astype("i") << shift))
        return weights
weights = read_sendump(os.path.join(work, "hmm", "sendump"))
with open(os.path.join(work, "hmm", "mixture_weights"), "wb") as f:
    f.write(b"s3\nversion 1.0\n")
    pad = (4 - (f.tell() + 7) % 4) % 4
    f.write(b" " * pad + b"endhdr\n" + struct.pack("=i", 0x11223344))
    f.write(struct.pack("=IIII", *weights.shape, weights.size))
    weights.ravel().astype("f").tofile(f)

words_known = {line.split()[0].split("(")[0] for line in open(dictionary, encoding="utf-8")}
rows = list(csv.DictReader(open(manifest, encoding="utf-8"), delimiter="\t"))[first - 1:last]
ids, lines = [], []
for row in rows:
    text = row.get("reference_normalized") or row.get("reference") or ""
    words = [w.strip("'") for w in re.sub(r"[^a-z0-9' ]+", " ", re.sub(r"</?s>", " ", text.lower())).split()]
    if not words or not all(w in words_known for w in words):
        print(f"left out {row['utt_id']}: not all words in the dictionary", file=sys.stderr)
        continue
    subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", os.path.join(os.path.dirname(manifest), row["wav_path"]),
                    "-ar", "16000", "-ac", "1", "-c:a", "pcm_s16le", "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:a", "+bitexact",
                    os.path.join(work, "wav", row["utt_id"] + ".wav")], check=True)
    ids.append(row["utt_id"])
    lines.append(f"<s> {' '.join(words)} </s> ({row['utt_id']})")
open(os.path.join(work, "fileids"), "w").write("\n".join(ids) + "\n")
open(os.path.join(work, "transcription"), "w").write("\n".join(lines) + "\n")
print(f"{len(ids)} clips for adaptation", file=sys.stderr)
PY

cd "$work"
# Runs a sphinxtrain step with its output appended to LOG; on failure shows the end of LOG and stops.
step() { local log=$1; shift; "$@" >>"$log" 2>&1 || { tail -20 "$log" >&2; exit 1; }; }
# Baum-Welch statistics of the adaptation clips over the model in HMMDIR, into ACCUMDIR.
baum_welch() {
    step "$3" /usr/lib/sphinxtrain/bw -hmmdir "$1" -moddeffn hmm/mdef.txt -ts2cbfn .ptm. -feat 1s_c_d_dd -svspec 0-12/13-25/26-38 \
        -cmn batch -agc none -dictfn "$model/cmudict-en-us.dict" -fdictfn hmm/noisedict \
        -ctlfn fileids -lsnfn transcription -accumdir "$2" -cepdir mfc
}

sphinx_fe -argfile hmm/feat.params -samprate 16000 -c fileids -di wav -do mfc -ei wav -eo mfc -mswav yes >fe.log 2>&1
pocketsphinx_mdef_convert -text hmm/mdef hmm/mdef.txt >/dev/null 2>&1
baum_welch hmm . bw.log
step mllr.log /usr/lib/sphinxtrain/mllr_solve -meanfn hmm/means -varfn hmm/variances -outmllrfn mllr_matrix -accumdir .
mkdir -p "$(dirname "$output")"
cp mllr_matrix "$output"
echo "Wrote $output"

if [[ -n $map_output ]]; then
    # Statistics again over the MLLR-adapted means, then MAP of the means only.
    mkdir -p map/hmm map/out
    cp hmm/* map/hmm/
    step map.log /usr/lib/sphinxtrain/mllr_transform -inmeanfn hmm/means -outmeanfn map/hmm/means -mllrmat mllr_matrix
    baum_welch map/hmm map map.log
    step map.log /usr/lib/sphinxtrain/map_adapt -moddeffn hmm/mdef.txt -ts2cbfn .ptm. -meanfn map/hmm/means -varfn map/hmm/variances \
        -mixwfn map/hmm/mixture_weights -tmatfn map/hmm/transition_matrices -accumdir map -bayesmean no -fixedtau yes -tau "$tau" \
        -mapmeanfn map/out/means -mapvarfn map/out/variances -mapmixwfn map/out/mixture_weights -maptmatfn map/out/transition_matrices
    mkdir -p "$map_output"
    cp "$model/en-us/"{mdef,feat.params,noisedict,sendump,transition_matrices,variances} "$map_output/"
    cp map/out/means "$map_output/means"
    echo "Wrote $map_output (MLLR + MAP of the means, tau $tau)"
fi
