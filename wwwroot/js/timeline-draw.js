// Drawing for the timeline's canvases (see timeline.js, which owns the state, sizes the canvases and
// resolves the theme's colours first). Each function takes the timeline `t` and paints one part.
// Geometry must match TimelineLayout.cs: t.x(ms) maps the frame's window onto the plot.
'use strict';

const OVERVIEW = 0;
const WAITING = 0;
const FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export function paintHead(t) {
    const f = t.frame;
    const o = t.o;
    const c = t.colors;
    const ctx = t.head.getContext('2d');
    const right = t.plotRight();
    ctx.setTransform(t.dpr, 0, 0, t.dpr, 0, 0);
    ctx.clearRect(0, 0, t.width, o.marksTop + o.marksHeight);
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
    for (const tick of f.ticks) {
        const x = Math.round(t.x(tick)) + 0.5;
        ctx.moveTo(x, o.axisHeight - 4);
        ctx.lineTo(x, o.axisHeight);
    }
    ctx.stroke();
    ctx.textAlign = 'center';
    const nowAtEnd = f.toMs >= f.endMs;
    const nowLeft = nowAtEnd ? right - ctx.measureText('now').width - 4 : t.width - 2;
    let lastRight = -Infinity;
    for (let i = 0; i < f.ticks.length; i++) {
        const label = f.tickLabels[i] ?? '';
        const x = t.x(f.ticks[i]);
        const half = ctx.measureText(label).width / 2;
        if (x - half < lastRight + 6 || x + half > nowLeft || x - half < o.labelWidth - 8) continue;
        ctx.fillText(label, x, o.axisHeight - 6);
        lastRight = x + half;
    }
    if (nowAtEnd) {
        ctx.textAlign = 'right';
        ctx.fillText('now', right, o.axisHeight - 6);
    }

    clipPlot(t, ctx, 0, o.marksTop + o.marksHeight, () => {
        for (let s = 0; s < f.statusStarts.length; s++) {
            const end = s + 1 < f.statusStarts.length ? f.statusStarts[s + 1] : f.endMs;
            ctx.fillStyle = c.statuses[f.statusTones[s]] ?? c.line;
            const x0 = t.x(f.statusStarts[s]);
            ctx.fillRect(x0, o.bandTop, Math.max(1, t.x(end) - x0), o.bandHeight);
        }
        const top = o.marksTop;
        const bottom = o.marksTop + o.marksHeight;
        for (let b = 0; b < f.batchStarts.length; b++) {
            const x = Math.round(t.x(f.batchStarts[b])) + 0.5;
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
            ctx.arc(t.x(p), bottom - 4, 2.5, 0, 2 * Math.PI);
            ctx.fill();
        }
        // Operator actions: a small flag on a pole.
        ctx.fillStyle = c.operator;
        ctx.strokeStyle = c.operator;
        for (const m of f.markMs) {
            const x = Math.round(t.x(m)) + 0.5;
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

export function paintBody(t) {
    const f = t.frame;
    const ctx = t.body.getContext('2d');
    const scrollTop = t.scroller.scrollTop;
    const height = t.bodyHeight;
    ctx.setTransform(t.dpr, 0, 0, t.dpr, 0, 0);
    ctx.clearRect(0, 0, t.width, height);
    // Draw in content coordinates: y is from the top of the first lane or row, scrolling included.
    ctx.translate(0, -scrollTop);
    const pitch = f.mode === OVERVIEW ? t.o.lanePitch : t.o.rowPitch;
    const count = f.mode === OVERVIEW ? f.lanes : f.ids.length;
    const first = Math.max(0, Math.floor(scrollTop / pitch));
    const last = Math.min(count, Math.ceil((scrollTop + height) / pitch));
    if (f.mode === OVERVIEW) paintLanes(t, ctx, first, last);
    else paintRows(t, ctx, first, last);
    paintRules(t, ctx, scrollTop, height);
}

function clipPlot(t, ctx, top, height, paint) {
    ctx.save();
    ctx.beginPath();
    ctx.rect(t.o.labelWidth, top, t.plotRight() - t.o.labelWidth, height);
    ctx.clip();
    paint();
    ctx.restore();
}

// Each lane is a stacked column per sample: phase shares of its instances, bottom to top in stack order.
function paintLanes(t, ctx, first, last) {
    const f = t.frame;
    const o = t.o;
    const samples = f.sampleMs.length;
    const phases = o.phases.length;
    // Column edges snapped to device pixels: neighbours then meet exactly, with neither hairline gaps
    // nor overlaps that would darken the translucent waiting colour.
    const snap = x => Math.round(x * t.dpr) / t.dpr;
    const xs = new Float64Array(samples + 1);
    xs[0] = snap(t.x(0));
    for (let s = 0; s < samples; s++) xs[s + 1] = snap(t.x(f.sampleMs[s]));
    const stacked = new Float64Array(samples);
    clipPlot(t, ctx, first * o.lanePitch, (last - first) * o.lanePitch, () => {
        for (let lane = first; lane < last; lane++) {
            const total = f.laneTotals[lane];
            if (!(total > 0)) continue;
            const bottom = lane * o.lanePitch + o.laneHeight;
            const scale = o.laneHeight / total;
            stacked.fill(0);
            for (const phase of t.stackOrder) {
                ctx.fillStyle = t.colors.phases[phase];
                for (let s = 0; s < samples; s++) {
                    const n = f.counts[(lane * samples + s) * phases + phase];
                    if (!n || xs[s + 1] <= xs[s]) continue;
                    const h = n * scale;
                    ctx.fillRect(xs[s], bottom - stacked[s] - h, xs[s + 1] - xs[s], h);
                    stacked[s] += h;
                }
            }
        }
    });
}

// One bar per instance: its id on the left, then its segments, each lasting until the next or the end.
function paintRows(t, ctx, first, last) {
    const f = t.frame;
    const o = t.o;
    const rects = t.colors.phases.map(() => []);
    ctx.font = FONT;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    ctx.fillStyle = t.colors.text;
    for (let row = first; row < last; row++) {
        const top = row * o.rowPitch;
        ctx.fillText(`#${f.ids[row]}`, o.labelWidth - 6, top + o.rowHeight / 2);
        const end = f.offsets[row + 1];
        for (let k = f.offsets[row]; k < end; k++) {
            const to = k + 1 < end ? f.starts[k + 1] : f.endMs;
            if (to < f.fromMs || f.starts[k] > f.toMs) continue;
            (rects[f.phases[k]] ?? rects[WAITING]).push(t.x(f.starts[k]), top, t.x(to));
        }
    }
    clipPlot(t, ctx, first * o.rowPitch, (last - first) * o.rowPitch, () => {
        for (let p = 0; p < rects.length; p++) {
            const list = rects[p];
            if (list.length === 0) continue;
            ctx.fillStyle = t.colors.phases[p];
            for (let i = 0; i < list.length; i += 3) ctx.fillRect(list[i], list[i + 1], Math.max(1, list[i + 2] - list[i]), o.rowHeight);
        }
    });
}

// Across the body: paused time shaded, batch starts and operator actions as thin rules.
function paintRules(t, ctx, top, height) {
    const f = t.frame;
    const c = t.colors;
    clipPlot(t, ctx, top, height, () => {
        ctx.globalAlpha = 0.14;
        ctx.fillStyle = c.statuses[t.o.pausedTone] ?? c.line;
        for (let s = 0; s < f.statusStarts.length; s++) {
            if (f.statusTones[s] !== t.o.pausedTone) continue;
            const end = s + 1 < f.statusStarts.length ? f.statusStarts[s + 1] : f.endMs;
            const x0 = t.x(f.statusStarts[s]);
            ctx.fillRect(x0, top, Math.max(1, t.x(end) - x0), height);
        }
        ctx.globalAlpha = 0.2;
        ctx.lineWidth = 1;
        for (let b = 0; b < f.batchStarts.length; b++) {
            const backward = f.batchBackward[b] === 1;
            ctx.strokeStyle = backward ? c.back : c.text;
            ctx.setLineDash(backward ? [3, 3] : []);
            rule(t, ctx, f.batchStarts[b], top, height);
        }
        ctx.globalAlpha = 0.6;
        ctx.strokeStyle = c.operator;
        ctx.setLineDash([4, 3]);
        for (const m of f.markMs) rule(t, ctx, m, top, height);
        ctx.setLineDash([]);
        ctx.globalAlpha = 1;
    });
}

function rule(t, ctx, ms, top, height) {
    const x = Math.round(t.x(ms)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
}
