// Correctly rounded ln, log1p, exp, sin and cos (double-double evaluation, one final rounding): NumPy/glibc parity,
// and the same bits in every JavaScript engine (V8's Math.exp/log differ between Node and Chromium builds).
//
// Why: NumPy's legacy gauss calls glibc's `log`, and NumPy's sin/cos fall back to glibc's (except where
// NumPy dispatches to AVX-512 SIMD code); glibc's results are correctly rounded except in rare cases
// (log: 130 of 157,195 polar-method inputs misrounded), while V8's Math.log/sin/cos (fdlibm ports) differ
// from them in about 3% of inputs. Evaluating to ~2^-100 relative and rounding once removes all but
// glibc's own rare misroundings.
//
// log: x = 2^k · m with m in [√½, √2); ln m = 2·atanh(s), s = (m−1)/(m+1), |s| ≤ 0.1716, summed as
// 2s·Σ s^(2j)/(2j+1) for j ≤ 22 (s^44/45 < 2^-112) in double-double; plus k·ln2 in double-double.
// sin/cos: r = x − k·π/2 with π/2 as three doubles and exact products, then Taylor series of sin r and
// cos r (|r| ≤ π/4) in double-double; |x| above 2^20 falls back to Math.sin / Math.cos.

const SPLITTER = 134217729; // 2^27 + 1, Veltkamp splitting for exact products without FMA
const SQRT2 = Math.SQRT2;
const SQRT_HALF = Math.SQRT1_2;
const LN2_HI = 0.6931471805599453; // ln 2 rounded to double (0x1.62e42fefa39efp-1)
const LN2_LO = 2.3190468138462996e-17; // ln 2 − LN2_HI rounded (0x1.abc9e3b39803fp-56)
const TERMS = 22;
const DD_TERMS = 11;

// Results of the double-double helpers: module scratch registers avoid allocating per call.
let rh = 0;
let rl = 0;

/** Exact product a·b = rh + rl. */
function twoProd(a: number, b: number): void {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  rh = p;
  rl = ah * bh - p + ah * bl + al * bh + al * bl;
}

/** Exact sum a + b = rh + rl. */
function twoSum(a: number, b: number): void {
  const s = a + b;
  const bb = s - a;
  rh = s;
  rl = a - (s - bb) + (b - bb);
}

/** (ah, al) + (bh, bl), renormalised. */
function ddAdd(ah: number, al: number, bh: number, bl: number): void {
  twoSum(ah, bh);
  const sh = rh;
  const se = rl;
  twoSum(al, bl);
  const th = rh;
  const te = rl;
  let e = se + th;
  twoSum(sh, e);
  const h = rh;
  e = rl + te;
  twoSum(h, e);
}

/** (ah, al) · (bh, bl), renormalised. */
function ddMul(ah: number, al: number, bh: number, bl: number): void {
  twoProd(ah, bh);
  const p = rh;
  const e = rl + (ah * bl + al * bh);
  twoSum(p, e);
}

/** (ah, al) / b for a small exact integer b, to double-double. */
function ddDivSmall(ah: number, al: number, b: number): void {
  const q = ah / b;
  twoProd(q, b);
  const rem = ah - rh - rl + al;
  twoSum(q, rem / b);
}

// 1/(2j+1) as double-doubles, j = 0..TERMS.
const COEF_HI = new Float64Array(TERMS + 1);
const COEF_LO = new Float64Array(TERMS + 1);
for (let j = 0; j <= TERMS; j++) {
  const q = 2 * j + 1;
  const hi = 1 / q;
  twoProd(hi, q);
  // 1 − hi·q is exact here (Sterbenz: hi·q ≈ 1), so lo carries the rest of 1/q.
  COEF_HI[j] = hi;
  COEF_LO[j] = (1 - rh - rl) / q;
}

const bits = new DataView(new ArrayBuffer(8));

/** ln(1 + f) = 2·atanh(f / (2 + f)) into (rh, rl), for an exact f with 1 + f in [√½, √2]. */
function log1pSeries(f: number): void {
  twoSum(2, f);
  const dh = rh;
  const dl = rl;
  // s = f / (dh + dl) to double-double: one correction step of the quotient.
  const sh = f / dh;
  twoProd(sh, dh);
  const sl = (f - rh - rl - sh * dl) / dh;
  twoSum(sh, sl);
  const s0 = rh;
  const s1 = rl;
  ddMul(s0, s1, s0, s1);
  const zh = rh;
  const zl = rl;
  // Terms j > DD_TERMS are below 2^-53 of the sum (z ≤ 0.0295 < 2^-5), so plain doubles suffice for them.
  let tail = COEF_HI[TERMS];
  for (let j = TERMS - 1; j > DD_TERMS; j--) tail = tail * zh + COEF_HI[j];
  let ph = COEF_HI[DD_TERMS];
  let pl = COEF_LO[DD_TERMS];
  ddMul(tail, 0, zh, zl);
  ddAdd(rh, rl, ph, pl);
  ph = rh;
  pl = rl;
  for (let j = DD_TERMS - 1; j >= 0; j--) {
    ddMul(ph, pl, zh, zl);
    ddAdd(rh, rl, COEF_HI[j], COEF_LO[j]);
    ph = rh;
    pl = rl;
  }
  ddMul(ph, pl, 2 * s0, 2 * s1);
}

/** ln(x) to ~2^-100 into (rh, rl), for positive finite x other than 1. */
function lnParts(x: number): void {
  let k = 0;
  if (x < 2.2250738585072014e-308) {
    x *= 18014398509481984; // 2^54: bring subnormals into the normal range
    k = -54;
  }
  bits.setFloat64(0, x);
  const hiWord = bits.getUint32(0);
  k += (hiWord >>> 20) - 1023;
  bits.setUint32(0, (hiWord & 0x000fffff) | 0x3ff00000);
  let m = bits.getFloat64(0); // in [1, 2), exact
  if (m > SQRT2) {
    m *= 0.5;
    k += 1;
  }
  log1pSeries(m - 1); // m − 1 is exact (Sterbenz)
  if (k === 0) return;
  const lmh = rh;
  const lml = rl;
  twoProd(k, LN2_HI);
  const kh = rh;
  const kl = rl + k * LN2_LO;
  ddAdd(kh, kl, lmh, lml);
}

// ---------------------------------------------------------------- log, fast path

// x = 2^k·m; the top 7 bits of m's fraction pick c (1 + i/128, halved from i = 53 on so m stays in [√½, √2), and 1
// for i = 127), then ln x = k·ln2 + ln c + log1p(u) with u = (m − c)/c, |u| < 2^-7. ln2 is split so k·LOG_LN2_HI is
// exact (42 bits); ln c is a double-double table (each part rounded from a 300-bit value).
const LOG_LN2_HI = 0.6931471805598903;
const LOG_LN2_LO = 5.497923018708371e-14;
// prettier-ignore
const LOG_TH = Float64Array.of(
  0.0, 0.007782140442054949, 0.015504186535965254, 0.02316705928153438, 0.030771658666753687, 0.0383188643021366,
  0.0458095360312942, 0.053244514518812285, 0.06062462181643484, 0.06795066190850775, 0.07522342123758753,
  0.08244366921107459, 0.08961215868968714, 0.09672962645855111, 0.10379679368164356, 0.11081436634029011,
  0.11778303565638346, 0.12470347850095724, 0.13157635778871926, 0.13840232285911913, 0.1451820098444979,
  0.15191604202584197, 0.15860503017663857, 0.16524957289530717, 0.17185025692665923, 0.1784076574728183,
  0.184922338494012, 0.19139485299962947, 0.19782574332991987, 0.2042155414286909, 0.21056476910734964,
  0.21687393830061436, 0.22314355131420976, 0.22937410106484582, 0.2355660713127669, 0.24171993688714516,
  0.24783616390458127, 0.25391520998096345, 0.25995752443692605, 0.26596354849713794, 0.27193371548364176,
  0.2778684510034563, 0.2837681731306446, 0.28963329258304266, 0.2954642128938359, 0.3012613305781618,
  0.3070250352949119, 0.3127557100038969, 0.3184537311185346, 0.324119468654212, 0.329753286372468,
  0.3353555419211378, 0.3409265869705932, -0.3466804132137367, -0.34117075740276714, -0.33569129163814154,
  -0.33024168687057687, -0.32482161940123766, -0.3194307707663612, -0.31406882762497584, -0.3087354816496133,
  -0.3034304294199201, -0.29815337231907635, -0.2929040164329326, -0.2876820724517809, -0.2824872555746769,
  -0.27731928541623435, -0.27217788591581565, -0.26706278524904525, -0.26197371574157396, -0.2569104137850272,
  -0.2518726197550701, -0.24686007793152578, -0.24187253642048673, -0.2369097470783577, -0.23197146543777514,
  -0.22705745063534608, -0.2221674653411543, -0.2173012756899814, -0.2124586512141934, -0.2076393647782445,
  -0.20284319251475147, -0.1980699137620938, -0.19331931100349597, -0.18859116980755003, -0.18388527877013736,
  -0.179201429457711, -0.17453941635189968, -0.16989903679539747, -0.16528009093910292, -0.16068238169047347,
  -0.15610571466306167, -0.15154989812720093, -0.14701474296180966, -0.14250006260728304, -0.13800567301944372,
  -0.13353139262452263, -0.12907704227514236, -0.1246424452072766, -0.1202274269981598, -0.1158318155251217,
  -0.11145544092532282, -0.1070981355563671, -0.10275973395776894, -0.09844007281325252, -0.09413899091386191,
  -0.08985632912186105, -0.08559193033540351, -0.0813456394539524, -0.07711730334443129, -0.07290677080808779,
  -0.06871389254805181, -0.06453852113757118, -0.06038051098890748, -0.05623971832287608, -0.05211600113901402,
  -0.048009219186360606, -0.04391923393483549, -0.039845908547199674, -0.03578910785158528, -0.0317486983145803,
  -0.027724548014854862, -0.023716526617316044, -0.01972450534777859, -0.015748356968139168, -0.01178795575204224,
  -0.007843177461025893, 0.0,
);
// prettier-ignore
const LOG_TL = Float64Array.of(
  0.0, -1.2819179123343845e-20, -3.278321022892429e-19, -1.1769544932063305e-18, 1.0431732029005968e-18,
  -2.357996157351286e-18, 1.902959866474257e-18, -1.665575816973663e-18, 2.6424025938726934e-18,
  -1.2802141240611733e-18, -5.930604196293241e-18, 5.700437773813987e-18, -5.4268129336647135e-18,
  -5.597397486289965e-19, 5.47772415726659e-18, 1.183748342825649e-18, -1.1971685747593677e-18,
  -4.6522609636496624e-18, 1.1123000879729588e-17, 4.447777301357527e-18, 8.242418783022475e-18,
  6.4838631244022194e-18, 1.1257003872182592e-17, -1.0094935622322628e-17, -6.0224538210113705e-18,
  -1.2432553788701131e-17, 3.0236614153574064e-18, -1.2129496905792884e-17, 1.2821194372980142e-17,
  2.7338281018722773e-18, -4.249405314729895e-18, 4.551026193234283e-18, -9.091270597324799e-18,
  9.927671823978025e-18, -2.3943371495187355e-18, 8.900990022166643e-18, -1.2432209578702523e-17,
  -8.048097394424201e-18, 2.069806938978935e-17, 5.3393802761314314e-18, 7.83319637697442e-19, -9.16018294909263e-19,
  -2.032665581126656e-17, 2.0535953219858174e-17, -2.16461086040599e-17, -9.048511144048564e-18,
  -1.2319916200101964e-17, -1.451808353098951e-17, 2.7114779367326236e-17, -7.958214381893813e-18,
  2.122020616196946e-18, 1.834564437059473e-17, 1.7467136443544747e-17, -1.2904632283500345e-17,
  1.9366790062602867e-17, 7.183773020381283e-18, 1.0828321637483858e-17, 3.7162556628635935e-18,
  -1.354256857264811e-18, -7.311073985078525e-18, 1.6199186085148102e-17, 4.151258540103992e-18,
  1.720695867445866e-17, 2.097144388760612e-17, -2.607160616442564e-17, -1.3652325538490778e-17,
  7.44528405583513e-18, -1.9460544362807653e-17, 7.32891532732017e-18, -3.769957084925505e-18,
  -2.502843296152504e-17, 1.8984402852371785e-18, -1.361743371748368e-17, 3.5869293176775316e-18,
  -1.9682402978398164e-18, -5.774320510479237e-18, -9.551415762738488e-18, 1.0797202916767509e-17,
  -1.6168452453763015e-18, 9.63115306272449e-18, -1.2053243216686129e-17, -2.0981425921481313e-18,
  -3.742843482461439e-18, -4.630440315107144e-18, 7.432164219196925e-18, -6.716094199344591e-18,
  1.0785017454858423e-17, 1.5833038914101321e-18, 4.868008764439071e-19, 6.262313551919987e-19,
  3.650183553047837e-18, 1.2806970330932862e-17, -5.1669593684615594e-18, 4.46694718500102e-18,
  9.926388234225749e-18, 3.082753002960249e-18, 3.664457663660085e-18, 1.2940973323385866e-17, 5.808912678940971e-18,
  2.8375497328444e-18, -4.338484369808096e-18, -5.685957919022839e-18, 1.73705104015906e-18, 4.707630866560681e-18,
  4.439009633675136e-18, -1.4973805419956277e-18, 6.273760163689594e-19, -6.769872319991152e-18,
  -5.07707635593117e-18, -2.5654358635266204e-18, 6.306860257532778e-18, 2.5298812881248404e-18,
  6.470486661692933e-18, 2.1569637373409678e-18, 3.2835149805605613e-18, -7.1036769831546065e-19,
  -1.4390903347292205e-18, -1.762355270004629e-18, 3.129547680315208e-18, 2.740984674024185e-18,
  -3.0382263084680858e-18, 1.56535712927094e-18, 1.5774243488668215e-18, 1.3445979863167511e-18,
  -1.0021578630528974e-18, -2.208154666796622e-19, -2.764708154124904e-19, 0.0,
);
const LOG_C = Float64Array.from({ length: 128 }, (_, i) => (i === 127 ? 1 : i >= 53 ? (1 + i / 128) / 2 : 1 + i / 128));
/** Error bounds of the fast path (≥ 16× the analysed ones): absolute where ln c or k·ln2 enter, else relative. */
const LOG_ABS_ERR = 3.3881317890172014e-21; // 2^-68
const LOG_REL_ERR = 5.421010862427522e-20; // 2^-64
const MIN_NORMAL = 2.2250738585072014e-308;

// The high 32 bits of a double, through a typed-array alias (the platform's byte order, found once).
const F64_WORD = new Float64Array(1);
const U32_WORDS = new Uint32Array(F64_WORD.buffer);
const HIGH = (() => {
  F64_WORD[0] = 1;
  return U32_WORDS[1] === 0x3ff00000 ? 1 : 0;
})();

/** ln x for positive normal finite x, rounded by the fast path; NaN when its rounding is undecided. */
function logFast(x: number): number {
  F64_WORD[0] = x;
  const w = U32_WORDS[HIGH];
  let k = (w >>> 20) - 1023;
  const i = (w >>> 13) & 127;
  U32_WORDS[HIGH] = (w & 0x000fffff) | 0x3ff00000;
  let m = F64_WORD[0];
  if (i >= 53) {
    m *= 0.5;
    k += 1;
  }
  const c = LOG_C[i];
  const d = m - c; // exact (Sterbenz)
  const uh = d / c;
  // u = uh + ul: the quotient's remainder through an exact product uh·c.
  let t = SPLITTER * uh;
  let ah = t - (t - uh);
  let al = uh - ah;
  t = SPLITTER * c;
  const ch = t - (t - c);
  const cl = c - ch;
  const p = uh * c;
  const pe = ah * ch - p + ah * cl + al * ch + al * cl;
  const ul = (d - p - pe) / c;
  // −uh²/2 exactly, as q + qe.
  const sq = uh * uh;
  t = SPLITTER * uh;
  ah = t - (t - uh);
  al = uh - ah;
  const sqe = ah * ah - sq + ah * al + al * ah + al * al;
  const q = -0.5 * sq;
  const qe = -0.5 * sqe;
  // uh³·(1/3 − uh/4 + … − uh^7/10): log1p's series from the cube, truncated below 2^-73 of u.
  const poly =
    sq *
    uh *
    (1 / 3 +
      uh * (-1 / 4 + uh * (1 / 5 + uh * (-1 / 6 + uh * (1 / 7 + uh * (-1 / 8 + uh * (1 / 9 + uh * (-1 / 10))))))));
  // k·ln2_hi + ln c_hi + uh + q summed exactly (three two-sums), the small rest added once.
  const A = k * LOG_LN2_HI;
  const B = LOG_TH[i];
  let s = A + B;
  let bb = s - A;
  const e1 = A - (s - bb) + (B - bb);
  const s2 = s + uh;
  bb = s2 - s;
  const e2 = s - (s2 - bb) + (uh - bb);
  s = s2 + q;
  bb = s - s2;
  const e3 = s2 - (s - bb) + (q - bb);
  const lo = e1 + e2 + e3 + (k * LOG_LN2_LO + LOG_TL[i] + ul + qe - uh * ul + poly);
  const err = (k === 0 && (i === 0 || i === 127) ? 0 : LOG_ABS_ERR) + LOG_REL_ERR * Math.abs(s);
  const a = s + (lo - err);
  return a === s + (lo + err) ? a : NaN;
}

/** ln(x) rounded to nearest for positive finite x; other inputs follow Math.log (NaN, −∞, +∞). */
export function crLog(x: number): number {
  if (!(x > 0) || x === Infinity) return Math.log(x);
  if (x === 1) return 0;
  if (x >= MIN_NORMAL) {
    const fast = logFast(x);
    if (fast === fast) return fast;
  }
  logSlowCalls++;
  lnParts(x);
  return rh + rl;
}

let logSlowCalls = 0;

/** e^x by the accurate path alone (finite x with a normal result): what the fast path must agree with. */
export function crExpAccurate(x: number): number {
  const n = x * EXP_INV + EXP_SHIFT - EXP_SHIFT;
  const ni = n | 0;
  return expAccurate(x, n, ni & 63, ni >> 6);
}

/** ln x by the accurate path alone (positive normal finite x ≠ 1): what the fast path must agree with. */
export function crLogAccurate(x: number): number {
  lnParts(x);
  return rh + rl;
}

/** How often crLog needed its accurate path so far (tests check that it runs, and how rarely). */
export function crLogSlowCalls(): number {
  return logSlowCalls;
}

/** ln(1 + x) rounded to nearest; ±0 stay, −1 gives −∞, below −1 NaN, +∞ stays. */
export function crLog1p(x: number): number {
  if (!(x > -1) || x === Infinity) return x === -1 ? -Infinity : x === Infinity ? x : NaN;
  // Below 2^-54 the x²/2 term is under a quarter of x's ulp: x itself is the rounded value (±0 included).
  if (Math.abs(x) < 5.551115123125783e-17) return x;
  if (x >= SQRT_HALF - 1 && x <= SQRT2 - 1) {
    log1pSeries(x);
    return rh + rl;
  }
  // 1 + x = uh + ul exactly; ln(uh + ul) = ln(uh) + ul/uh with an error below 2^-106.
  twoSum(1, x);
  const uh = rh;
  const ul = rl;
  lnParts(uh);
  ddAdd(rh, rl, ul / uh, 0);
  return rh + rl;
}

// ---------------------------------------------------------------- exp

// x = N·ln2/64 + r with N = 64k + j, so e^x = 2^k · 2^(j/64) · e^r and |r| ≤ ln2/128. ln2/64 is split in three:
// EXP_L1 has 36 significant bits, so N·EXP_L1 is exact for |N| < 2^17, and x − N·EXP_L1 is exact (Sterbenz).
const EXP_INV = 92.33248261689366; // 64/ln2
const EXP_SHIFT = 6755399441055744; // 1.5·2^52: adding it rounds to an integer
const TWO_52 = 4503599627370496;
const EXP_L1 = 0.010830424696223417; // 0x1.62e42fefa0000p-7
const EXP_L2 = 2.572804622327669e-14;
const EXP_L3 = -1.5746795524851787e-30;
/** Above it exp overflows, below it the result rounds to 0 (the thresholds of IEEE doubles, as Math.exp has them). */
const EXP_MAX = 709.782712893384;
const EXP_MIN = -745.1332191019412;
// 2^(j/64) = EXP_TH[j] + EXP_TL[j] to ~2^-107 (each part rounded from a 300-bit value).
// prettier-ignore
const EXP_TH = Float64Array.of(
  1.0, 1.0108892860517005, 1.0218971486541166, 1.0330248790212284, 1.0442737824274138, 1.0556451783605572,
  1.0671404006768237, 1.0787607977571199, 1.0905077326652577, 1.102382583307841, 1.1143867425958924,
  1.1265216186082418, 1.1387886347566916, 1.1511892299529827, 1.1637248587775775, 1.1763969916502812,
  1.189207115002721, 1.202156731452703, 1.215247359980469, 1.22848053610687, 1.241857812073484, 1.255380757024691,
  1.2690509571917332, 1.2828700160787783, 1.2968395546510096, 1.3109612115247644, 1.3252366431597413,
  1.339667524053303, 1.3542555469368927, 1.3690024229745905, 1.383909881963832, 1.3989796725383112,
  1.4142135623730951, 1.42961333839197, 1.4451808069770467, 1.460917794180647, 1.4768261459394993,
  1.4929077282912648, 1.5091644275934228, 1.5255981507445384, 1.5422108254079407, 1.559004400237837,
  1.5759808451078865, 1.593142151342267, 1.6104903319492543, 1.6280274218573478, 1.645755478153965,
  1.6636765803267364, 1.681792830507429, 1.7001063537185235, 1.718619298122478, 1.7373338352737062,
  1.7562521603732995, 1.7753764925265212, 1.7947090750031072, 1.8142521755003989, 1.8340080864093424,
  1.8539791250833855, 1.8741676341103, 1.8945759815869656, 1.9152065613971474, 1.9360617934922943,
  1.9571441241754002, 1.978456026387951,
);
// prettier-ignore
const EXP_TL = Float64Array.of(
  0.0, -1.5234778603368577e-17, 5.109225028973444e-17, 7.600838874027088e-18, 8.551889705537965e-17,
  1.759325738772092e-18, -7.899853966841582e-17, -6.656660436056593e-17, -3.046782079812471e-17,
  5.2660368715706944e-17, 1.0410278456845571e-16, 5.165856758795457e-17, 8.912812676025408e-17,
  3.250710218863827e-17, 3.8292048369240935e-17, 5.554203254218079e-17, 3.982015231465646e-17,
  6.644981499252301e-17, -7.712630692681488e-17, -1.89878163130253e-17, 4.658027591836937e-17,
  -6.7113898212968784e-18, 2.667932131342186e-18, 1.713594918243561e-17, 2.5382502794888315e-17,
  -7.181536135519454e-17, -2.8587312100388614e-17, 8.927282594831732e-17, 7.70094837980299e-17,
  9.593797919118849e-17, -6.770511658794786e-17, -9.614213209051323e-17, -9.667293313452913e-17,
  -1.2031642489053655e-17, -3.0237581349939873e-17, -5.600377186075216e-17, -3.483994556892796e-17,
  1.4192920154284036e-17, -1.016455327754295e-16, -1.1024941712342561e-16, 7.949834809697621e-17,
  3.7812070533575275e-17, -1.0136916471278304e-17, -1.0094406542311964e-16, 2.4707192569797888e-17,
  -6.712955084707084e-17, -1.0125679913674773e-16, 5.8909926967131e-17, 8.199010020581497e-17,
  -8.0237193703977e-18, -1.851380418263111e-17, 3.164389299292957e-17, 2.960140695448873e-17,
  6.429731796556572e-17, 1.8227458427912087e-17, -9.969531538920349e-17, 3.283107224245627e-17,
  9.761887490727594e-17, -6.122763413004143e-17, 3.4034035352165297e-17, -1.0619946056195963e-16,
  1.0332385960676326e-16, 8.960767791036668e-17, 4.0388753109278167e-17,
);
/**
 * Bounds on the absolute error of hi + lo (hi in [0.99, 2)). The fast path's is EXP_ERR_R2·r² + EXP_ERR_FIXED: the
 * series' and the products' roundings grow with r² (together under 2^-53·4r², bounded by 2^-49·r²), the reduction's
 * with |n| (n·L2 rounded: under 2^-80), the table's are below 2^-106. A fixed bound would be wrong for small
 * arguments: the course notebook's zeros run evaluates exp(−5.5·10⁻¹⁷) for every sample, which lies 2^-61 from a
 * rounding boundary and went to the slow path on a fixed 2^-61 bound (exp(−1.665·10⁻¹⁶), 2^-97 from one, even
 * needs the n = 0 bound). The fast path decides the rounding unless
 * hi + lo lies within that bound of a rounding boundary (about 1 input in 4,000); then the accurate path does.
 */
const EXP_ERR_R2 = 1.7763568394002505e-15; // 2^-49
const EXP_ERR_FIXED = 3.308722450212111e-24; // 2^-78
/** For n = 0 the reduction and the table are exact (r = x, 2^0 = 1): only the last sum's rounding, under 2^-106. */
const EXP_ERR_EXACT = 4.930380657631324e-32; // 2^-104
const EXP_SLOW_ERR = 1.262177448353619e-29; // 2^-96
const EXP_TERMS = 13; // 0.0055^14/14! < 2^-130
// 1/n! for n = 0..EXP_TERMS as double-doubles.
const FACT_HI = new Float64Array(EXP_TERMS + 1);
const FACT_LO = new Float64Array(EXP_TERMS + 1);
{
  let fh = 1;
  let fl = 0;
  FACT_HI[0] = 1;
  for (let n = 1; n <= EXP_TERMS; n++) {
    ddDivSmall(fh, fl, n);
    fh = rh;
    fl = rl;
    FACT_HI[n] = fh;
    FACT_LO[n] = fl;
  }
}

/** 2^n for integers n in [−1074, 1023], exact (halving and doubling 1 are exact down to the smallest subnormal). */
const POW2 = new Float64Array(2098);
{
  POW2[1074] = 1;
  for (let n = 1; n <= 1023; n++) POW2[1074 + n] = POW2[1073 + n] * 2;
  for (let n = -1; n >= -1074; n--) POW2[1074 + n] = POW2[1075 + n] * 0.5;
}

/** crLog's fast path constants and tables, for wasm/crLog.ts (which must run the very same operations). */
export const CR_LOG = {
  LN2_HI: LOG_LN2_HI,
  LN2_LO: LOG_LN2_LO,
  C: LOG_C,
  TH: LOG_TH,
  TL: LOG_TL,
  ABS_ERR: LOG_ABS_ERR,
  REL_ERR: LOG_REL_ERR,
  MIN_NORMAL,
  SPLITTER,
} as const;

/** crExp's fast path constants, for wasm/crExp.ts (which must run the very same operations). */
export const CR_EXP = {
  INV: EXP_INV,
  SHIFT: EXP_SHIFT,
  L1: EXP_L1,
  L2: EXP_L2,
  L3: EXP_L3,
  MAX: EXP_MAX,
  MIN: EXP_MIN,
  TH: EXP_TH,
  TL: EXP_TL,
  ERR_R2: EXP_ERR_R2,
  ERR_FIXED: EXP_ERR_FIXED,
  ERR_EXACT: EXP_ERR_EXACT,
  SPLITTER,
} as const;

let slowCalls = 0;

/** How often crExp needed its accurate path so far (tests check that it runs, and how rarely). */
export function crExpSlowCalls(): number {
  return slowCalls;
}

/**
 * (hi + lo)·2^k rounded to nearest, if every value within `err` of hi + lo rounds the same way; else NaN
 * (undecided). Results below 2^-1022 round on the subnormal grid directly, so they round once.
 */
function roundScaled(hi: number, lo: number, err: number, k: number): number {
  if (k <= -1022) {
    // Near and below 2^-1022 the sum must be normalised (|lo| ≤ half an ulp of hi): Fast2Sum, exact as |hi| > |lo|.
    const h = hi + lo;
    lo -= h - hi;
    hi = h;
  }
  // Normal results scale exactly: every k above −1022, and k = −1022 unless hi + lo < 1.
  if (k >= -1021 || (k === -1022 && (hi > 1 || (hi === 1 && lo >= 0)))) {
    const a = hi + (lo - err);
    if (a !== hi + (lo + err)) return NaN;
    // 2^1024 is not a double: the top exponent takes two factors.
    return k < 1024 ? a * POW2[k + 1074] : a * 2 * POW2[2097];
  }
  // The result in units of 2^-1074 (the smallest subnormal): hi·2^s and lo·2^s are exact, s ≥ −1.
  const scale = POW2[k + 2148];
  const vh = hi * scale;
  const n0 = vh + TWO_52 - TWO_52; // 0 ≤ vh ≤ 2^52: its nearest integer
  const d = vh - n0 + lo * scale; // vh − n0 is exact
  const e = 2 * err * scale;
  if (Math.abs(Math.abs(d) - 0.5) <= e) return NaN;
  const n = d > 0.5 ? n0 + 1 : d < -0.5 ? n0 - 1 : n0;
  return n * 5e-324;
}

/**
 * e^x rounded to nearest (Ziv's strategy: a fast evaluation to ~2^-65 whose rounding is checked, and a double-double
 * one to ~2^-100 when the check fails). Only +, −, ×, ÷ on doubles: every JavaScript engine gives the same bits.
 */
export function crExp(x: number): number {
  if (!(x <= EXP_MAX)) return x !== x ? x : Infinity;
  if (x < EXP_MIN) return 0;
  const n = x * EXP_INV + EXP_SHIFT - EXP_SHIFT;
  // |n| < 2^17: small-integer arithmetic gives j = n mod 64 and k = ⌊n / 64⌋.
  const ni = n | 0;
  const j = ni & 63;
  const k = ni >> 6;
  const r1 = x - n * EXP_L1; // exact
  // r = r1 − n·(L2 + L3) as zh + zl (two-sum of the subtraction; n·L2's own rounding is below 2^-82).
  const nl2 = n * EXP_L2;
  const zh = r1 - nl2;
  const bb = zh - r1;
  const zl = r1 - (zh - bb) + (-nl2 - bb) - n * EXP_L3;
  // e^r − 1 = zh + (zl + zh·zl + zh²·(1/2 + zh/6 + … + zh^5/5040)); truncated at r^8/8!, below 2^-75.
  const q = zh * zh * (0.5 + zh * (1 / 6 + zh * (1 / 24 + zh * (1 / 120 + zh * (1 / 720 + zh * (1 / 5040))))));
  const pl = zl + (zh * zl + q);
  // 2^(j/64)·(1 + p) = th + tl + th·p + tl·p, the large part th + th·zh summed exactly.
  const th = EXP_TH[j];
  const tl = EXP_TL[j];
  const sh = th * zh;
  let t = SPLITTER * th;
  const ah = t - (t - th);
  const al = th - ah;
  t = SPLITTER * zh;
  const bh = t - (t - zh);
  const bl = zh - bh;
  const sl = ah * bh - sh + ah * bl + al * bh + al * bl;
  const hi = th + sh;
  const lo = sh - (hi - th) + (sl + (th * pl + (tl + tl * zh)));
  // (wasm/crExp.ts emits the operations above, in this order, for the WebAssembly engines.)
  const fast = roundScaled(hi, lo, EXP_ERR_R2 * zh * zh + (n === 0 ? EXP_ERR_EXACT : EXP_ERR_FIXED), k);
  if (fast === fast) return fast;
  slowCalls++;
  return expAccurate(x, n, j, k);
}

/** The accurate path: r and e^r − 1 as double-doubles, then 2^(j/64)·(1 + q). */
function expAccurate(x: number, n: number, j: number, k: number): number {
  twoProd(n, EXP_L2);
  ddAdd(x - n * EXP_L1, 0, -rh, -rl);
  ddAdd(rh, rl, -n * EXP_L3, 0);
  const zh = rh;
  const zl = rl;
  // Σ_{m=1..EXP_TERMS} r^m/m! by Horner: ((c13·r + c12)·r + … + c1)·r.
  let ph = FACT_HI[EXP_TERMS];
  let pl = FACT_LO[EXP_TERMS];
  for (let m = EXP_TERMS - 1; m >= 1; m--) {
    ddMul(ph, pl, zh, zl);
    ddAdd(rh, rl, FACT_HI[m], FACT_LO[m]);
    ph = rh;
    pl = rl;
  }
  ddMul(ph, pl, zh, zl);
  ddMul(EXP_TH[j], EXP_TL[j], rh, rl);
  ddAdd(EXP_TH[j], EXP_TL[j], rh, rl);
  const v = roundScaled(rh, rl, EXP_SLOW_ERR, k);
  // Undecided at 2^-96 (an input harder than any we have met): the nearest double to the best value we have.
  return v === v ? v : roundScaled(rh, rl, 0, k);
}

// π/2 = PIO2_1 + PIO2_2 + PIO2_3 to ~2^-160 (each part is the rounded remainder of the previous ones).
const PIO2_1 = 1.5707963267948966; // 0x1.921fb54442d18p+0
const PIO2_2 = 6.123233995736766e-17; // 0x1.1a62633145c07p-54
const PIO2_3 = -1.4973849048591698e-33; // -0x1.f1976b7ed8fbcp-110
const TRIG_LIMIT = 1048576; // 2^20: k·PIO2_3 and the reduction stay accurate to ~2^-80 relative below this
const TAYLOR_TERMS = 15; // (π/4)^31/31! < 2^-120
const TAYLOR_DD = 9; // terms above this are below 2^-53 of the sum and are summed in plain doubles

// sin r = r·Σ (−z)^n/(2n+1)!, cos r = Σ (−z)^n/(2n)! with z = r²: signed coefficients as double-doubles.
const SIN_HI = new Float64Array(TAYLOR_TERMS + 1);
const SIN_LO = new Float64Array(TAYLOR_TERMS + 1);
const COS_HI = new Float64Array(TAYLOR_TERMS + 1);
const COS_LO = new Float64Array(TAYLOR_TERMS + 1);

{
  // 1/k! built by exact-integer divisions; sign alternates with n.
  let fh = 1;
  let fl = 0;
  COS_HI[0] = 1;
  for (let k = 1; k <= 2 * TAYLOR_TERMS + 1; k++) {
    ddDivSmall(fh, fl, k);
    fh = rh;
    fl = rl;
    const n = k >> 1;
    const sign = n % 2 === 0 ? 1 : -1;
    if (k % 2 === 1) {
      SIN_HI[n] = sign * fh;
      SIN_LO[n] = sign * fl;
    } else {
      COS_HI[n] = sign * fh;
      COS_LO[n] = sign * fl;
    }
  }
}

/** Σ c_n z^n for z = zh + zl, the coefficient table given, into (rh, rl). */
function taylor(hi: Float64Array, lo: Float64Array, zh: number, zl: number): void {
  let tail = hi[TAYLOR_TERMS];
  for (let n = TAYLOR_TERMS - 1; n > TAYLOR_DD; n--) tail = tail * zh + hi[n];
  ddMul(tail, 0, zh, zl);
  ddAdd(rh, rl, hi[TAYLOR_DD], lo[TAYLOR_DD]);
  for (let n = TAYLOR_DD - 1; n >= 0; n--) {
    ddMul(rh, rl, zh, zl);
    ddAdd(rh, rl, hi[n], lo[n]);
  }
}

/** Reduced argument r = x − k·π/2 as a double-double in (redH, redL); returns k mod 4. */
let redH = 0;
let redL = 0;
function reduce(x: number): number {
  const k = Math.round(x / PIO2_1);
  if (k === 0) {
    redH = x;
    redL = 0;
    return 0;
  }
  // x − k·P1 is exact: k·P1 = p + e exactly and x − p is exact (Sterbenz) as x ≈ k·π/2.
  twoProd(k, PIO2_1);
  const p = rh;
  const e = rl;
  const d = x - p;
  twoProd(k, PIO2_2);
  const q = rh;
  const f = rl;
  ddAdd(d, -e, -q, -f);
  ddAdd(rh, rl, -k * PIO2_3, 0);
  redH = rh;
  redL = rl;
  return ((k % 4) + 4) % 4;
}

/** sin r or cos r (which = 0 / 1) of the reduced argument, into (rh, rl). */
function kernel(which: 0 | 1): void {
  const h = redH;
  const l = redL;
  ddMul(h, l, h, l);
  const zh = rh;
  const zl = rl;
  if (which === 1) {
    taylor(COS_HI, COS_LO, zh, zl);
    return;
  }
  taylor(SIN_HI, SIN_LO, zh, zl);
  ddMul(rh, rl, h, l);
}

/** sin(x) rounded to nearest for |x| ≤ 2^20 (Math.sin beyond); sin(±0) = ±0. */
export function crSin(x: number): number {
  if (x === 0 || !Number.isFinite(x) || Math.abs(x) > TRIG_LIMIT) return Math.sin(x);
  const quadrant = reduce(x);
  kernel(quadrant % 2 === 0 ? 0 : 1);
  const v = rh + rl;
  return quadrant < 2 ? v : -v;
}

/** cos(x) rounded to nearest for |x| ≤ 2^20 (Math.cos beyond). */
export function crCos(x: number): number {
  if (x === 0 || !Number.isFinite(x) || Math.abs(x) > TRIG_LIMIT) return Math.cos(x);
  const quadrant = reduce(x);
  kernel(quadrant % 2 === 0 ? 1 : 0);
  const v = rh + rl;
  return quadrant === 0 || quadrant === 3 ? v : -v;
}
