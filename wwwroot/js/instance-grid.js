// The instance grid's canvas. The Blazor component (src/Client/Components/InstanceGrid.razor.cs)
// sends compact arrays: instance ids in grid order, a palette index and a flag byte per tile, then
// patches of just the tiles that changed. Drawing is batched into one animation frame and touches
// only the cells that changed, so a live rollout of 10,000 instances stays smooth.
//
// Geometry must match GridLayout.cs: cells of `pitch` CSS pixels, `columns` of them per row, the
// tile centred in its cell; the whole cell belongs to its tile.

const HAZARD = 1;
const TOOLTIP_INTERVAL_MS = 60;
const ANNOUNCE_INTERVAL_MS = 150;
const TOOLTIP_OFFSET = 14;
const MAX_CANVAS_SIDE = 32767;

const grids = new Map();
let nextHandle = 1;

export function create(canvas, dotNetRef, options) {
    const handle = nextHandle++;
    grids.set(handle, new Grid(canvas, dotNetRef, options));
    return handle;
}

// Ids and positions come as the bytes of little-endian 32-bit integers (binary, not JSON).
const int32s = bytes => new Int32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));

export function setTiles(handle, ids, colors, flags) {
    grids.get(handle)?.setTiles(int32s(ids), colors, flags);
}

export function patch(handle, positions, colors, flags) {
    grids.get(handle)?.patch(int32s(positions), colors, flags);
}

export function setSelected(handle, id) {
    grids.get(handle)?.setSelected(id);
}

export function dispose(handle) {
    grids.get(handle)?.dispose();
    grids.delete(handle);
}

// Asks .NET for a tile's text, at most one call in flight and one per interval; only the latest
// request matters (the pointer has moved on from the others).
class LatestOnly {
    constructor(fetch, interval) {
        this.fetch = fetch;
        this.interval = interval;
        this.next = null;
        this.timer = 0;
        this.busy = false;
        this.last = 0;
    }

    request(id, apply) {
        this.next = { id, apply };
        this.kick();
    }

    cancel() {
        this.next = null;
        clearTimeout(this.timer);
        this.timer = 0;
    }

    kick() {
        if (this.busy || this.timer || !this.next) return;
        const wait = Math.max(0, this.last + this.interval - performance.now());
        this.timer = setTimeout(() => this.run(), wait);
    }

    async run() {
        this.timer = 0;
        const job = this.next;
        this.next = null;
        if (!job) return;
        this.busy = true;
        this.last = performance.now();
        try {
            job.apply(job.id, await this.fetch(job.id));
        } catch {
            // The component is gone or busy; the next hover asks again.
        } finally {
            this.busy = false;
            this.kick();
        }
    }
}

class Grid {
    constructor(canvas, dotNetRef, options) {
        this.canvas = canvas;
        this.ref = dotNetRef;
        this.scroller = canvas.parentElement;
        this.tile = options.tile;
        this.pitch = options.pitch;
        this.paletteCss = options.palette;
        this.announcer = options.announcer;
        this.tooltip = options.tooltip;
        this.ctx = canvas.getContext('2d');

        this.ids = new Int32Array(0);
        this.colors = new Uint8Array(0);
        this.flags = new Uint8Array(0);
        this.positionOf = new Map();
        this.selectedId = null;
        this.selected = -1;
        this.focused = -1;
        this.hovered = -1;
        this.showFocus = false;
        this.pointerDown = false;

        this.columns = 1;
        this.cssWidth = 0;
        this.cssHeight = 0;
        this.dpr = 0;
        this.dirty = new Set();
        this.full = true;
        this.frame = 0;

        const text = id => this.ref.invokeMethodAsync('TooltipFor', id);
        this.tooltipText = new LatestOnly(text, TOOLTIP_INTERVAL_MS);
        this.announceText = new LatestOnly(text, ANNOUNCE_INTERVAL_MS);

        this.listeners = [
            ['pointermove', e => this.onPointerMove(e)],
            ['pointerleave', () => this.hover(-1)],
            ['pointerdown', () => { this.pointerDown = true; }],
            ['pointerup', () => { this.pointerDown = false; }],
            ['click', e => this.onClick(e)],
            ['keydown', e => this.onKeyDown(e)],
            ['focus', () => this.onFocus()],
            ['blur', () => this.onBlur()],
        ];
        for (const [type, listener] of this.listeners) canvas.addEventListener(type, listener);
        // Scrolling moves tiles under a still pointer: the tooltip would describe the wrong one.
        this.onScroll = () => this.hover(-1);
        this.scroller.addEventListener('scroll', this.onScroll, { passive: true });
        // Columns follow the container's width; the container's scrollbar appearing counts too.
        this.resizeObserver = new ResizeObserver(() => this.layout());
        this.resizeObserver.observe(this.scroller);
        // Light to dark and back: the theme's colours change under the canvas, so draw it again.
        this.themeObserver = new MutationObserver(() => this.redrawAll());
        this.themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
        this.layout();
    }

    // ---------------------------------------------------------------- data from .NET

    setTiles(ids, colors, flags) {
        const focusedId = this.focused >= 0 ? this.ids[this.focused] : null;
        this.ids = ids;
        this.colors = Uint8Array.from(colors);
        this.flags = Uint8Array.from(flags);
        this.positionOf = new Map();
        for (let i = 0; i < this.ids.length; i++) this.positionOf.set(this.ids[i], i);
        this.selected = this.positionOf.get(this.selectedId) ?? -1;
        if (this.focused >= 0) this.focused = this.positionOf.get(focusedId) ?? Math.min(this.focused, this.ids.length - 1);
        this.hover(-1);
        this.canvas.dataset.tiles = String(this.ids.length);
        this.layout();
        this.redrawAll();
    }

    patch(positions, colors, flags) {
        const count = this.ids.length;
        for (let k = 0; k < positions.length; k++) {
            const p = positions[k];
            if (p < 0 || p >= count) continue;
            this.colors[p] = colors[k];
            this.flags[p] = flags[k];
            this.invalidate(p);
            // The tooltip on screen describes this instance: refresh it.
            if (p === this.hovered) this.requestTooltip(p);
        }
    }

    setSelected(id) {
        this.invalidate(this.selected);
        this.selectedId = id ?? null;
        this.selected = this.positionOf.get(this.selectedId) ?? -1;
        this.invalidate(this.selected);
    }

    dispose() {
        cancelAnimationFrame(this.frame);
        this.frame = 0;
        this.resizeObserver.disconnect();
        this.themeObserver.disconnect();
        for (const [type, listener] of this.listeners) this.canvas.removeEventListener(type, listener);
        this.scroller.removeEventListener('scroll', this.onScroll);
        this.tooltipText.cancel();
        this.announceText.cancel();
        if (this.tooltip) this.tooltip.hidden = true;
    }

    // ---------------------------------------------------------------- geometry (see GridLayout.cs)

    columnsFor(width) {
        return Number.isFinite(width) && width >= this.pitch ? Math.floor(width / this.pitch) : 1;
    }

    tileAt(x, y) {
        if (!(x >= 0 && y >= 0)) return -1;
        const column = Math.floor(x / this.pitch);
        const row = Math.floor(y / this.pitch);
        if (column >= this.columns) return -1;
        const position = row * this.columns + column;
        return position < this.ids.length ? position : -1;
    }

    layout() {
        const columns = this.columnsFor(this.scroller.clientWidth);
        const rows = Math.ceil(this.ids.length / columns);
        const cssWidth = columns * this.pitch;
        const cssHeight = rows * this.pitch;
        // Browsers refuse canvases past about 32,767 device pixels a side: trade sharpness for a grid
        // that still draws when a narrow window makes it very tall.
        const dpr = Math.min(window.devicePixelRatio || 1, MAX_CANVAS_SIDE / Math.max(1, cssWidth, cssHeight));
        if (columns === this.columns && cssWidth === this.cssWidth && cssHeight === this.cssHeight && dpr === this.dpr) return;
        this.columns = columns;
        this.cssWidth = cssWidth;
        this.cssHeight = cssHeight;
        this.dpr = dpr;
        this.canvas.style.width = `${cssWidth}px`;
        this.canvas.style.height = `${cssHeight}px`;
        // Backing store in device pixels, so tiles stay crisp on high-density screens.
        this.canvas.width = Math.max(1, Math.round(cssWidth * dpr));
        this.canvas.height = Math.max(1, Math.round(cssHeight * dpr));
        this.redrawAll();
    }

    // ---------------------------------------------------------------- drawing

    // Theme colours are CSS variables; a canvas needs real colours. Let the browser resolve each one
    // (nested variables included) through the canvas's own `color`.
    resolveColors() {
        const probe = this.canvas.style;
        const saved = probe.color;
        const resolve = css => {
            probe.color = '';
            probe.color = css;
            return getComputedStyle(this.canvas).color;
        };
        this.palette = this.paletteCss.map(resolve);
        this.hazardColor = resolve('var(--mud-palette-error)');
        this.selectedColor = resolve('var(--mud-palette-primary)');
        this.focusColor = resolve('var(--mud-palette-text-primary)');
        this.focusInnerColor = resolve('var(--mud-palette-surface)');
        this.edgeColor = resolve('var(--rollout-tile-edge)');
        probe.color = saved;
    }

    redrawAll() {
        this.full = true;
        this.schedule();
    }

    invalidate(position) {
        if (position < 0 || position >= this.ids.length) return;
        this.dirty.add(position);
        this.schedule();
    }

    schedule() {
        if (!this.frame) this.frame = requestAnimationFrame(() => this.draw());
    }

    draw() {
        this.frame = 0;
        const ctx = this.ctx;
        ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
        if (this.full) {
            // Full redraws are rare (new id list, resize); pick up theme changes here too.
            this.resolveColors();
            ctx.clearRect(0, 0, this.cssWidth, this.cssHeight);
            this.drawCells(this.ids.keys(), false);
        } else {
            this.drawCells(this.dirty, true);
        }
        this.full = false;
        this.dirty.clear();
    }

    // Draws whole cells. Tiles are grouped by style first: changing fillStyle or strokeStyle makes
    // the canvas parse a colour, which would otherwise happen 20,000 times for a full grid.
    drawCells(positions, clear) {
        const ctx = this.ctx;
        const pitch = this.pitch;
        const count = this.ids.length;
        const base = (pitch - this.tile) / 2;
        const fills = this.palette.map(() => []);
        const edges = [];
        const hazards = [];
        let focusRing = null;
        for (const p of positions) {
            const x = (p % this.columns) * pitch;
            const y = Math.floor(p / this.columns) * pitch;
            if (clear) ctx.clearRect(x, y, pitch, pitch);
            if (p >= count) continue;
            let inset = base;
            if (p === this.selected) {
                // Selected: a 2 px ring in the primary colour, reaching into this cell's half of the gap.
                ctx.fillStyle = this.selectedColor;
                ctx.fillRect(x, y, pitch, pitch);
                inset += 1;
                ctx.clearRect(x + inset, y + inset, pitch - 2 * inset, pitch - 2 * inset);
            }
            const size = pitch - 2 * inset;
            (fills[this.colors[p]] ?? fills[0]).push(x + inset, y + inset, size);
            (this.flags[p] & HAZARD ? hazards : edges).push(x + inset, y + inset, size);
            if (p === this.focused && this.showFocus) focusRing = [x, y];
        }

        for (let c = 0; c < fills.length; c++) {
            const rects = fills[c];
            if (rects.length === 0) continue;
            ctx.fillStyle = this.palette[c];
            for (let k = 0; k < rects.length; k += 3) ctx.fillRect(rects[k], rects[k + 1], rects[k + 2], rects[k + 2]);
        }
        // A faint edge so pale tiles stand out from the paper; hazards get a 2 px red one instead.
        this.strokeTiles(edges, this.edgeColor, 1);
        this.strokeTiles(hazards, this.hazardColor, 2);
        if (focusRing) {
            // Keyboard focus: a dark ring on the cell's outer edge and a light one inside it, so it
            // shows on any tile colour and next to a selection ring.
            const [x, y] = focusRing;
            ctx.lineWidth = 1;
            ctx.strokeStyle = this.focusColor;
            ctx.strokeRect(x + 0.5, y + 0.5, pitch - 1, pitch - 1);
            ctx.strokeStyle = this.focusInnerColor;
            ctx.strokeRect(x + 1.5, y + 1.5, pitch - 3, pitch - 3);
        }
    }

    strokeTiles(rects, color, width) {
        if (rects.length === 0) return;
        const ctx = this.ctx;
        const half = width / 2;
        ctx.strokeStyle = color;
        ctx.lineWidth = width;
        for (let k = 0; k < rects.length; k += 3) {
            ctx.strokeRect(rects[k] + half, rects[k + 1] + half, rects[k + 2] - width, rects[k + 2] - width);
        }
    }

    // ---------------------------------------------------------------- pointer

    onPointerMove(e) {
        this.hover(this.tileAt(e.offsetX, e.offsetY));
        if (this.hovered >= 0 && this.tooltip && !this.tooltip.hidden) this.placeTooltip(e.clientX, e.clientY);
        this.lastPointer = { x: e.clientX, y: e.clientY };
    }

    hover(position) {
        if (position === this.hovered) return;
        this.hovered = position;
        if (position < 0) {
            this.tooltipText.cancel();
            if (this.tooltip) this.tooltip.hidden = true;
            return;
        }
        this.requestTooltip(position);
    }

    requestTooltip(position) {
        this.tooltipText.request(this.ids[position], (id, text) => {
            if (!this.tooltip || this.hovered < 0 || this.ids[this.hovered] !== id) return;
            this.tooltip.textContent = text;
            this.tooltip.hidden = !text;
            if (this.lastPointer) this.placeTooltip(this.lastPointer.x, this.lastPointer.y);
        });
    }

    placeTooltip(clientX, clientY) {
        const box = this.tooltip;
        const width = box.offsetWidth;
        const height = box.offsetHeight;
        let left = clientX + TOOLTIP_OFFSET;
        let top = clientY + TOOLTIP_OFFSET;
        if (left + width > window.innerWidth - 4) left = Math.max(4, clientX - TOOLTIP_OFFSET - width);
        if (top + height > window.innerHeight - 4) top = Math.max(4, clientY - TOOLTIP_OFFSET - height);
        box.style.left = `${left}px`;
        box.style.top = `${top}px`;
    }

    onClick(e) {
        const position = this.tileAt(e.offsetX, e.offsetY);
        if (position < 0) return;
        this.moveFocus(position, false);
        this.select(position);
    }

    select(position) {
        this.ref.invokeMethodAsync('Select', this.ids[position]).catch(() => {
            // The component is gone; nothing to select.
        });
    }

    // ---------------------------------------------------------------- keyboard

    onFocus() {
        // Rings only for keyboard users: a click focuses too, but the selection shows the click.
        this.showFocus = !this.pointerDown;
        if (this.focused < 0 && this.ids.length > 0) this.focused = this.selected >= 0 ? this.selected : 0;
        this.invalidate(this.focused);
        if (this.showFocus && this.focused >= 0) this.announce(this.focused);
    }

    onBlur() {
        this.showFocus = false;
        this.pointerDown = false;
        this.invalidate(this.focused);
    }

    onKeyDown(e) {
        const count = this.ids.length;
        if (count === 0 || e.altKey || e.metaKey) return;
        const columns = this.columns;
        const current = this.focused >= 0 ? this.focused : 0;
        const rowStart = current - (current % columns);
        let next = current;
        switch (e.key) {
            case 'ArrowLeft': next = Math.max(0, current - 1); break;
            case 'ArrowRight': next = Math.min(count - 1, current + 1); break;
            case 'ArrowUp': next = current - columns >= 0 ? current - columns : current; break;
            case 'ArrowDown':
                // From a column the last, shorter row lacks, go to its last tile.
                next = current + columns < count ? current + columns : (rowStart + columns < count ? count - 1 : current);
                break;
            case 'Home': next = e.ctrlKey ? 0 : rowStart; break;
            case 'End': next = e.ctrlKey ? count - 1 : Math.min(count - 1, rowStart + columns - 1); break;
            case 'PageUp': next = Math.max(current % columns, current - columns * this.rowsInView()); break;
            case 'PageDown': {
                const target = current + columns * this.rowsInView();
                next = target < count ? target : current + columns * Math.floor((count - 1 - current) / columns);
                break;
            }
            case 'Enter':
            case ' ':
                e.preventDefault();
                this.moveFocus(current, false);
                this.select(current);
                return;
            default:
                return;
        }
        e.preventDefault();
        this.moveFocus(next, true);
    }

    rowsInView() {
        return Math.max(1, Math.floor(this.scroller.clientHeight / this.pitch) - 1);
    }

    moveFocus(position, fromKeyboard) {
        this.showFocus = fromKeyboard || this.showFocus;
        const moved = position !== this.focused;
        this.invalidate(this.focused);
        this.focused = position;
        this.invalidate(position);
        if (!fromKeyboard) return;
        this.scrollIntoView(position);
        if (moved) this.announce(position);
    }

    scrollIntoView(position) {
        const top = this.canvas.offsetTop + Math.floor(position / this.columns) * this.pitch;
        const scroller = this.scroller;
        if (top < scroller.scrollTop) scroller.scrollTop = top;
        else if (top + this.pitch > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = top + this.pitch - scroller.clientHeight;
    }

    announce(position) {
        this.announceText.request(this.ids[position], (id, text) => {
            if (this.announcer && this.focused >= 0 && this.ids[this.focused] === id) this.announcer.textContent = text;
        });
    }
}
