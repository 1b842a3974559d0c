'use strict';
// A hand-written SVG chart: panels of line series against N on a log-scale x axis.
// No chart library: polylines, axes with ticks, labels and a legend.

const COLORS = {
  library: '#1f77b4',
  raw: '#7f7f7f',
  plus: '#d62728',
  checks: '#2ca02c',
};

function esc(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function fmtN(n) {
  return n >= 1000 ? `${n / 1000}k` : String(n);
}

function fmtY(v) {
  if (v === 0) return '0';
  if (v >= 100) return v.toFixed(0);
  if (v >= 10) return v.toFixed(1).replace(/\.0$/, '');
  return v.toFixed(2).replace(/0+$/, '').replace(/\.$/, '');
}

/** "Nice" linear ticks covering [min(0, lo), hi]. */
function niceTicks(lo, hi, count = 5) {
  const from = Math.min(0, lo);
  const span = hi - from;
  if (!(span > 0)) return [from, from + 1];
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map(m => m * mag).find(x => x >= raw);
  const ticks = [];
  for (let v = Math.floor(from / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(+v.toFixed(10));
  if (ticks[ticks.length - 1] < hi) ticks.push(+(ticks[ticks.length - 1] + step).toFixed(10));
  return ticks;
}

/**
 * One panel. series: [{ name, color, points: [[n, y], ...] }]; empty series draw a note instead.
 */
function panel({ x, y, w, h, title, yLabel, xLabel, series, note }) {
  const out = [];
  const m = { l: 62, r: 14, t: 30, b: 46 };
  const pw = w - m.l - m.r;
  const ph = h - m.t - m.b;
  out.push(`<g transform="translate(${x},${y})">`);
  out.push(`<text x="${w / 2}" y="18" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>`);
  out.push(`<rect x="${m.l}" y="${m.t}" width="${pw}" height="${ph}" fill="none" stroke="#333"/>`);
  const all = series.flatMap(s => s.points).filter(p => Number.isFinite(p[1]));
  if (all.length === 0) {
    out.push(`<text x="${m.l + pw / 2}" y="${m.t + ph / 2}" text-anchor="middle" font-size="12" fill="#666">${esc(note || 'no data')}</text>`);
    out.push('</g>');
    return out.join('\n');
  }
  const ns = [...new Set(all.map(p => p[0]))].sort((a, b) => a - b);
  let lx0 = Math.log10(ns[0]);
  let lx1 = Math.log10(ns[ns.length - 1]);
  if (lx1 - lx0 < 1e-9) { lx0 -= 0.5; lx1 += 0.5; }
  const pad = (lx1 - lx0) * 0.06;
  lx0 -= pad; lx1 += pad;
  const yTicks = niceTicks(Math.min(...all.map(p => p[1])), Math.max(...all.map(p => p[1])));
  const yMin = yTicks[0];
  const yMax = yTicks[yTicks.length - 1];
  const sx = n => m.l + ((Math.log10(n) - lx0) / (lx1 - lx0)) * pw;
  const sy = v => m.t + ph - ((v - yMin) / (yMax - yMin)) * ph;
  // grid and ticks
  for (const t of yTicks) {
    out.push(`<line x1="${m.l}" x2="${m.l + pw}" y1="${sy(t)}" y2="${sy(t)}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${m.l - 6}" y="${sy(t) + 4}" text-anchor="end" font-size="11">${fmtY(t)}</text>`);
  }
  for (let d = Math.ceil(lx0); d <= Math.floor(lx1); d++) {
    const n = 10 ** d;
    out.push(`<line x1="${sx(n)}" x2="${sx(n)}" y1="${m.t}" y2="${m.t + ph}" stroke="#f0f0f0"/>`);
  }
  for (const n of ns) {
    out.push(`<line x1="${sx(n)}" x2="${sx(n)}" y1="${m.t + ph}" y2="${m.t + ph + 5}" stroke="#333"/>`);
    out.push(`<text x="${sx(n)}" y="${m.t + ph + 18}" text-anchor="middle" font-size="11">${fmtN(n)}</text>`);
  }
  out.push(`<text x="${m.l + pw / 2}" y="${h - 8}" text-anchor="middle" font-size="12">${esc(xLabel)}</text>`);
  out.push(`<text transform="translate(14,${m.t + ph / 2}) rotate(-90)" text-anchor="middle" font-size="12">${esc(yLabel)}</text>`);
  // series
  series.forEach((s, i) => {
    const pts = s.points.filter(p => Number.isFinite(p[1])).sort((a, b) => a[0] - b[0]);
    if (pts.length === 0) return;
    out.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${pts.map(p => `${sx(p[0]).toFixed(1)},${sy(p[1]).toFixed(1)}`).join(' ')}"/>`);
    for (const p of pts) {
      out.push(`<circle cx="${sx(p[0]).toFixed(1)}" cy="${sy(p[1]).toFixed(1)}" r="3.2" fill="${s.color}"><title>${esc(`${s.name}, N=${p[0]}: ${fmtY(p[1])}`)}</title></circle>`);
    }
    // legend (top-left inside the plot)
    const ly = m.t + 14 + i * 16;
    out.push(`<line x1="${m.l + 10}" x2="${m.l + 30}" y1="${ly - 4}" y2="${ly - 4}" stroke="${s.color}" stroke-width="2"/>`);
    out.push(`<text x="${m.l + 36}" y="${ly}" font-size="11">${esc(s.name)}</text>`);
  });
  out.push('</g>');
  return out.join('\n');
}

/**
 * The bench chart: CPU time and peak RSS against N for the three variants, and the app-wide
 * checks' time against the MetalLB app's size.
 */
function benchSvg({ medians, ns, checksScaling, subtitle }) {
  const variants = [
    ['library', 'cdk8s-services'],
    ['raw', 'raw ApiObject'],
    ['plus', 'cdk8s-plus-28 Service'],
  ];
  const seriesOf = (field) => variants.map(([key, name]) => ({
    name,
    color: COLORS[key],
    points: ns.map(n => [n, field(medians[key]?.[n])]).filter(p => p[1] !== undefined),
  }));
  const W = 400;
  const H = 340;
  const parts = [
    panel({ x: 0, y: 40, w: W, h: H, title: 'CPU time per process', yLabel: 'CPU time, user+sys (ms, median)', xLabel: 'Services (N, log scale)',
      series: seriesOf(m => m?.cpuMs) }),
    panel({ x: W, y: 40, w: W, h: H, title: 'Peak memory per process', yLabel: 'peak RSS (MB, median)', xLabel: 'Services (N, log scale)',
      series: seriesOf(m => (m ? m.maxRssKb / 1024 : undefined)) }),
    panel({ x: 2 * W, y: 40, w: W, h: H, title: 'App-wide checks (MetalLB app)', yLabel: 'CPU time of the checks (ms, median)', xLabel: 'LoadBalancer Services (pools = N/10, log scale)',
      series: [
        { name: 'with checks - without', color: COLORS.checks, points: (checksScaling || []).filter(p => p.differenceCpuMs !== undefined).map(p => [p.services, p.differenceCpuMs]) },
        { name: 'app-wide computations, timed directly', color: '#9467bd', points: (checksScaling || []).filter(p => p.directCpuMs !== undefined).map(p => [p.services, p.directCpuMs]) },
      ],
      note: 'no data: the MetalLB program has not run' }),
  ];
  const width = 3 * W;
  const height = H + 50;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${width / 2}" y="20" text-anchor="middle" font-size="16" font-weight="bold">cdk8s-services synth benchmark</text>`,
    `<text x="${width / 2}" y="36" text-anchor="middle" font-size="11" fill="#555">${esc(subtitle || '')}</text>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}

module.exports = { benchSvg };
