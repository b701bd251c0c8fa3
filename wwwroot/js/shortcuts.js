// Keyboard shortcuts: forwards the page's keydowns to .NET (KeyboardShortcuts.OnKey), which decides
// what they mean (ShortcutDispatcher). This side only says where the key was pressed, and keeps the
// browser's default away from the keys that are shortcuts.

let listener = null;

const TEXT = 'input:not([type=checkbox]):not([type=radio]):not([type=button]):not([type=submit]):not([type=reset]):not([type=range]), textarea, select, [contenteditable=""], [contenteditable=true]';
const CONTROL = 'button, a[href], input, summary, [role=button], [role=link], [role=menuitem], [role=option], [role=tab], [role=switch], [role=checkbox], [role=radio], [role=application]';

function targetOf(e) {
    // An open dialog (a confirmation, the help) has the keyboard: it handles its own keys.
    if (document.querySelector('.mud-dialog-container')) return 'dialog';
    const t = e.target instanceof Element ? e.target : null;
    if (!t) return 'page';
    if (t.isContentEditable || t.closest(TEXT)) return 'text';
    if (t.closest(CONTROL)) return 'control';
    return 'page';
}

export function start(dotNetRef, claimedKeys) {
    stop();
    const claimed = new Set(claimedKeys);
    listener = e => {
        // Handled already (the grid's own Enter and arrows) or mid-composition: not ours.
        if (e.defaultPrevented || e.isComposing) return;
        if (e.key === 'Shift' || e.key === 'Control' || e.key === 'Alt' || e.key === 'Meta') return;
        const target = targetOf(e);
        if (claimed.has(e.key) && !e.ctrlKey && !e.altKey && !e.metaKey && (target === 'page' || target === 'control')) e.preventDefault();
        dotNetRef.invokeMethodAsync('OnKey', e.key, target, e.ctrlKey, e.altKey, e.metaKey).catch(() => {
            // The app is going away; nothing to do.
        });
    };
    document.addEventListener('keydown', listener);
}

export function stop() {
    if (listener) document.removeEventListener('keydown', listener);
    listener = null;
}

// Scrolls so the band [top, top + height) of the scroller's content is visible below its sticky header.
export function reveal(scroller, top, height) {
    if (!scroller) return;
    const head = scroller.querySelector('thead')?.offsetHeight ?? 0;
    const rowTop = head + top;
    if (rowTop - head < scroller.scrollTop) scroller.scrollTop = rowTop - head;
    else if (rowTop + height > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = rowTop + height - scroller.clientHeight;
}
