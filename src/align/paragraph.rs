//! Gale–Church alignment with anchors, over paragraphs (or sentences).
//!
//! A translated page rarely keeps the source's paragraphs one to one: MT
//! pipelines and CMSs merge two paragraphs, split one at a sentence, drop
//! one, or glue site text ("You may also like", a teaser headline) into the
//! article. Dynamic programming over beads (1-1, 2-1, 1-2, 1-0, 0-1) finds
//! the cheapest path. A bead's cost adds
//! - its prior (how common that kind of bead is),
//! - Gale and Church's length term: German runs about 1.2 characters per
//!   English one, with a variance that grows with length,
//! - a bonus for each anchor (number, name, acronym, weekday, quote) the
//!   two sides share, which is what separates a split from an insertion,
//! - a penalty when a headline-like unit (no closing punctuation) is
//!   grouped with a sentence-like one.

use super::anchors::{self, shared};
use super::Bead;
use crate::model::Span;
use crate::text::tokens::Token;

/// The knobs of the cost model. [`Params::PARAGRAPHS`] is tuned for
/// articles; [`Params::LENGTH_ONLY`] is the textbook Gale–Church baseline.
#[derive(Debug, Clone, Copy)]
pub struct Params {
    /// Expected target characters per source character.
    pub ratio: f64,
    /// Variance of the target length per source character.
    pub variance: f64,
    /// Bead priors, as probabilities: 1-1, 2-1 / 1-2, 1-0 / 0-1.
    pub p_one_one: f64,
    pub p_merge: f64,
    pub p_indel: f64,
    /// Cost per character of a unit left without a counterpart, on top of
    /// its prior (0 in Gale–Church, which prices it through the length term).
    pub indel_per_char: f64,
    /// Cost reduction per shared anchor.
    pub anchor_bonus: f64,
    /// Cost of grouping a headline-like unit with a sentence-like one.
    pub shape_penalty: f64,
    /// Use Gale–Church's length term for 1-0 / 0-1 beads (baseline only).
    pub length_term_for_indels: bool,
    /// Upper bound of the length term: a paraphrase or a translation that
    /// dropped a clause is still a 1-1 bead, and Gale–Church's Gaussian tail
    /// would otherwise pull unrelated neighbours in to even out the lengths.
    pub max_length_cost: f64,
    /// Cost of a paragraph in a 2-1 or 1-2 bead that shares no anchor with
    /// the other side although that side has anchors (site text glued to a
    /// paragraph, rather than one piece of it).
    pub orphan_penalty: f64,
}

impl Params {
    pub const PARAGRAPHS: Params = Params {
        ratio: 1.15,
        variance: 6.8,
        p_one_one: 0.80,
        p_merge: 0.06,
        p_indel: 0.04,
        indel_per_char: 0.01,
        anchor_bonus: 1.5,
        shape_penalty: 4.0,
        length_term_for_indels: false,
        max_length_cost: f64::INFINITY,
        orphan_penalty: 1.5,
    };

    pub const SENTENCES: Params = Params { p_one_one: 0.89, p_merge: 0.045, p_indel: 0.01, ..Params::PARAGRAPHS };

    /// Gale & Church (1993) as published: length only, their priors.
    pub const LENGTH_ONLY: Params = Params {
        ratio: 1.0,
        variance: 6.8,
        p_one_one: 0.89,
        p_merge: 0.089 / 2.0,
        p_indel: 0.0099 / 2.0,
        indel_per_char: 0.0,
        anchor_bonus: 0.0,
        shape_penalty: 0.0,
        length_term_for_indels: true,
        max_length_cost: f64::INFINITY,
        orphan_penalty: 0.0,
    };
}

/// What the cost model needs of one unit (paragraph or sentence).
#[derive(Debug, Clone)]
pub struct Unit {
    chars: usize,
    anchors: Vec<u64>,
    headline_like: bool,
}

impl Unit {
    pub fn new(text: &str) -> Self {
        Unit {
            chars: text.chars().count(),
            anchors: anchors::anchors(text),
            headline_like: !ends_like_a_sentence(text),
        }
    }

    /// A unit from a stretch of text that is already tokenized.
    pub fn from_tokens(text: &str, span: Span, tokens: &[Token]) -> Self {
        let stretch = &text[span.start..span.end];
        Unit {
            chars: stretch.chars().count(),
            anchors: anchors::anchors_of_tokens(text, tokens),
            headline_like: !ends_like_a_sentence(stretch),
        }
    }
}

/// True when the text ends in . ! ? … (possibly followed by closing quotes
/// or brackets): body text does, headlines and link labels do not.
fn ends_like_a_sentence(text: &str) -> bool {
    let last =
        text.trim_end().chars().rev().find(|c| !matches!(c, '"' | '“' | '”' | '’' | '\'' | '«' | '»' | ')' | ']'));
    matches!(last, Some('.' | '!' | '?' | '…'))
}

/// The bead shapes the search considers: (source units, target units).
const SHAPES: [(usize, usize); 5] = [(1, 1), (2, 1), (1, 2), (1, 0), (0, 1)];

/// Aligns two sequences of texts; every index of both appears in exactly
/// one bead, in order.
pub fn align_texts<S: AsRef<str>, T: AsRef<str>>(source: &[S], target: &[T], params: &Params) -> Vec<Bead> {
    let source: Vec<Unit> = source.iter().map(|s| Unit::new(s.as_ref())).collect();
    let target: Vec<Unit> = target.iter().map(|t| Unit::new(t.as_ref())).collect();
    align_units(&source, &target, params)
}

/// The dynamic program: `cost(i, j)` is the cheapest alignment of the
/// first `i` source and `j` target units.
pub fn align_units(source: &[Unit], target: &[Unit], params: &Params) -> Vec<Bead> {
    let (n, m) = (source.len(), target.len());
    let band = Band::new(n, m);
    let mut cost = vec![f64::INFINITY; band.cells()];
    let mut back = vec![usize::MAX; band.cells()];
    cost[0] = 0.0;
    let model = CostModel::new(params);
    let mut scratch = Scratch::default();
    for i in 0..=n {
        for j in band.columns(i) {
            if i == 0 && j == 0 {
                continue;
            }
            let here = band.index(i, j).unwrap_or(0);
            for (shape, &(di, dj)) in SHAPES.iter().enumerate() {
                if di > i || dj > j {
                    continue;
                }
                let Some(before) = band.index(i - di, j - dj).map(|k| cost[k]).filter(|c| c.is_finite()) else {
                    continue;
                };
                let total = before + model.bead(&source[i - di..i], &target[j - dj..j], &mut scratch);
                if total < cost[here] {
                    cost[here] = total;
                    back[here] = shape;
                }
            }
        }
    }
    trace_back(&back, &band, n, m)
}

fn trace_back(back: &[usize], band: &Band, n: usize, m: usize) -> Vec<Bead> {
    let mut beads = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let Some(&(di, dj)) = band.index(i, j).and_then(|k| SHAPES.get(back[k])) else {
            break; // unreachable: every cell in the band has a path through 1-0 / 0-1
        };
        beads.push(Bead { source: (i - di..i).collect(), target: (j - dj..j).collect() });
        i -= di;
        j -= dj;
    }
    beads.reverse();
    beads
}

/// The cells the search visits: all of them for articles; for very long
/// documents a band around the diagonal, so that time and memory grow
/// linearly rather than with the product of the lengths.
struct Band {
    n: usize,
    m: usize,
    half: usize,
    width: usize,
}

/// Above this many cells, search a band only.
const FULL_SEARCH_CELLS: usize = 1 << 20;
/// Half-width of the band: how far (in units) the path may stray from the
/// diagonal; far more than any real page drifts.
const BAND_HALF_WIDTH: usize = 250;

impl Band {
    fn new(n: usize, m: usize) -> Self {
        let half = BAND_HALF_WIDTH.max(2 * m.div_ceil(n.max(1)));
        if (n + 1) * (m + 1) <= FULL_SEARCH_CELLS || 2 * half + 1 > m {
            Band { n, m, half: m, width: m + 1 }
        } else {
            Band { n, m, half, width: 2 * half + 1 }
        }
    }

    fn cells(&self) -> usize {
        (self.n + 1) * self.width
    }

    fn first_column(&self, i: usize) -> usize {
        if self.width == self.m + 1 {
            return 0;
        }
        (i * self.m / self.n.max(1)).saturating_sub(self.half).min(self.m + 1 - self.width)
    }

    fn columns(&self, i: usize) -> std::ops::Range<usize> {
        let first = self.first_column(i);
        first..first + self.width
    }

    fn index(&self, i: usize, j: usize) -> Option<usize> {
        let first = self.first_column(i);
        (j >= first && j < first + self.width).then(|| i * self.width + j - first)
    }
}

#[derive(Default)]
struct Scratch {
    source: Vec<u64>,
    target: Vec<u64>,
}

/// Bead costs in nats (negative log probabilities).
struct CostModel<'p> {
    params: &'p Params,
    prior_one_one: f64,
    prior_merge: f64,
    prior_indel: f64,
}

impl<'p> CostModel<'p> {
    fn new(params: &'p Params) -> Self {
        CostModel {
            params,
            prior_one_one: -params.p_one_one.ln(),
            prior_merge: -params.p_merge.ln(),
            prior_indel: -params.p_indel.ln(),
        }
    }

    fn bead(&self, source: &[Unit], target: &[Unit], scratch: &mut Scratch) -> f64 {
        let p = self.params;
        let source_chars: usize = source.iter().map(|u| u.chars).sum();
        let target_chars: usize = target.iter().map(|u| u.chars).sum();
        if source.is_empty() || target.is_empty() {
            let chars = (source_chars + target_chars) as f64;
            let length = if p.length_term_for_indels { self.length_cost(source_chars, target_chars) } else { 0.0 };
            return self.prior_indel + p.indel_per_char * chars + length;
        }
        let prior = if source.len() == 1 && target.len() == 1 { self.prior_one_one } else { self.prior_merge };
        let mut cost = prior + self.length_cost(source_chars, target_chars);
        if p.anchor_bonus > 0.0 || p.orphan_penalty > 0.0 {
            cost -= p.anchor_bonus * shared_anchors(source, target, scratch) as f64;
            cost += p.orphan_penalty * orphans(source, target, scratch) as f64;
        }
        let first = source[0].headline_like;
        if source.iter().chain(target).any(|u| u.headline_like != first) {
            cost += p.shape_penalty;
        }
        cost
    }

    /// Gale–Church: how improbable is this target length for this source
    /// length, as −ln P(|δ| ≥ observed).
    fn length_cost(&self, source_chars: usize, target_chars: usize) -> f64 {
        let p = self.params;
        let (ls, lt) = (source_chars as f64, target_chars as f64);
        let mean = (ls + lt / p.ratio) / 2.0;
        if mean == 0.0 {
            return 0.0;
        }
        let delta = (lt - ls * p.ratio) / (mean * p.variance).sqrt();
        (-ln_erfc(delta.abs() / std::f64::consts::SQRT_2)).min(p.max_length_cost)
    }
}

fn shared_anchors(source: &[Unit], target: &[Unit], scratch: &mut Scratch) -> usize {
    match (source, target) {
        ([s], [t]) => shared(&s.anchors, &t.anchors),
        _ => {
            let s: Vec<&[u64]> = source.iter().map(|u| u.anchors.as_slice()).collect();
            let t: Vec<&[u64]> = target.iter().map(|u| u.anchors.as_slice()).collect();
            anchors::merge_into(&mut scratch.source, &s);
            anchors::merge_into(&mut scratch.target, &t);
            shared(&scratch.source, &scratch.target)
        }
    }
}

/// Members of a multi-paragraph side that share no anchor with the other
/// side, when the other side has anchors to share. Call after
/// [`shared_anchors`] filled `scratch` for multi beads.
fn orphans(source: &[Unit], target: &[Unit], scratch: &Scratch) -> usize {
    let count = |members: &[Unit], other: &[u64]| {
        if members.len() < 2 || other.is_empty() {
            return 0;
        }
        members.iter().filter(|u| shared(&u.anchors, other) == 0).count()
    };
    count(source, &scratch.target) + count(target, &scratch.source)
}

/// ln(erfc(x)) for x ≥ 0, computed in log space so that far tails do not
/// underflow to ln(0) (Numerical Recipes' erfcc, relative error < 1.2e-7).
fn ln_erfc(x: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.5 * x);
    let poly = -x * x - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98 + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    t.ln() + poly
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes(beads: &[Bead]) -> Vec<(usize, usize)> {
        beads.iter().map(|b| (b.source.len(), b.target.len())).collect()
    }

    #[test]
    fn ln_erfc_matches_known_values() {
        assert!((ln_erfc(0.0) - 0.0).abs() < 1e-6);
        assert!((ln_erfc(1.0) - 0.157_299_207_f64.ln()).abs() < 1e-5);
        assert!(ln_erfc(30.0).is_finite());
    }

    #[test]
    fn equal_paragraphs_align_one_to_one() {
        let en = ["Talks in Geneva", "The talks began on Monday in Geneva.", "They will end on March 3."];
        let de = ["Gespräche in Genf", "Die Gespräche begannen am Montag in Genf.", "Sie enden am 3. März."];
        assert_eq!(shapes(&align_texts(&en, &de, &Params::PARAGRAPHS)), [(1, 1), (1, 1), (1, 1)]);
    }

    #[test]
    fn inserted_boilerplate_is_target_only() {
        let en = [
            "Biden met Putin in Geneva on Wednesday for four hours.",
            "The two leaders agreed to return their ambassadors, the White House said.",
        ];
        let de = [
            "Biden traf Putin am Mittwoch für vier Stunden in Genf.",
            "Lesen Sie auch",
            "Die beiden Staatschefs vereinbarten die Rückkehr ihrer Botschafter, teilte das Weiße Haus mit.",
        ];
        let beads = align_texts(&en, &de, &Params::PARAGRAPHS);
        assert_eq!(shapes(&beads), [(1, 1), (0, 1), (1, 1)]);
    }

    #[test]
    fn a_split_paragraph_is_one_to_two() {
        let en = [
            "NATO met on Friday. Stoltenberg said the 30 allies agreed on a plan for Ukraine by 2025.",
            "The next meeting is in June.",
        ];
        let de = [
            "Die NATO traf sich am Freitag.",
            "Stoltenberg sagte, die 30 Verbündeten hätten sich auf einen Plan für die Ukraine bis 2025 geeinigt.",
            "Das nächste Treffen ist im Juni.",
        ];
        assert_eq!(shapes(&align_texts(&en, &de, &Params::PARAGRAPHS)), [(1, 2), (1, 1)]);
    }

    #[test]
    fn long_documents_search_a_band_and_stay_aligned() {
        let en: Vec<String> =
            (0..1500).map(|i| format!("Paragraph {i} tells of Berlin and {} people.", i * 7)).collect();
        let mut de: Vec<String> =
            (0..1500).map(|i| format!("Absatz {i} erzählt von Berlin und {} Menschen.", i * 7)).collect();
        de.insert(700, "Lesen Sie auch".to_string());
        let beads = align_texts(&en, &de, &Params::PARAGRAPHS);
        assert_eq!(beads.len(), 1501);
        assert_eq!(beads[700], Bead { source: vec![], target: vec![700] });
        assert_eq!(beads[1500], Bead { source: vec![1499], target: vec![1500] });
    }

    /// Whatever the input, every index of both sides lands in exactly one
    /// bead, in order, and every bead has one of the five shapes.
    #[test]
    fn beads_always_partition_both_sides_in_order() {
        let words = ["NATO", "said", "on", "Friday", "1.000", "Berlin", "the", "talks", "„Nein“", "und", "."];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |bound: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % bound as u64) as usize
        };
        for _ in 0..200 {
            let (n, m) = (next(12), next(12));
            let mut text = |count: usize| -> Vec<String> {
                let mut paragraphs = Vec::new();
                for _ in 0..count {
                    let len = next(40);
                    paragraphs.push((0..len).map(|_| words[next(words.len())]).collect::<Vec<_>>().join(" "));
                }
                paragraphs
            };
            let source = text(n);
            let target = text(m);
            let beads = align_texts(&source, &target, &Params::PARAGRAPHS);
            let sources: Vec<usize> = beads.iter().flat_map(|b| b.source.clone()).collect();
            let targets: Vec<usize> = beads.iter().flat_map(|b| b.target.clone()).collect();
            assert_eq!(sources, (0..n).collect::<Vec<_>>());
            assert_eq!(targets, (0..m).collect::<Vec<_>>());
            assert!(beads.iter().all(|b| SHAPES.contains(&(b.source.len(), b.target.len()))));
        }
    }

    #[test]
    fn empty_sides_become_indels() {
        let none: [&str; 0] = [];
        assert_eq!(shapes(&align_texts(&["One."], &none, &Params::PARAGRAPHS)), [(1, 0)]);
        assert_eq!(shapes(&align_texts(&none, &["Eins.", "Zwei."], &Params::PARAGRAPHS)), [(0, 1), (0, 1)]);
        assert!(align_texts(&none, &none, &Params::PARAGRAPHS).is_empty());
    }
}
