// The essay editor's copy of the draft in the browser (localStorage), written on every keystroke, so text typed while the
// connection to the server is down, or just before a refresh, is never lost. The server copy is saved by the page itself.

const prefix = "tutor.essay-draft.";

/** Keeps localStorage in step with the textarea under the element with the given id. */
export function watch(containerId, key) {
    const area = document.getElementById(containerId)?.querySelector("textarea");
    if (!area || area.dataset.draftWatched === key) {
        return;
    }

    area.dataset.draftWatched = key;
    area.addEventListener("input", () => {
        try {
            localStorage.setItem(prefix + key, JSON.stringify({ text: area.value, at: Date.now() }));
        } catch {
            // storage full or disabled: the server copy still holds the last save
        }
    });
}

/** The browser's copy: { text, at } with at in Unix milliseconds, or null. */
export function read(key) {
    try {
        const raw = localStorage.getItem(prefix + key);
        return raw ? JSON.parse(raw) : null;
    } catch {
        return null;
    }
}

/** Forgets the browser's copy once the server holds exactly that text. */
export function forgetIfSaved(key, savedText) {
    try {
        const raw = localStorage.getItem(prefix + key);
        if (raw && JSON.parse(raw).text === savedText) {
            localStorage.removeItem(prefix + key);
        }
    } catch {
        // nothing to forget
    }
}
