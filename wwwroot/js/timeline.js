// The update timeline's canvases. The Blazor component (src/Client/Components/Insight/TimelineView.razor.cs)
// sends one frame of compact arrays per change; this script only draws. Hit tests live in .NET
// (TimelineLayout.cs): hovers and clicks go back as points, tooltips come back as text.
//
// Geometry must match TimelineLayout.cs: a plot from `labelWidth` to `width - rightPad` mapping the
// frame's [fromMs, toMs]; lanes or rows stacked at `lanePitch` / `rowPitch` in the body, which scrolls
// inside its box while its canvas stays in view (sticky) and draws only the rows showing.
'use strict';

import { paintBody, paintHead } from './timeline-draw.js';

const OVERVIEW = 0;
const TOOLTIP_INTERVAL_MS = 50;
const TOOLTIP_OFFSET = 14;

const timelines = new Map();
let nextHandle = 1;

export function create(head, body, scroller, sizer, tooltip, dotNetRef, options) {
    const handle = nextHandle++;
    timelines.set(handle, new Timeline(head, body, scroller, sizer, tooltip, dotNetRef, options));
    return handle;
}

export function draw(handle, frame) {
    timelines.get(handle)?.setFrame(frame);
}

export function dispose(handle) {
    timelines.get(handle)?.dispose();
    timelines.delete(handle);
}

// Integer arrays come as the bytes of little-endian 32-bit values (binary, not JSON).
const int32s = bytes => bytes && bytes.byteLength
    ? new Int32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))
    : new Int32Array(0);
const bytesOf = bytes => bytes ? Uint8Array.from(bytes) : new Uint8Array(0);

class Timeline {
    constructor(head, body, scroller, sizer, tooltip, dotNetRef, options) {
        this.head = head;
        this.body = body;
        this.scroller = scroller;
        this.sizer = sizer;
        this.tooltip = tooltip;
        this.ref = dotNetRef;
        this.o = options;
        this.stackOrder = bytesOf(options.stackOrder);
        this.frame = null;
        this.width = 0;
        this.bodyHeight = 0;
        this.dpr = 1;
        this.raf = 0;
        this.pending = null;
        this.busy = false;
        this.lastAsk = 0;
        this.timer = 0;
        this.pointer = null;

        this.listeners = [
            [head, 'pointermove', e => this.onMove(0, e)],
            [body, 'pointermove', e => this.onMove(1, e)],
            [head, 'pointerleave', () => this.hide()],
            [body, 'pointerleave', () => this.hide()],
            [body, 'click', e => this.onClick(e)],
            [scroller, 'scroll', () => { this.hide(); this.schedule(); }],
        ];
        for (const [target, type, listener] of this.listeners) target.addEventListener(type, listener, { passive: true });
        this.resizeObserver = new ResizeObserver(() => this.schedule());
        this.resizeObserver.observe(scroller);
        // Light to dark and back: the theme's colours change under the canvas, so draw it again.
        this.themeObserver = new MutationObserver(() => { this.colors = null; this.schedule(); });
        this.themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    }

    setFrame(f) {
        this.frame = {
            mode: f.mode,
            fromMs: f.fromMs,
            toMs: Math.max(f.fromMs + 1, f.toMs),
            endMs: f.endMs,
            contentHeight: f.contentHeight,
            ticks: int32s(f.ticks),
            tickLabels: f.tickLabels || [],
            batchStarts: int32s(f.batchStarts),
            batchBackward: bytesOf(f.batchBackward),
            statusStarts: int32s(f.statusStarts),
            statusTones: bytesOf(f.statusTones),
            markMs: int32s(f.markMs),
            pulseMs: int32s(f.pulseMs),
            lanes: f.lanes,
            sampleMs: int32s(f.sampleMs),
            counts: int32s(f.counts),
            laneTotals: int32s(f.laneTotals),
            ids: int32s(f.ids),
            offsets: int32s(f.offsets),
            starts: int32s(f.starts),
            phases: bytesOf(f.phases),
        };
        this.sizer.style.height = `${f.contentHeight}px`;
        this.body.dataset.rows = String(f.mode === OVERVIEW ? f.lanes : this.frame.ids.length);
        this.hide();
        this.schedule();
    }

    dispose() {
        cancelAnimationFrame(this.raf);
        clearTimeout(this.timer);
        this.raf = 0;
        this.pending = null;
        this.resizeObserver.disconnect();
        this.themeObserver.disconnect();
        for (const [target, type, listener] of this.listeners) target.removeEventListener(type, listener);
        this.hide();
    }

    // ---------------------------------------------------------------- geometry (see TimelineLayout.cs)

    x(ms) {
        const f = this.frame;
        const left = this.o.labelWidth;
        const plot = Math.max(1, this.width - this.o.rightPad - left);
        return left + (ms - f.fromMs) * plot / (f.toMs - f.fromMs);
    }

    plotRight() {
        return Math.max(this.o.labelWidth + 1, this.width - this.o.rightPad);
    }

    // ---------------------------------------------------------------- drawing

    schedule() {
        if (!this.raf) this.raf = requestAnimationFrame(() => { this.raf = 0; this.paint(); });
    }

    size(canvas, width, height) {
        canvas.style.width = `${width}px`;
        canvas.style.height = `${height}px`;
        const w = Math.max(1, Math.round(width * this.dpr));
        const h = Math.max(1, Math.round(height * this.dpr));
        if (canvas.width !== w) canvas.width = w;
        if (canvas.height !== h) canvas.height = h;
    }

    // Theme colours are CSS variables; a canvas needs real colours, so the browser resolves each one.
    resolveColors() {
        const style = this.head.style;
        const saved = style.color;
        const resolve = css => {
            style.color = '';
            style.color = css;
            return getComputedStyle(this.head).color;
        };
        this.colors = {
            phases: this.o.phases.map(resolve),
            statuses: this.o.statuses.map(resolve),
            text: resolve('var(--mud-palette-text-secondary)'),
            line: resolve('var(--mud-palette-lines-default)'),
            operator: resolve('var(--mud-palette-primary)'),
            pulse: resolve('var(--mud-palette-info)'),
            back: resolve('var(--rollout-phase-rolling-back)'),
        };
        style.color = saved;
    }

    paint() {
        if (!this.frame) return;
        if (!this.colors) this.resolveColors();
        this.dpr = window.devicePixelRatio || 1;
        this.width = this.scroller.clientWidth;
        this.bodyHeight = Math.min(this.frame.contentHeight, this.scroller.clientHeight || this.frame.contentHeight);
        this.size(this.head, this.width, this.o.marksTop + this.o.marksHeight);
        this.size(this.body, this.width, this.bodyHeight);
        paintHead(this);
        paintBody(this);
    }

    // ---------------------------------------------------------------- pointer

    onMove(part, e) {
        if (!this.frame) return;
        const y = part === 1 ? e.offsetY + this.scroller.scrollTop : e.offsetY;
        this.pointer = { clientX: e.clientX, clientY: e.clientY };
        this.pending = { part, x: e.offsetX, y };
        if (!this.tooltip.hidden) this.place();
        this.kick();
    }

    onClick(e) {
        if (!this.frame) return;
        this.ref.invokeMethodAsync('Pick', e.offsetY + this.scroller.scrollTop).catch(() => {
            // The component is gone; nothing to pick.
        });
    }

    // At most one question in flight and one per interval; only the latest point matters.
    kick() {
        if (this.busy || this.timer || !this.pending) return;
        const wait = Math.max(0, this.lastAsk + TOOLTIP_INTERVAL_MS - performance.now());
        this.timer = setTimeout(() => { this.timer = 0; this.ask(); }, wait);
    }

    async ask() {
        const job = this.pending;
        this.pending = null;
        if (!job) return;
        this.busy = true;
        this.lastAsk = performance.now();
        try {
            const text = await this.ref.invokeMethodAsync('Describe', job.part, job.x, job.y, this.width);
            if (this.pointer) {
                this.tooltip.textContent = text;
                this.tooltip.hidden = !text;
                this.place();
            }
        } catch {
            // The component is gone or busy; the next move asks again.
        } finally {
            this.busy = false;
            this.kick();
        }
    }

    hide() {
        this.pointer = null;
        this.pending = null;
        if (this.tooltip) this.tooltip.hidden = true;
    }

    place() {
        if (!this.pointer) return;
        const box = this.tooltip;
        const { clientX, clientY } = this.pointer;
        let left = clientX + TOOLTIP_OFFSET;
        let top = clientY + TOOLTIP_OFFSET;
        if (left + box.offsetWidth > window.innerWidth - 4) left = Math.max(4, clientX - TOOLTIP_OFFSET - box.offsetWidth);
        if (top + box.offsetHeight > window.innerHeight - 4) top = Math.max(4, clientY - TOOLTIP_OFFSET - box.offsetHeight);
        box.style.left = `${left}px`;
        box.style.top = `${top}px`;
    }
}
