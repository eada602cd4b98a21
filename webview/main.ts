// Entry point of the experiment panel: validates host messages, keeps and persists the state, draws on animation frames.
// First: the translations must be installed before any text is made.
import './locale';
import * as l10n from '@vscode/l10n';
import { emptyPanelState, reducePanel } from '../src/shared/panelState';
import type { PanelState } from '../src/shared/protocol';
import { isHostToWebview, isPanelState } from '../src/shared/guards';
import { CostChart } from './costChart';
import { el, setHidden, setText } from './dom';
import { baseName } from './format';
import type { DistributionMode } from './distributionMode';
import { DISTRIBUTION_MODES, isDistributionMode } from './distributionMode';
import { FrameBudget } from './frameBudget';
import { PacedDraw, observeOnScreen } from './pacedDraw';
import { Header } from './header';
import { PersistThrottle, persistsAtOnce } from './persistence';
import { composePng } from './pngExport';
import { RunCard } from './runCard';
import { SweepCharts } from './sweepChart';
import css from './styles.css';
import { readTheme, watchTheme } from './theme';
import { acquireApi } from './vscodeApi';

/** What the webview persists: the panel state (what the host's serializer reads) plus view preferences. */
type Persisted = PanelState & { webviewUi?: { logScale: boolean; distribution?: DistributionMode } };

const api = acquireApi<Persisted>();

/** The share of the main thread the panel's drawing may use (see FrameBudget). */
const DRAW_SHARE = 0.25;
/**
 * At most this many redraws a second: a run sends 15 snapshots a second (initLab.snapshotsPerSecond's default), so
 * faster redraws would show the runs' updates one by one on separate frames, each a full frame of work, none fresher.
 */
const MAX_FRAMES_PER_SECOND = 15;
/**
 * Parts within this many px of the viewport count as on screen: 0, only what shows (a part scrolled to is drawn on
 * the next frame; a 200 px margin drew the cards' per-layer charts just below a 900 px viewport on every update).
 */
const ON_SCREEN_MARGIN = 0;

/** More runs than this show as compact cards (the signal flow and weights fold away). */
const COMPACT_ABOVE = 6;

// Registered before anything else so a violation caused by our own setup is reported too.
document.addEventListener('securitypolicyviolation', (e) => {
  api.postMessage({ kind: 'cspViolation', directive: e.violatedDirective, blockedUri: e.blockedURI });
});

// A constructed stylesheet needs no nonce and no 'unsafe-inline' under the panel's CSP.
const sheet = new CSSStyleSheet();
sheet.replaceSync(css);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

let theme = readTheme();

const restored = api.getState();
let state: PanelState = isPanelState(restored) ? restored : emptyPanelState('');
const restoredUi = isPanelState(restored) ? (restored as Persisted).webviewUi : undefined;
let logScale = restoredUi?.logScale === true;
/** What every card's per-layer charts show: one choice for the panel, so runs compare side by side. */
let distribution: DistributionMode = isDistributionMode(restoredUi?.distribution)
  ? restoredUi.distribution
  : DISTRIBUTION_MODES[0];

function chooseDistribution(mode: DistributionMode): void {
  distribution = mode;
  for (const c of cards) c.setMode(mode);
  persistence.request(true);
}

const header = new Header({ post: (m) => api.postMessage(m), savePng });
const costChart = new CostChart(theme, logScale, (on) => {
  logScale = on;
  persistence.request(true);
});
const empty = el('p', { className: 'empty' });
const cardsRoot = el('section', { className: 'cards', attrs: { 'aria-label': l10n.t('Runs') } });
let cards: RunCard[] = [];
let cardKey = '';
const onScreen = observeOnScreen(ON_SCREEN_MARGIN);

const app = document.getElementById('app') ?? document.body;
// A sweep's point (a click, or Enter) brings its run's card into view, and the keyboard's focus goes with it.
const sweeps = new SweepCharts(theme, (runIndex) => {
  const card = cards[runIndex]?.root;
  if (!card) return;
  card.tabIndex = -1;
  card.scrollIntoView({ behavior: 'smooth', block: 'start' });
  card.focus({ preventScroll: true });
});
app.replaceChildren(el('main', { className: 'panel' }, [header.root, empty, costChart.root, sweeps.root, cardsRoot]));

// ------------------------------------------------------------------ drawing, coalesced per animation frame

let frame = 0;
/** The state changed since the last redraw. */
let dirty = true;
/** A paced part may be due (its interval passed, or it scrolled into view). */
let partsDue = true;
let forceAll = true;
let frames = 0;

/** Drawing may take at most a quarter of the main thread; the rest stays free for hover, scrolling and typing. */
const budget = new FrameBudget(DRAW_SHARE, 1000 / MAX_FRAMES_PER_SECOND);
let waiting: ReturnType<typeof setTimeout> | undefined;
/** The wake-up of a paced part still within its interval. */
let partsTimer: ReturnType<typeof setTimeout> | undefined;

function wake(): void {
  partsDue = true;
  schedule();
}

// The cost chart is paced too (interval 0): scrolled away to the cards, it waits instead of redrawing unseen.
const costDraw = new PacedDraw(() => costChart.update(state.runs, state.totalIterations, state.previous), 0);
costDraw.watch(onScreen, costChart.root, wake);

/** Tests (and curious readers) see whether a redraw is still to come: `data-pending` on the body. */
function markPending(pending: boolean): void {
  document.body.dataset.pending = pending ? '1' : '0';
}

function schedule(): void {
  // Hidden panels draw nothing; 'visibilitychange' redraws everything when they are shown again.
  if (frame || waiting !== undefined || document.visibilityState === 'hidden') return;
  markPending(true);
  const wait = budget.delay(performance.now());
  if (wait > 0) {
    waiting = setTimeout(() => {
      waiting = undefined;
      schedule();
    }, wait);
    return;
  }
  frame = requestAnimationFrame(() => {
    frame = 0;
    if (!dirty && !partsDue) {
      markPending(false);
      return;
    }
    const start = performance.now();
    if (dirty) render(forceAll);
    dirty = false;
    forceAll = false;
    partsDue = false;
    const next = drawParts(start);
    markPending(next < Number.POSITIVE_INFINITY);
    budget.record(start, performance.now());
  });
}

/** Draws the paced parts that are due; returns ms until the next one still owed on screen (Infinity: none). */
function drawParts(now: number): number {
  let next = costDraw.run(now);
  for (const c of cards) next = Math.min(next, c.drawDue(now));
  if (partsTimer !== undefined) clearTimeout(partsTimer);
  partsTimer = next < Number.POSITIVE_INFINITY ? setTimeout(wake, next) : undefined;
  return next;
}

function render(force: boolean): void {
  header.update(state);
  const hasRuns = state.runs.length > 0;
  setHidden(costChart.root, !hasRuns);
  setHidden(empty, hasRuns);
  setText(empty, emptyText(state));
  syncCards();
  costDraw.request();
  sweeps.update(state.runs);
  const ctx = { train: state.train, test: state.test, totalIterations: state.totalIterations, status: state.status };
  state.runs.forEach((run, i) => {
    if (force) cards[i].redraw();
    cards[i].update(run, { ...ctx, previous: state.previous?.[run.info.name] });
  });
  // Many runs (a sweep) stay readable as small multiples: boundary, numbers and verdict, details on demand.
  cardsRoot.classList.toggle('compact', state.runs.length > COMPACT_ABOVE);
  document.title = `${state.experimentName || baseName(state.file) || 'Init Lab'}`;
  // Redraws of the state (a paced part catching up later is not counted): tests and the bench read it.
  document.body.dataset.frames = String(++frames);
}

function emptyText(s: PanelState): string {
  switch (s.status) {
    case 'invalid':
      return s.message || l10n.t('The experiment file is not valid; fix the problems shown in the editor.');
    case 'error':
      return s.message || l10n.t('Training failed.');
    case 'running':
      return l10n.t('Starting…');
    case 'idle':
    case 'done':
    case 'stopped':
      return l10n.t('No results yet. Run the experiment to watch it train.');
  }
}

/** Cards are rebuilt only when the list of runs changes (a new experiment), not on every update. */
function syncCards(): void {
  const key = state.runs.map((r) => `${r.info.name}\u0000${r.info.initLabel}`).join('\u0001');
  if (key === cardKey && cards.length === state.runs.length) return;
  cardKey = key;
  for (const c of cards) c.destroy();
  cards = state.runs.map((_, i) => new RunCard(i, theme, distribution, chooseDistribution, { onScreen, wake }));
  cardsRoot.replaceChildren(...cards.map((c) => c.root));
}

// ------------------------------------------------------------------ persistence

const persistence = new PersistThrottle(() => api.setState({ ...state, webviewUi: { logScale, distribution } }), {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
});

// ------------------------------------------------------------------ events

window.addEventListener('message', (e: MessageEvent<unknown>) => {
  const msg = e.data;
  if (!isHostToWebview(msg)) {
    console.warn('Init Lab: ignored an invalid message from the host', msg);
    return;
  }
  state = reducePanel(state, msg);
  if (msg.kind === 'snapshot') forceAll = true;
  dirty = true;
  schedule();
  persistence.request(persistsAtOnce(msg.kind));
});

document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') return;
  dirty = true;
  forceAll = true;
  schedule();
});

watchTheme(() => {
  theme = readTheme();
  costChart.setTheme(theme);
  sweeps.setTheme(theme, state.runs);
  for (const c of cards) c.setTheme(theme);
});

function savePng(): void {
  // Parts scrolled away, or within their interval, may still show an older state: the image shows the latest.
  const now = performance.now();
  costDraw.flush(now);
  for (const c of cards) c.flush(now);
  const dataUrl = composePng(
    state,
    costChart,
    cards.map((c) => c.heatmap),
    theme,
    cards.map((c) => c.signal),
    cards.map((c) => c.distributionFigures),
  );
  if (dataUrl) api.postMessage({ kind: 'savePng', dataUrl });
}

schedule();
api.postMessage({ kind: 'ready' });
