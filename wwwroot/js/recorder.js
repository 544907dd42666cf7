// The speaking coach's microphone recorder: captures with an AudioWorklet, shows a live level meter and the elapsed
// time, stops at a limit, resamples to 16 kHz mono 16-bit WAV, plays the take back, and hands the WAV to the server
// over the Blazor circuit (takeWav returns bytes that .NET reads as a stream). Also the browser's speech synthesis.

const TARGET_RATE = 16000;
const SILENCE_RMS = 0.01;
const recorders = new Map();

/**
 * Starts recording. Returns { ok: true } or { error: "unsupported" | "permission" | "no-microphone" | "busy" | "other", message }.
 * dotnet gets OnRecordingStopped({ seconds, silent, limitReached }) when the take ends (by stop() or at the limit).
 */
export async function start(id, dotnet, meter, clock, maxSeconds) {
    await discard(id);
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || !window.AudioWorkletNode) {
        return { error: "unsupported", message: "This browser cannot record audio here." };
    }

    let stream;
    try {
        stream = await navigator.mediaDevices.getUserMedia({
            audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false },
        });
    } catch (e) {
        const name = e && e.name;
        if (name === "NotAllowedError" || name === "SecurityError" || name === "PermissionDeniedError") {
            return { error: "permission", message: String(e.message || name) };
        }
        if (name === "NotFoundError" || name === "DevicesNotFoundError" || name === "OverconstrainedError") {
            return { error: "no-microphone", message: String(e.message || name) };
        }
        if (name === "NotReadableError" || name === "AbortError") {
            return { error: "busy", message: String(e.message || name) };
        }
        return { error: "other", message: String((e && e.message) || e) };
    }

    const context = new AudioContext();
    try {
        await context.audioWorklet.addModule(new URL("./recorder-worklet.js", import.meta.url));
    } catch (e) {
        stream.getTracks().forEach((t) => t.stop());
        await context.close();
        return { error: "unsupported", message: String((e && e.message) || e) };
    }

    const source = context.createMediaStreamSource(stream);
    const node = new AudioWorkletNode(context, "tutor-recorder", { numberOfInputs: 1, numberOfOutputs: 1, channelCount: 1 });
    const mute = context.createGain();
    mute.gain.value = 0;
    source.connect(node);
    node.connect(mute);
    mute.connect(context.destination);

    const state = {
        dotnet, meter, clock, stream, context, node, source,
        rate: context.sampleRate,
        maxSamples: Math.round(maxSeconds * context.sampleRate),
        maxSeconds,
        chunks: [],
        length: 0,
        level: 0,
        loudest: 0,
        stopping: false,
        wav: null,
        url: null,
        frame: 0,
    };
    recorders.set(id, state);

    node.port.onmessage = (event) => {
        if (!event.data.samples) {
            return;
        }
        state.chunks.push(event.data.samples);
        state.length += event.data.samples.length;
        state.level = event.data.rms;
        state.loudest = Math.max(state.loudest, event.data.rms);
        if (state.length >= state.maxSamples && !state.stopping) {
            finish(id, true);
        }
    };

    const draw = () => {
        if (state.stopping) {
            return;
        }
        const db = state.level > 0 ? 20 * Math.log10(state.level) : -100;
        const percent = Math.max(0, Math.min(100, ((db + 60) / 60) * 100));
        if (meter) {
            meter.style.width = percent.toFixed(0) + "%";
            meter.setAttribute("aria-valuenow", percent.toFixed(0));
        }
        if (clock) {
            clock.textContent = formatTime(state.length / state.rate) + " / " + formatTime(maxSeconds);
        }
        state.frame = requestAnimationFrame(draw);
    };
    draw();
    return { ok: true };
}

/** Stops the take the user is recording; the result arrives through OnRecordingStopped. */
export async function stop(id) {
    await finish(id, false);
}

/** The last take as 16 kHz mono WAV bytes (read by .NET as a stream), or null. */
export function takeWav(id) {
    const state = recorders.get(id);
    return state && state.wav ? state.wav : null;
}

/** Points an audio element at the last take, for playback. */
export function attachPlayback(id, audio) {
    const state = recorders.get(id);
    if (!state || !state.wav || !audio) {
        return false;
    }
    if (!state.url) {
        state.url = URL.createObjectURL(new Blob([state.wav], { type: "audio/wav" }));
    }
    audio.src = state.url;
    return true;
}

/** Forgets the last take once it has been handled: its playback stops, and the clock is back at zero. */
export function forgetTake(id, audio) {
    const state = recorders.get(id);
    if (audio) {
        audio.pause();
        audio.removeAttribute("src");
        audio.load();
    }
    if (!state) {
        return;
    }
    state.wav = null;
    if (state.url) {
        URL.revokeObjectURL(state.url);
        state.url = null;
    }
    if (state.clock) {
        state.clock.textContent = formatTime(0) + " / " + formatTime(state.maxSeconds);
    }
}

/** Stops everything and forgets the take. */
export async function discard(id) {
    const state = recorders.get(id);
    if (!state) {
        return;
    }
    state.stopping = true;
    cancelAnimationFrame(state.frame);
    release(state);
    if (state.url) {
        URL.revokeObjectURL(state.url);
    }
    recorders.delete(id);
}

/** Says a word or sentence with the browser's English voice; false where the browser has none. */
export function speak(text, rate) {
    if (!("speechSynthesis" in window) || !text) {
        return false;
    }
    window.speechSynthesis.cancel();
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = "en-US";
    utterance.rate = rate || 0.9;
    const voice = window.speechSynthesis.getVoices().find((v) => v.lang && v.lang.toLowerCase().startsWith("en"));
    if (voice) {
        utterance.voice = voice;
    }
    window.speechSynthesis.speak(utterance);
    return true;
}

export function stopSpeaking() {
    if ("speechSynthesis" in window) {
        window.speechSynthesis.cancel();
    }
}

async function finish(id, limitReached) {
    const state = recorders.get(id);
    if (!state || state.stopping) {
        return;
    }
    state.stopping = true;
    cancelAnimationFrame(state.frame);
    // Take what the worklet still holds before the graph stops.
    await new Promise((resolve) => {
        const timer = setTimeout(resolve, 200);
        const previous = state.node.port.onmessage;
        state.node.port.onmessage = (event) => {
            if (event.data.done) {
                clearTimeout(timer);
                resolve();
            } else if (event.data.samples) {
                state.chunks.push(event.data.samples);
                state.length += event.data.samples.length;
                state.loudest = Math.max(state.loudest, event.data.rms);
            } else if (previous) {
                previous(event);
            }
        };
        state.node.port.postMessage("flush");
    });
    release(state);

    const seconds = Math.min(state.length, state.maxSamples) / state.rate;
    let silent = state.loudest < SILENCE_RMS;
    try {
        const samples = concat(state.chunks, Math.min(state.length, state.maxSamples));
        const resampled = await resample(samples, state.rate);
        state.wav = encodeWav(resampled, TARGET_RATE);
    } catch (e) {
        state.wav = null;
        silent = true;
    }
    state.chunks = [];
    if (state.meter) {
        state.meter.style.width = "0%";
    }
    if (state.clock) {
        state.clock.textContent = formatTime(seconds) + " / " + formatTime(state.maxSeconds);
    }
    try {
        await state.dotnet.invokeMethodAsync("OnRecordingStopped", { seconds, silent, limitReached });
    } catch {
        // the component is gone
    }
}

function release(state) {
    try { state.source.disconnect(); } catch { /* already */ }
    try { state.node.disconnect(); } catch { /* already */ }
    state.stream.getTracks().forEach((t) => t.stop());
    if (state.context.state !== "closed") {
        state.context.close();
    }
}

function concat(chunks, length) {
    const out = new Float32Array(length);
    let offset = 0;
    for (const chunk of chunks) {
        if (offset >= length) {
            break;
        }
        const count = Math.min(chunk.length, length - offset);
        out.set(chunk.subarray(0, count), offset);
        offset += count;
    }
    return out;
}

async function resample(samples, rate) {
    if (samples.length === 0) {
        return samples;
    }
    if (rate === TARGET_RATE) {
        return samples;
    }
    const frames = Math.ceil((samples.length * TARGET_RATE) / rate);
    const offline = new OfflineAudioContext(1, frames, TARGET_RATE);
    const buffer = offline.createBuffer(1, samples.length, rate);
    buffer.copyToChannel(samples, 0);
    const source = offline.createBufferSource();
    source.buffer = buffer;
    source.connect(offline.destination);
    source.start();
    const rendered = await offline.startRendering();
    return rendered.getChannelData(0);
}

function encodeWav(samples, rate) {
    const bytes = new Uint8Array(44 + samples.length * 2);
    const view = new DataView(bytes.buffer);
    const text = (offset, s) => { for (let i = 0; i < s.length; i++) view.setUint8(offset + i, s.charCodeAt(i)); };
    text(0, "RIFF");
    view.setUint32(4, 36 + samples.length * 2, true);
    text(8, "WAVE");
    text(12, "fmt ");
    view.setUint32(16, 16, true);
    view.setUint16(20, 1, true);
    view.setUint16(22, 1, true);
    view.setUint32(24, rate, true);
    view.setUint32(28, rate * 2, true);
    view.setUint16(32, 2, true);
    view.setUint16(34, 16, true);
    text(36, "data");
    view.setUint32(40, samples.length * 2, true);
    for (let i = 0; i < samples.length; i++) {
        const s = Math.max(-1, Math.min(1, samples[i]));
        view.setInt16(44 + i * 2, s < 0 ? s * 0x8000 : s * 0x7fff, true);
    }
    return bytes;
}

function formatTime(seconds) {
    const s = Math.floor(seconds);
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
}
