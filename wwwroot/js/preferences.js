// What this browser remembers for the operator (localStorage) and knows about them (colour scheme,
// time zone), read in one call before the app first renders, so a dark page never flashes light.

function read(key) {
    try {
        return localStorage.getItem(key);
    } catch {
        return null; // storage refused (private mode, policy): defaults apply
    }
}

export function load(keys) {
    const values = {};
    for (const key of keys) values[key] = read(key);
    let timeZone = null;
    try {
        timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone ?? null;
    } catch {
        // No Intl time zone: the runtime's local zone is used.
    }
    return { values, prefersDark: window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false, timeZone };
}

export function save(key, value) {
    try {
        if (value === null || value === undefined) localStorage.removeItem(key);
        else localStorage.setItem(key, value);
    } catch {
        // Not remembered; the choice still holds for this page.
    }
}

// The dashboard's own styles (app.css) and native controls follow this attribute; the instance grid
// redraws its canvas when it changes.
export function showTheme(dark) {
    const root = document.documentElement;
    const theme = dark ? 'dark' : 'light';
    if (root.dataset.theme !== theme) root.dataset.theme = theme;
}
