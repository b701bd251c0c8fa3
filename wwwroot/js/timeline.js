// The update timeline's canvases. The Blazor component (src/Client/Components/Insight/TimelineView.razor.cs)
// sends one frame of compact arrays per change; this script only draws. Hit tests live in .NET
// (TimelineLayout.cs): hovers and clicks go back as points, tooltips come back as text.
//
// Geometry must match TimelineLayout.cs: a plot from `labelWidth` to `width - rightPad` mapping the
// frame's [fromMs, toMs]; lanes or rows stacked at `lanePitch` / `rowPitch` in the body, which scrolls
// inside its box while its canvas stays in view (sticky) and draws only the rows showing.
'use strict';

const OVERVIEW = 0;
const WAITING = 0;
const TOOLTIP_INTERVAL_MS = 50;
const TOOLTIP_OFFSET = 14;
const FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

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
        this.paintHead();
        this.paintBody();
    }

    paintHead() {
        const f = this.frame;
        const o = this.o;
        const c = this.colors;
        const ctx = this.head.getContext('2d');
        const right = this.plotRight();
        ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
        ctx.clearRect(0, 0, this.width, o.marksTop + o.marksHeight);
        ctx.font = FONT;
        ctx.fillStyle = c.text;
        ctx.textBaseline = 'alphabetic';
        ctx.textAlign = 'right';
        ctx.fillText('status', o.labelWidth - 6, o.bandTop + o.bandHeight);
        ctx.fillText('batches, events', o.labelWidth - 6, o.marksTop + 12);

        // Axis: a tick per round instant; labels skip where they would overlap, "now" wins at the end.
        ctx.strokeStyle = c.line;
        ctx.lineWidth = 1;
        ctx.beginPath();
        for (const t of f.ticks) {
            const x = Math.round(this.x(t)) + 0.5;
            ctx.moveTo(x, o.axisHeight - 4);
            ctx.lineTo(x, o.axisHeight);
        }
        ctx.stroke();
        ctx.textAlign = 'center';
        const nowAtEnd = f.toMs >= f.endMs;
        const nowLeft = nowAtEnd ? right - ctx.measureText('now').width - 4 : Infinity;
        let lastRight = -Infinity;
        for (let i = 0; i < f.ticks.length; i++) {
            const label = f.tickLabels[i] ?? '';
            const x = this.x(f.ticks[i]);
            const half = ctx.measureText(label).width / 2;
            if (x - half < lastRight + 6 || x + half > nowLeft || x - half < o.labelWidth - 8) continue;
            ctx.fillText(label, x, o.axisHeight - 6);
            lastRight = x + half;
        }
        if (nowAtEnd) {
            ctx.textAlign = 'right';
            ctx.fillText('now', right, o.axisHeight - 6);
        }

        this.clipPlot(ctx, 0, o.marksTop + o.marksHeight, () => {
            for (let s = 0; s < f.statusStarts.length; s++) {
                const end = s + 1 < f.statusStarts.length ? f.statusStarts[s + 1] : f.endMs;
                ctx.fillStyle = c.statuses[f.statusTones[s]] ?? c.line;
                const x0 = this.x(f.statusStarts[s]);
                ctx.fillRect(x0, o.bandTop, Math.max(1, this.x(end) - x0), o.bandHeight);
            }
            const top = o.marksTop;
            const bottom = o.marksTop + o.marksHeight;
            for (let b = 0; b < f.batchStarts.length; b++) {
                const x = Math.round(this.x(f.batchStarts[b])) + 0.5;
                const backward = f.batchBackward[b] === 1;
                ctx.strokeStyle = backward ? c.back : c.text;
                ctx.setLineDash(backward ? [2, 2] : []);
                ctx.beginPath();
                ctx.moveTo(x, top + 2);
                ctx.lineTo(x, bottom);
                ctx.stroke();
            }
            ctx.setLineDash([]);
            ctx.fillStyle = c.pulse;
            for (const p of f.pulseMs) {
                ctx.beginPath();
                ctx.arc(this.x(p), bottom - 4, 2.5, 0, 2 * Math.PI);
                ctx.fill();
            }
            // Operator actions: a small flag on a pole.
            ctx.fillStyle = c.operator;
            ctx.strokeStyle = c.operator;
            for (const m of f.markMs) {
                const x = Math.round(this.x(m)) + 0.5;
                ctx.beginPath();
                ctx.moveTo(x, bottom);
                ctx.lineTo(x, top);
                ctx.stroke();
                ctx.beginPath();
                ctx.moveTo(x, top);
                ctx.lineTo(x + 7, top + 3);
                ctx.lineTo(x, top + 6);
                ctx.fill();
            }
        });
    }

    paintBody() {
        const f = this.frame;
        const ctx = this.body.getContext('2d');
        const scrollTop = this.scroller.scrollTop;
        const height = this.bodyHeight;
        ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
        ctx.clearRect(0, 0, this.width, height);
        // Draw in content coordinates: y is from the top of the first lane or row, scrolling included.
        ctx.translate(0, -scrollTop);
        const pitch = f.mode === OVERVIEW ? this.o.lanePitch : this.o.rowPitch;
        const count = f.mode === OVERVIEW ? f.lanes : f.ids.length;
        const first = Math.max(0, Math.floor(scrollTop / pitch));
        const last = Math.min(count, Math.ceil((scrollTop + height) / pitch));
        if (f.mode === OVERVIEW) this.paintLanes(ctx, first, last);
        else this.paintRows(ctx, first, last);
        this.paintRules(ctx, scrollTop, height);
    }

    clipPlot(ctx, top, height, paint) {
        ctx.save();
        ctx.beginPath();
        ctx.rect(this.o.labelWidth, top, this.plotRight() - this.o.labelWidth, height);
        ctx.clip();
        paint();
        ctx.restore();
    }

    // Each lane is a stacked column per sample: phase shares of its instances, bottom to top in stack order.
    paintLanes(ctx, first, last) {
        const f = this.frame;
        const o = this.o;
        const samples = f.sampleMs.length;
        const phases = o.phases.length;
        const xs = new Float64Array(samples + 1);
        xs[0] = this.x(0);
        for (let s = 0; s < samples; s++) xs[s + 1] = this.x(f.sampleMs[s]);
        const stacked = new Float64Array(samples);
        this.clipPlot(ctx, first * o.lanePitch, (last - first) * o.lanePitch, () => {
            for (let lane = first; lane < last; lane++) {
                const total = f.laneTotals[lane];
                if (!(total > 0)) continue;
                const bottom = lane * o.lanePitch + o.laneHeight;
                const scale = o.laneHeight / total;
                stacked.fill(0);
                for (const phase of this.stackOrder) {
                    ctx.fillStyle = this.colors.phases[phase];
                    for (let s = 0; s < samples; s++) {
                        const n = f.counts[(lane * samples + s) * phases + phase];
                        if (!n) continue;
                        const h = n * scale;
                        // Half a pixel wider: neighbouring columns must not leave hairlines between them.
                        ctx.fillRect(xs[s], bottom - stacked[s] - h, xs[s + 1] - xs[s] + 0.5, h);
                        stacked[s] += h;
                    }
                }
            }
        });
    }

    // One bar per instance: its id on the left, then its segments, each lasting until the next or the end.
    paintRows(ctx, first, last) {
        const f = this.frame;
        const o = this.o;
        const rects = this.colors.phases.map(() => []);
        ctx.font = FONT;
        ctx.textAlign = 'right';
        ctx.textBaseline = 'middle';
        ctx.fillStyle = this.colors.text;
        for (let row = first; row < last; row++) {
            const top = row * o.rowPitch;
            ctx.fillText(`#${f.ids[row]}`, o.labelWidth - 6, top + o.rowHeight / 2);
            const end = f.offsets[row + 1];
            for (let k = f.offsets[row]; k < end; k++) {
                const to = k + 1 < end ? f.starts[k + 1] : f.endMs;
                if (to < f.fromMs || f.starts[k] > f.toMs) continue;
                (rects[f.phases[k]] ?? rects[WAITING]).push(this.x(f.starts[k]), top, this.x(to));
            }
        }
        this.clipPlot(ctx, first * o.rowPitch, (last - first) * o.rowPitch, () => {
            for (let p = 0; p < rects.length; p++) {
                const list = rects[p];
                if (list.length === 0) continue;
                ctx.fillStyle = this.colors.phases[p];
                for (let i = 0; i < list.length; i += 3) ctx.fillRect(list[i], list[i + 1], Math.max(1, list[i + 2] - list[i]), o.rowHeight);
            }
        });
    }

    // Across the body: paused time shaded, batch starts and operator actions as thin rules.
    paintRules(ctx, top, height) {
        const f = this.frame;
        const c = this.colors;
        this.clipPlot(ctx, top, height, () => {
            ctx.globalAlpha = 0.14;
            ctx.fillStyle = c.statuses[this.o.pausedTone] ?? c.line;
            for (let s = 0; s < f.statusStarts.length; s++) {
                if (f.statusTones[s] !== this.o.pausedTone) continue;
                const end = s + 1 < f.statusStarts.length ? f.statusStarts[s + 1] : f.endMs;
                const x0 = this.x(f.statusStarts[s]);
                ctx.fillRect(x0, top, Math.max(1, this.x(end) - x0), height);
            }
            ctx.globalAlpha = 0.35;
            ctx.lineWidth = 1;
            for (let b = 0; b < f.batchStarts.length; b++) {
                const backward = f.batchBackward[b] === 1;
                ctx.strokeStyle = backward ? c.back : c.text;
                ctx.setLineDash(backward ? [3, 3] : []);
                this.rule(ctx, f.batchStarts[b], top, height);
            }
            ctx.globalAlpha = 0.6;
            ctx.strokeStyle = c.operator;
            ctx.setLineDash([4, 3]);
            for (const m of f.markMs) this.rule(ctx, m, top, height);
            ctx.setLineDash([]);
            ctx.globalAlpha = 1;
        });
    }

    rule(ctx, ms, top, height) {
        const x = Math.round(this.x(ms)) + 0.5;
        ctx.beginPath();
        ctx.moveTo(x, top);
        ctx.lineTo(x, top + height);
        ctx.stroke();
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
