// AudioWorklet processor for the speaking coach's recorder: copies the microphone's first channel to the main thread
// in blocks of about 2,048 samples, with each block's RMS level for the meter.
class TutorRecorderProcessor extends AudioWorkletProcessor {
    constructor() {
        super();
        this.block = new Float32Array(2048);
        this.filled = 0;
        this.port.onmessage = (event) => {
            if (event.data === "flush") {
                this.flush();
                this.port.postMessage({ done: true });
            }
        };
    }

    flush() {
        if (this.filled === 0) {
            return;
        }

        const samples = this.block.slice(0, this.filled);
        let sum = 0;
        for (let i = 0; i < samples.length; i++) {
            sum += samples[i] * samples[i];
        }

        this.port.postMessage({ samples, rms: Math.sqrt(sum / samples.length) }, [samples.buffer]);
        this.filled = 0;
    }

    process(inputs) {
        const channel = inputs[0] && inputs[0][0];
        if (channel) {
            let offset = 0;
            while (offset < channel.length) {
                const count = Math.min(channel.length - offset, this.block.length - this.filled);
                this.block.set(channel.subarray(offset, offset + count), this.filled);
                this.filled += count;
                offset += count;
                if (this.filled === this.block.length) {
                    this.flush();
                }
            }
        }

        return true;
    }
}

registerProcessor("tutor-recorder", TutorRecorderProcessor);
