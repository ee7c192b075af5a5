//! `negation-flip`: the German says the opposite of the English.

use super::{Detector, PairView, RuleMeta};
use crate::model::{Category, Finding, Severity, Span};
use crate::text::ding;
use crate::text::lexicon::marked;
use crate::text::tokens::TokenKind;
use crate::text::Analysis;
use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::Range;
use std::sync::LazyLock;

/// A word list and a `matches!` test over the same literals: the screens
/// are built from the list, so they pass every word the test accepts.
macro_rules! word_set {
    ($(#[$doc:meta])* $list:ident, $test:ident: $($word:literal)|+) => {
        const $list: &[&str] = &[$($word),+];
        $(#[$doc])*
        fn $test(w: &str) -> bool {
            matches!(w, $($word)|+)
        }
    };
}

crate::rule_meta! {
    /// The German lost a negation the English has, gained one it does not have, or uses the antonym.
    ///
    /// **What it catches.** "Der Brief wurde verschickt" for "The letter was
    /// never sent": a dropped "nicht", "nie" or "kein" turns a statement
    /// into its opposite. Also an extra German negation, and a verb swapped
    /// for its antonym ("will deny Ukraine membership" → "… den Beitritt
    /// erlaubt", "denied the allegations" → "bestätigte die Vorwürfe").
    /// Negations are counted per aligned sentence; where the
    /// German lost one, the place where it most likely stood is marked:
    /// before the German word that translates what the English negated
    /// (found with the Ding dictionary too, when it is installed), or
    /// before the phrase or verb group that word belongs to.
    ///
    /// **Why it matters.** A polarity flip is the most damaging error a
    /// translation can make, and it reads perfectly fluently.
    ///
    /// **Not flagged.** Negation carried by another word ("failed to" ↔
    /// "nicht gelungen", "not clear" ↔ "unklar", "no doubt" ↔ "zweifellos",
    /// "refused" ↔ "weigerte sich", "not until" ↔ "erst"), "no longer" ↔
    /// "nicht mehr", "not only … but also" ↔ "nicht nur … sondern auch",
    /// "neither … nor" ↔ "weder … noch", the interjection "No,", and
    /// English that only looks negated ("whether or not" ↔ "ob", "isn't
    /// just" ↔ "nicht nur … sondern", "nothing short of" ↔ "geradezu"). An
    /// extra German negation is only a minor note, and none when the English
    /// says it without a negator ("have yet to" ↔ "noch nicht",
    /// "nuclear-free" ↔ "ohne Atomwaffen", "less than" ↔ "nicht einmal") or
    /// the whole English has as many negations as the whole German. The
    /// particles of "fand … statt" and "ließ … frei" are not "statt"
    /// (instead) and "frei" (free of).
    ///
    /// **Example.** "The miller's ladder was never returned." → "Die Leiter des
    /// Müllers wurde zurückgegeben.": the place before "zurückgegeben" is marked,
    /// where "nie" is missing.
    META {
        id: "negation-flip",
        category: Category::Mistranslation,
        severity: Severity::Critical,
    }
}

pub struct NegationFlip;

impl Detector for NegationFlip {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// Reads Ding its antonym families ask Ding for a word's German stems.
    fn reads_dictionary(&self) -> bool {
        true
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Vec<Finding>) {
        check_with(pair, ding::get(), out);
    }
}

/// The check with an explicit bilingual dictionary (the installed Ding
/// lexicon, a hand-made one in tests, or none): it only helps to find the
/// German word a lost negation governed, never decides whether one was lost.
fn check_with(pair: &PairView<'_>, dictionary: Option<&ding::Lexicon>, out: &mut Vec<Finding>) {
    let (en, de) = (pair.source, pair.target);
    if en.is_empty() || de.is_empty() {
        return;
    }
    // Whole-pair negation counts, computed once and only when a unit asks.
    let pair_excess = OnceCell::new();
    let (en_marks, de_marks) = (pair.source_marks(), pair.target_marks());
    // One polarity per side for all units: their vectors are reused.
    let (mut en_pol, mut de_pol) = (Polarity::default(), Polarity::default());
    for (en_range, de_range) in aligned_units(en, de) {
        english_polarity_into(en, en_marks, en_range.clone(), &mut en_pol);
        // Most units: nothing in the English a German negation could have
        // lost or contradict, and no German negator to be an added one.
        if en_pol.cannot_lose_negation() && !has_cue(de_marks, &de_range, CORE) {
            continue;
        }
        german_polarity_into(de, de_marks, de_range.clone(), &mut de_pol);
        check_unit(pair, dictionary, (&en_range, &en_pol), (&de_range, &de_pol), &pair_excess, out);
    }
}

/// Token ranges of units compared with each other: sentence by sentence
/// when both sides have as many sentences, else the whole pair.
fn aligned_units(en: &Analysis<'_>, de: &Analysis<'_>) -> Vec<(Range<usize>, Range<usize>)> {
    if en.sentences.len() == de.sentences.len() && en.sentences.len() > 1 {
        en.sentences.iter().zip(&de.sentences).map(|(e, d)| (e.tokens.clone(), d.tokens.clone())).collect()
    } else {
        vec![(0..en.tokens.len(), 0..de.tokens.len())]
    }
}

/// The negations of one unit.
#[derive(Debug, Default, Clone)]
struct Polarity {
    /// Token indices of grammatical negators ("not", "kein", "nie").
    core: Vec<usize>,
    /// Words that carry negation lexically ("fail", "verweigern", "doubt").
    soft: Vec<usize>,
    /// Token indices of words that carry a negation in their form
    /// ("unklar", "zweifellos", "unclear", "homeless").
    affixed: Vec<usize>,
    /// English "nor" without "neither": a negation unless the German says "weder … noch".
    nor: Vec<usize>,
    /// English "unless": a negation unless the German says "es sei denn" / "außer".
    unless: Vec<usize>,
    /// German "es sei denn", "außer", "ausgenommen": how "unless" is put without a negation.
    has_except: bool,
    /// German "weder" / English "not yet": how the other side may have put "nor" / "noch".
    has_weder: bool,
    not_yet: usize,
    noch: Vec<usize>,
    /// German "nicht" of "nicht nur … sondern"; English "not only/just" count.
    nicht_nur: Vec<usize>,
    not_only: usize,
    not_only_tokens: Vec<usize>,
    /// The German unit has "nur"/"bloß".
    has_nur: bool,
    /// Token indices of lexically negative verbs of an antonym family, with the family.
    negative_verbs: Vec<(usize, usize)>,
    /// Token indices of positive antonyms, with the family.
    positive_verbs: Vec<(usize, usize)>,
}

fn check_unit(
    pair: &PairView<'_>,
    dictionary: Option<&ding::Lexicon>,
    (en_range, en): (&Range<usize>, &Polarity),
    (de_range, de): (&Range<usize>, &Polarity),
    pair_excess: &OnceCell<bool>,
    out: &mut Vec<Finding>,
) {
    let mut en_core_tokens = en.core.clone();
    if !de.has_weder {
        en_core_tokens.extend_from_slice(&en.nor);
    }
    if !de.has_except {
        en_core_tokens.extend_from_slice(&en.unless);
    }
    en_core_tokens.sort_unstable();
    // "nicht nur … sondern auch" often renders "as well as": it negates
    // nothing unless the English says "not only/just".
    let mut de = Cow::Borrowed(de);
    if de.nicht_nur.len() > en.not_only {
        let extra: Vec<usize> = de.nicht_nur[en.not_only..].to_vec();
        de.to_mut().core.retain(|t| !extra.contains(t));
    }
    let de: &Polarity = &de;
    // "not only … but" is often rebuilt ("Neben …", "Auch wenn …"): it only
    // counts when the German keeps the "nur".
    if en.not_only > 0 && !de.has_nur {
        en_core_tokens.retain(|t| !en.not_only_tokens.contains(t));
    }
    let de_core = de.core.len();
    // Counted here; the English negators are gathered (a vector, sorted)
    // only for the rare added negation below.
    let (en_all, de_all) = (en.negator_count(), de.negator_count());
    let en_extra_soft = en.soft.len().saturating_sub(de.soft.len());
    let lost = lost_negations(pair, (en_range, &en_core_tokens, en), (de_range, de));
    // Of several candidates, the one whose governed words the German has is
    // the best guess ("she didn't steal" ↔ "… Diebstahl …").
    let estimate = |t: usize| relative_in(pair.source, en_range, t);
    let best = lost
        .iter()
        .filter_map(|&t| Some((lexical_match(pair, dictionary, t, en_range, de_range, estimate(t))?.0, t)))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, t)| t)
        .or_else(|| lost.first().copied());
    if let Some(en_tok) = best {
        let place = locate_lost_negation(pair, dictionary, en_tok, en_range, de_range);
        let confidence = if de_all == 0 && de.soft.is_empty() { 0.85 } else { 0.7 };
        out.push(META.finding(
            confidence,
            Some(place),
            Some(pair.source.tokens[en_tok].span),
            lost_message(pair, en_tok, place),
        ));
    } else if de_all > en_all + en_extra_soft
        && de_core > 0
        && *pair_excess.get_or_init(|| pair_negates_more_in_german(pair))
    {
        let added = unexplained(&de.core, de_range, pair.target, &en.negators(), en_range, pair.source, f64::INFINITY);
        if let Some(&de_tok) = added.first() {
            // Restructured negation is common in good translations
            // ("stayed silent" ↔ "sagte nichts"): a note only. On MQM-2020
            // such notes meet a rater's span 0.25 of the time, against 0.19
            // for the same spans at random places (107 notes; 197 at 0.23
            // against 0.17 before the pair-level test above): some signal,
            // not enough for more than minor.
            let mut f = META.finding(
                0.4,
                Some(pair.target.tokens[de_tok].span),
                None,
                format!(
                    "\"{}\" negates, but the source sentence has no matching negation",
                    pair.target.token_text(de_tok)
                ),
            );
            f.severity = Severity::Minor;
            out.push(f);
        }
    } else if en_core_tokens.len() == de_core && !antonym_flip(pair, en, de, out) {
        lost_affix(pair, (en_range, en), (de_range, de), out);
    }
}

/// Over the whole pair, the German has more negations than the English,
/// counting what English puts without "not" but German often with "nicht",
/// "kein" or "ohne" ("have yet to", "nuclear-free", "a no-deal Brexit",
/// "less than"). A sentence-level excess alone is often only a negation
/// the German moved to the neighbouring sentence.
fn pair_negates_more_in_german(pair: &PairView<'_>) -> bool {
    let (en, de) = (pair.source, pair.target);
    let en_pol = english_polarity(en, pair.source_marks(), 0..en.tokens.len());
    let de_pol = german_polarity(de, pair.target_marks(), 0..de.tokens.len());
    let english = en_pol.negator_count() + en_pol.soft.len() + en_pol.nor.len() + en_pol.unless.len();
    let german = de_pol.negator_count();
    german > english + implicit_english_negations(en)
}

/// English phrasings that negate without a negator.
fn implicit_english_negations(en: &Analysis<'_>) -> usize {
    let next = |i: usize| en.tokens.get(i + 1).filter(|t| t.is_word()).map(|_| en.lower(i + 1));
    en.word_indices()
        .filter(|&i| {
            let w = en.lower(i);
            match w {
                "yet" => next(i) == Some("to"),
                "less" | "fewer" => next(i) == Some("than"),
                _ => w.ends_with("-free") || (w.starts_with("no-") && w.len() > 3),
            }
        })
        .count()
}

/// "unclear" ↔ "klar": the German has the plain word for an English word
/// negated by its prefix, with no negation of its own nearby.
fn lost_affix(
    pair: &PairView<'_>,
    (en_range, en): (&Range<usize>, &Polarity),
    (de_range, de): (&Range<usize>, &Polarity),
    out: &mut Vec<Finding>,
) {
    let (src, tgt) = (pair.source, pair.target);
    for &a in &en.affixed {
        let word = lower(src, a);
        let Some(stem) = ["non-", "un", "in", "im", "ir"].iter().find_map(|p| word.strip_prefix(p)) else { continue };
        if stem.len() < 4 {
            continue;
        }
        let estimate = relative_in(src, en_range, a);
        // Not the dictionary: it knows so many senses that a plain word
        // near the estimate is too often found for a correct "un-" word
        // ("unpaid wages" ↔ "Löhne zu zahlen").
        let lexicon = lexicon_for(stem);
        let plain = de_range.clone().filter(|&j| tgt.tokens[j].is_word()).find(|&j| {
            let w = lower(tgt, j);
            let sim = similarity(stem, lexicon, w);
            // A lexicon translation may stand further away than a mere cognate.
            let reach = if sim >= 1.0 { 0.5 } else { 0.3 };
            sim >= 0.9
                && (relative_in(tgt, de_range, j) - estimate).abs() < reach
                && !is_german_affixed_negative(w)
                && !de.core.iter().chain(&de.soft).chain(&de.affixed).any(|&n| n < j && j - n <= 3)
        });
        if let Some(j) = plain {
            let start = phrase_start(tgt, j, de_range, false);
            out.push(META.finding(
                0.6,
                Some(Span::new(tgt.tokens[start].span.start, tgt.tokens[j].span.end)),
                Some(src.tokens[a].span),
                format!(
                    "\"{}\" is not negated in the German, but the source has \"{}\"",
                    tgt.token_text(j),
                    src.token_text(a)
                ),
            ));
            return;
        }
    }
}

/// "deny" ↔ "erlaubt": the English verb carries the negation, the German
/// uses its positive antonym, and no other negation makes up for it.
fn antonym_flip(pair: &PairView<'_>, en: &Polarity, de: &Polarity, out: &mut Vec<Finding>) -> bool {
    if de.negative_verbs.len() >= en.negative_verbs.len() {
        return false;
    }
    for &(en_tok, family) in &en.negative_verbs {
        let Some(&(de_tok, _)) = de.positive_verbs.iter().find(|(_, f)| *f == family) else { continue };
        if en.positive_verbs.iter().any(|(_, f)| *f == family) {
            continue; // the English has the positive verb too
        }
        out.push(META.finding(
            0.75,
            Some(pair.target.tokens[de_tok].span),
            Some(pair.source.tokens[en_tok].span),
            format!(
                "\"{}\" says the opposite of the source's \"{}\"",
                pair.target.token_text(de_tok),
                pair.source.token_text(en_tok)
            ),
        ));
        return true;
    }
    false
}

/// Some token of `range` has cue `bit` in `marks`.
#[inline]
fn has_cue(marks: &[u8], range: &Range<usize>, bit: u8) -> bool {
    marks[range.clone()].iter().fold(0, |acc, &m| acc | m) & bit != 0
}

impl Polarity {
    /// Back to [`Polarity::default`], keeping the vectors' room. Every
    /// field is named, so a new one cannot be forgotten here.
    fn reset(&mut self) {
        let Polarity {
            core,
            soft,
            affixed,
            nor,
            unless,
            has_except,
            has_weder,
            not_yet,
            noch,
            nicht_nur,
            not_only,
            not_only_tokens,
            has_nur,
            negative_verbs,
            positive_verbs,
        } = self;
        for v in [core, soft, affixed, nor, unless, noch, nicht_nur, not_only_tokens] {
            v.clear();
        }
        negative_verbs.clear();
        positive_verbs.clear();
        (*has_except, *has_weder, *has_nur) = (false, false, false);
        (*not_yet, *not_only) = (0, 0);
    }

    /// English side: no negator, affixed negative or negative verb, the
    /// items [`check_unit`] reports from. With a German side whose
    /// polarity has no core negator (no token with the [`CORE`] cue),
    /// `check_unit` reports nothing: nothing is lost, nothing is added
    /// (that needs a German core negator), and the antonym and affix
    /// checks need a negative verb or an affixed word. A test compares.
    fn cannot_lose_negation(&self) -> bool {
        self.core.is_empty()
            && self.nor.is_empty()
            && self.unless.is_empty()
            && self.affixed.is_empty()
            && self.negative_verbs.is_empty()
    }

    /// How many grammatical and affixed negators: [`Polarity::negators`]'s length.
    fn negator_count(&self) -> usize {
        self.core.len() + self.affixed.len()
    }

    /// Grammatical and affixed negators, in text order.
    fn negators(&self) -> Vec<usize> {
        let mut all: Vec<usize> = self.core.iter().chain(&self.affixed).copied().collect();
        all.sort_unstable();
        all
    }
}

fn lost_message(pair: &PairView<'_>, en_tok: usize, place: Span) -> String {
    let en = pair.source.token_text(en_tok);
    if place.is_empty() {
        format!("the source negates (\"{en}\") but the German sentence has no matching negation")
    } else {
        format!("the source negates (\"{en}\") but \"{}\" is not negated in the German", pair.target.slice(place))
    }
}

/// The English negators the German does not render: first paired with
/// German negators, then with German words that carry a negation
/// ("unklar", "verweigern", "noch" for "not yet") nearby, unless those
/// translate an English word of the same kind ("unclear", "refuse").
fn lost_negations(
    pair: &PairView<'_>,
    (en_range, en_neg, en): (&Range<usize>, &[usize], &Polarity),
    (de_range, de): (&Range<usize>, &Polarity),
) -> Vec<usize> {
    let (src, tgt) = (pair.source, pair.target);
    let lost = unexplained(en_neg, en_range, src, &de.core, de_range, tgt, f64::INFINITY);
    if lost.is_empty() {
        return lost;
    }
    // "zweifellos" carries its negation even when it translates "doubt";
    // "verweigern" does not when it translates "refuse".
    let mut free = unexplained(&de.affixed, de_range, tgt, &en.affixed, en_range, src, 0.3);
    free.extend(unexplained(&de.soft, de_range, tgt, &en.soft, en_range, src, 0.3));
    if en.not_yet > 0 {
        free.extend_from_slice(&de.noch);
    }
    unexplained(&lost, en_range, src, &free, de_range, tgt, 0.35)
}

/// The items of one side that the other side's items do not explain,
/// paired greedily by relative position within the unit (at most
/// `max_distance` apart).
fn unexplained(
    mine: &[usize],
    my_range: &Range<usize>,
    my: &Analysis<'_>,
    theirs: &[usize],
    their_range: &Range<usize>,
    their: &Analysis<'_>,
    max_distance: f64,
) -> Vec<usize> {
    let mut used = vec![false; mine.len()];
    for &t in theirs {
        let pos = relative_in(their, their_range, t);
        let best = (0..mine.len())
            .filter(|&k| !used[k])
            .filter(|&k| (relative_in(my, my_range, mine[k]) - pos).abs() <= max_distance)
            .min_by(|&a, &b| {
                let da = (relative_in(my, my_range, mine[a]) - pos).abs();
                let db = (relative_in(my, my_range, mine[b]) - pos).abs();
                da.total_cmp(&db)
            });
        if let Some(k) = best {
            used[k] = true;
        }
    }
    (0..mine.len()).filter(|&k| !used[k]).map(|k| mine[k]).collect()
}

/// Relative position (0..1) of token `t` inside a unit, by characters.
fn relative_in(a: &Analysis<'_>, range: &Range<usize>, t: usize) -> f64 {
    if range.is_empty() {
        return 0.0;
    }
    let start = a.tokens[range.start].span.start;
    let end = a.tokens[range.end - 1].span.end;
    (a.tokens[t].span.start.saturating_sub(start)) as f64 / (end - start).max(1) as f64
}

// ---------------------------------------------------------------------------
// Counting

/// The token in lowercase, computed once per text by [`Analysis::lower`].
fn lower<'a>(a: &'a Analysis<'_>, i: usize) -> &'a str {
    a.lower(i)
}

/// The negations of tokens `range` of English `a`; `marks` holds each
/// token's cues in its [`CUE_BITS`] (the shared word marks, or
/// [`plain_cues`]): a token without one is not read.
fn english_polarity(a: &Analysis<'_>, marks: &[u8], range: Range<usize>) -> Polarity {
    let mut p = Polarity::default();
    english_polarity_into(a, marks, range, &mut p);
    p
}

/// [`english_polarity`] into `p`, which is reset first: the units of a
/// pair reuse one `Polarity` and its vectors.
fn english_polarity_into(a: &Analysis<'_>, marks: &[u8], range: Range<usize>, p: &mut Polarity) {
    p.reset();
    // "neither … nor" is one negation: every "nor" is gathered, and all
    // are dropped at the end when the unit has a "neither".
    let mut has_neither = false;
    // Only the words with a cue (only words have cues), found eight marks at a time.
    for i in marked(&marks[..range.end], CUE_BITS, range.start) {
        let cues = marks[i] & CUE_BITS;
        let w = a.lower(i);
        let core = cues & CORE != 0
            && if is_english_negator_word(w) {
                has_neither |= w == "neither";
                english_core_negation(a, i, w, p)
            } else {
                w.ends_with("n't") || w.ends_with("n’t")
            };
        if core {
            p.core.push(i);
            continue;
        }
        if cues & ONLY_OR_YET != 0 {
            if w == "yet" && i > 0 && matches!(lower(a, i - 1), "not" | "never") {
                p.not_yet += 1;
            }
            if is_only_word(w) && i > 0 && is_not_before_only(lower(a, i - 1)) {
                p.not_only += 1;
                p.not_only_tokens.push(i - 1);
            }
        }
        if cues & AFFIXED != 0 && is_english_affixed_negative(w) {
            p.affixed.push(i);
            continue;
        }
        if cues & LEXICAL != 0 {
            record_lexical(p, i, w, true);
        }
    }
    if has_neither {
        p.nor.clear();
    }
}

/// Whether the English negator word `w` (token `i`) negates here; records
/// "unless" and "nor" on the side.
fn english_core_negation(a: &Analysis<'_>, i: usize, w: &str, p: &mut Polarity) -> bool {
    let next_is_punct = || a.tokens.get(i + 1).is_none_or(|t| t.kind == TokenKind::Punct);
    match w {
        // "whether or not" is "ob", "nothing short of" is "geradezu":
        // neither negates anything.
        "not" => !follows_words(a, i, &["whether", "or"]),
        "nothing" => !precedes_words(a, i, &["short", "of"]),
        // "No, …" is an interjection; "no one" counts once.
        // "no deal" and "no confidence" are Brexit and vote terms ("No-Deal", "Misstrauensvotum").
        "no" => {
            let after_say =
                i > 0 && matches!(lower(a, i - 1), "vote" | "voted" | "say" | "said" | "says" | "answer" | "answered");
            !next_is_punct()
                && !after_say
                && a.tokens
                    .get(i + 1)
                    .is_none_or(|_| !matches!(lower(a, i + 1), "deal" | "confidence" | "matter" | "doubt"))
        }
        // "unless" is "wenn … nicht" unless the German says "es sei denn".
        "unless" => {
            p.unless.push(i);
            false
        }
        // "neither … nor" is one negation, like "weder … noch".
        "nor" => {
            p.nor.push(i);
            false
        }
        // "never", "nobody", "none", "neither", "without", "nowhere", "cannot"
        _ => true,
    }
}

/// "not", or "be" contracted with it, before "only"/"just": "isn't just a
/// hero" is "nicht nur"; "can't just leave" is a plain negation.
fn is_not_before_only(w: &str) -> bool {
    matches!(w, "not" | "isn't" | "aren't" | "wasn't" | "weren't" | "isn’t" | "aren’t" | "wasn’t" | "weren’t")
}

/// The words right before token `i` are `words` (lowercase, no punctuation between).
fn follows_words(a: &Analysis<'_>, i: usize, words: &[&str]) -> bool {
    i >= words.len()
        && words.iter().rev().enumerate().all(|(k, w)| a.tokens[i - 1 - k].is_word() && lower(a, i - 1 - k) == *w)
}

/// The words right after token `i` are `words` (lowercase, no punctuation between).
fn precedes_words(a: &Analysis<'_>, i: usize, words: &[&str]) -> bool {
    words
        .iter()
        .enumerate()
        .all(|(k, w)| a.tokens.get(i + 1 + k).is_some_and(|t| t.is_word()) && lower(a, i + 1 + k) == *w)
}

/// The negations of tokens `range` of German `a`; `marks` as for
/// [`english_polarity`].
fn german_polarity(a: &Analysis<'_>, marks: &[u8], range: Range<usize>) -> Polarity {
    let mut p = Polarity::default();
    german_polarity_into(a, marks, range, &mut p);
    p
}

/// [`german_polarity`] into `p`, which is reset first (as
/// [`english_polarity_into`]).
fn german_polarity_into(a: &Analysis<'_>, marks: &[u8], range: Range<usize>, p: &mut Polarity) {
    p.reset();
    // "nicht nur" counts as such only with a "sondern" anywhere in the unit:
    // gathered as it comes, dropped at the end when there is none.
    let mut has_sondern = false;
    // Only the words with a cue (only words have cues), found eight marks at a time.
    for i in marked(&marks[..range.end], CUE_BITS, range.start) {
        let cues = marks[i] & CUE_BITS;
        let w = a.lower(i);
        if cues & CORE != 0 && is_german_core_negator(w) {
            if w == "nicht"
                && a.tokens.get(i + 1).is_some_and(|t| t.is_word())
                && matches!(lower(a, i + 1), "nur" | "bloß" | "allein")
            {
                p.nicht_nur.push(i);
            }
            p.core.push(i);
            p.has_weder |= w == "weder";
            continue;
        }
        if cues & NOCH_OR_EXCEPT != 0 {
            match w {
                "noch" => p.noch.push(i),
                "sondern" => has_sondern |= a.token_text(i) == "sondern",
                "nur" | "bloß" => p.has_nur |= matches!(a.token_text(i), "nur" | "Nur" | "bloß" | "Bloß"),
                _ => {}
            }
            if is_german_except_word(w)
                || (w == "sei" && a.tokens.get(i + 1).is_some_and(|_| a.token_text(i + 1) == "denn"))
            {
                p.has_except = true;
            }
        }
        if cues & AFFIXED != 0 && is_german_affixed_negative(w) {
            p.affixed.push(i);
            continue;
        }
        if cues & LEXICAL == 0 || is_separated_particle(a, i, w) {
            continue;
        }
        record_lexical(p, i, w, false);
    }
    if !has_sondern {
        p.nicht_nur.clear();
    }
}

fn is_german_core_negator(w: &str) -> bool {
    // Every one starts with "n", "o", "w" or "k": other words stop here.
    matches!(w.as_bytes().first(), Some(b'n' | b'o' | b'w' | b'k')) && is_german_negator_word(w)
}

word_set! {
    /// German grammatical negators.
    DE_NEGATORS, is_german_negator_word:
    "nicht" | "nie" | "niemals" | "nichts" | "ohne" | "weder" | "nirgends" | "nirgendwo" | "keineswegs"
        | "keinesfalls" | "nimmer" | "niemand" | "niemanden" | "niemandem" | "niemands" | "kein" | "keine"
        | "keinen" | "keinem" | "keiner" | "keines" | "keins" | "keinerlei"
}

/// English words whose meaning contains a negation, so a German "nicht"
/// may translate them: "failed to" ↔ "nicht gelungen", "unclear" ↔ "nicht klar".
/// ("neither … nor" ↔ "weder … noch": "nor" is soft, so the pair counts once.)
const EN_SOFT: &[&str] = &[
    "absence",
    "absent",
    "avoid",
    "ban",
    "barely",
    "beyond",
    "block",
    "cease",
    "decline",
    "deny",
    "disallow",
    "dislike",
    "dismiss",
    "doubt",
    "except",
    "exclude",
    "fail",
    "false",
    "few",
    "forbid",
    "forget",
    "free",
    "hardly",
    "ignore",
    "illegal",
    "instead",
    "invalid",
    "lack",
    "little",
    "lose",
    "lost",
    "miss",
    "missing",
    "prevent",
    "prohibit",
    "rarely",
    "rather",
    "refrain",
    "refuse",
    "reject",
    "reluctant",
    "scarcely",
    "seldom",
    "stop",
    "unless",
    "until",
    "withhold",
    "wrong",
];

/// English negative prefixes other than "un-" whose German translation
/// usually has "un-" ("inequality" ↔ "Ungleichheit").
const EN_AFFIXED: &[&str] = &[
    "disagree",
    "dishonest",
    "imbalanc",
    "immoral",
    "impatien",
    "imposs",
    "improb",
    "inabil",
    "inaccura",
    "inadequa",
    "inappropria",
    "incapab",
    "incomplet",
    "inconsist",
    "incorrect",
    "independ",
    "ineffect",
    "inequal",
    "inevitab",
    "injust",
    "insecur",
    "insuffic",
    "invisib",
    "irregular",
    "irrespons",
];

/// "unclear", "non-binding", "homeless": negation in the word's form.
fn is_english_affixed_negative(w: &str) -> bool {
    let first = w.as_bytes().first().copied().unwrap_or(0);
    if matches!(first, b'd' | b'i' | b'n') && (w.starts_with("non-") || EN_AFFIXED.iter().any(|p| w.starts_with(p))) {
        return true;
    }
    if let Some(rest) = w.strip_prefix("un") {
        const NOT_NEGATIVE: &[&str] = &[
            "der",
            "til",
            "it",
            "ion",
            "iq",
            "ivers",
            "less",
            "ify",
            "iform",
            "ilateral",
            "veil",
            "leash",
            "ravel",
            "load",
            "lock",
            "animous",
            "fortunate",
            "expect",
            "cover",
            "fold",
        ];
        return rest.len() >= 3 && !matches!(rest, "cle" | "cles") && !NOT_NEGATIVE.iter().any(|p| rest.starts_with(p));
    }
    w.len() > 6 && w.ends_with("less") && !matches!(w, "regardless" | "nevertheless" | "unless")
}

/// `w` is `entry` or one of its inflections ("ban", "bans", "banned").
fn english_form_of(w: &str, entry: &str) -> bool {
    let Some(rest) = w.strip_prefix(entry) else {
        // "deny" → "denied", "denies"; "lose" → "losing", "refuse" → "refusal"
        let y_forms = entry
            .strip_suffix('y')
            .is_some_and(|stem| w.strip_prefix(stem).is_some_and(|r| matches!(r, "ied" | "ies" | "ial" | "ials")));
        let e_forms = entry
            .strip_suffix('e')
            .is_some_and(|stem| w.strip_prefix(stem).is_some_and(|r| matches!(r, "ing" | "al" | "als")));
        return y_forms || e_forms;
    };
    rest.is_empty()
        || matches!(
            rest,
            "s" | "es" | "d" | "ed" | "ing" | "ned" | "ning" | "ped" | "ping" | "ure" | "ures" | "al" | "ly" | "ment"
        )
}

/// German words whose meaning contains a negation: "unklar", "zweifellos",
/// "verweigern", "scheitern", "kaum", "erst" ("not until").
const DE_SOFT_PREFIXES: &[&str] = &[
    "ablehn",
    "abgelehnt",
    "anstatt",
    "anstelle",
    "ausgeschlossen",
    "ausschließ",
    "bestreit",
    "bestritt",
    "dementi",
    "egal",
    "fehlt",
    "fehlen",
    "fehlend",
    "gescheitert",
    "höchstens",
    "kaum",
    "lehnt",
    "leugn",
    "mangel",
    "misslung",
    "scheiter",
    "selten",
    "sowohl",
    "stattdessen",
    "untersag",
    "unterlass",
    "verbiet",
    "verbot",
    "verfehl",
    "vergeblich",
    "verlor",
    "verlier",
    "versag",
    "versäum",
    "verwehr",
    "verweiger",
    "verzicht",
    "vermeid",
    "vermied",
    "weiger",
    "wenig",
    "zweifel",
    "stopp",
    "abgehalten",
    "blockier",
    "gestoppt",
    "verhinder",
    "streitet",
    "stritt",
    "abstreit",
];
const DE_SOFT_WORDS: &[&str] = &["außer", "frei", "statt"];

/// "statt" and "frei" closing a clause (before punctuation or "und",
/// "oder", "aber", "doch") are the separated particles of
/// "stattfinden" and "freilassen"/"freigeben" ("Die Wahl fand am Montag
/// statt.", "Die Polizei ließ ihn frei."), not "instead" or "free of":
/// they negate nothing, and counting them hid real losses nearby.
fn is_separated_particle(a: &Analysis<'_>, i: usize, w: &str) -> bool {
    matches!(w, "statt" | "frei")
        && a.tokens
            .get(i + 1)
            .is_none_or(|t| t.kind == TokenKind::Punct || matches!(a.lower(i + 1), "und" | "oder" | "aber" | "doch"))
}

/// What a lexical entry says about a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lexical {
    Soft,
    /// Matches the whole word only.
    SoftExact,
    Negative(usize),
    Positive(usize),
}

/// Lexical entries bucketed by a word's first three bytes: every token
/// of every pair is looked up, so each is compared only with the few
/// entries that can match. Every match needs the word to start with the
/// entry's stem (the entry, or for English the entry less a final "y" or
/// "e": [`english_entry_stem`]), so an entry can only match words whose
/// first three bytes are its stem's (a shorter stem's bucket is every
/// bucket it begins). Buckets are slots of the same hash as the
/// [`Screen`]'s: a collision only adds entries that fail the match. Each
/// bucket keeps the entries in list order, which decides which family a
/// word is recorded under.
struct ByThreeBytes {
    /// Bucket number (1-based, 0 for none) by slot: a direct table rather
    /// than a hash map, since every word of every pair is looked up.
    index: Box<[u16]>,
    buckets: Vec<Vec<(&'static str, Lexical)>>,
}

impl ByThreeBytes {
    fn new(entries: impl IntoIterator<Item = (&'static str, Lexical)>, stem: fn(&str) -> &str) -> Self {
        let mut index = vec![0u16; 1 << SCREEN_HASH_BITS].into_boxed_slice();
        let mut buckets: Vec<Vec<(&'static str, Lexical)>> = Vec::new();
        for (e, tag) in entries {
            for slot in prefix_slots(stem(e).as_bytes()) {
                if index[slot] == 0 {
                    buckets.push(Vec::new());
                    index[slot] =
                        u16::try_from(buckets.len()).unwrap_or_else(|_| unreachable!("a few hundred buckets"));
                }
                let bucket = &mut buckets[usize::from(index[slot]) - 1];
                // Two short stems may share many slots; each entry once.
                if bucket.last() != Some(&(e, tag)) {
                    bucket.push((e, tag));
                }
            }
        }
        ByThreeBytes { index, buckets }
    }

    #[inline]
    fn candidates(&self, w: &str) -> &[(&'static str, Lexical)] {
        let b = w.as_bytes();
        match self.index[screen_slot(byte_or_end(b, 0), byte_or_end(b, 1), byte_or_end(b, 2))] {
            0 => &[],
            bucket => &self.buckets[usize::from(bucket) - 1],
        }
    }
}

static ENGLISH_LEXICAL: LazyLock<ByThreeBytes> =
    LazyLock::new(|| ByThreeBytes::new(english_lexical_entries(), english_entry_stem));

static GERMAN_LEXICAL: LazyLock<ByThreeBytes> = LazyLock::new(|| ByThreeBytes::new(german_lexical_entries(), |e| e));

/// The English lexical entries, in the order that decides the family.
fn english_lexical_entries() -> impl Iterator<Item = (&'static str, Lexical)> {
    let families = FAMILIES.iter().enumerate().flat_map(|(f, fam)| {
        let neg = fam.en_negative.iter().copied().flatten().map(move |&e| (e, Lexical::Negative(f)));
        neg.chain(fam.en_positive.iter().copied().flatten().map(move |&e| (e, Lexical::Positive(f))))
    });
    EN_SOFT.iter().map(|&e| (e, Lexical::Soft)).chain(families)
}

/// The German lexical entries, in the order that decides the family.
fn german_lexical_entries() -> impl Iterator<Item = (&'static str, Lexical)> {
    let families = FAMILIES.iter().enumerate().flat_map(|(f, fam)| {
        let neg = fam.de_negative.iter().copied().flatten().map(move |&e| (e, Lexical::Negative(f)));
        neg.chain(fam.de_positive.iter().copied().flatten().map(move |&e| (e, Lexical::Positive(f))))
    });
    let soft = DE_SOFT_PREFIXES.iter().map(|&e| (e, Lexical::Soft));
    let exact = DE_SOFT_WORDS.iter().map(|&e| (e, Lexical::SoftExact));
    soft.chain(exact).chain(families)
}

/// What every word an English entry matches starts with ([`english_form_of`]):
/// the entry, less a final "y" or "e" ("denied", "losing").
fn english_entry_stem(entry: &str) -> &str {
    entry.strip_suffix(['y', 'e']).unwrap_or(entry)
}

// ---------------------------------------------------------------------------
// Screening words before the checks

/// What a word may be, as far as the checks of [`english_polarity`] and
/// [`german_polarity`] go: each check runs only when its bit is set.
const CORE: u8 = 1;
/// English "yet" and "only"-words; German "noch", the "unless" words and
/// the words of "nicht nur … sondern".
const ONLY_OR_YET: u8 = 2;
const NOCH_OR_EXCEPT: u8 = 2;
const AFFIXED: u8 = 4;
const LEXICAL: u8 = 8;

/// The cue bits by a hash of a word's first three bytes (fewer for a
/// shorter word, with its end as a byte of its own): every word a check
/// accepts shares those bytes with one of the words or prefixes the check
/// was built from, or has the form its `by_form` bit stands for. Most words
/// of a text get no bit, and then none of the checks runs: the polarity
/// counts read every word of every pair. A hash collision only costs a
/// needless check.
struct Screen {
    bits: Box<[u8]>,
}

/// Bits of the screen's hash: a table of 64 KiB.
const SCREEN_HASH_BITS: u32 = 16;

/// The byte at `k` of `b`, 256 past its end.
fn byte_or_end(b: &[u8], k: usize) -> u32 {
    b.get(k).map_or(256, |&x| u32::from(x))
}

/// The screen slot of three bytes (each 0..=256, 256 for the end).
#[inline]
fn screen_slot(b0: u32, b1: u32, b2: u32) -> usize {
    let key = b0 | (b1 << 9) | (b2 << 18);
    (key.wrapping_mul(0x9E37_79B1) >> (32 - SCREEN_HASH_BITS)) as usize
}

/// The slots of every word that starts with `prefix`: one for a prefix of
/// three bytes or more, else one for each byte (or the end) that may follow.
fn prefix_slots(prefix: &[u8]) -> Vec<usize> {
    let any = || 0..=256u32;
    match *prefix {
        [] => Vec::new(),
        [b0] => any().flat_map(|b1| any().map(move |b2| screen_slot(u32::from(b0), b1, b2))).collect(),
        [b0, b1] => any().map(|b2| screen_slot(u32::from(b0), u32::from(b1), b2)).collect(),
        [b0, b1, b2, ..] => vec![screen_slot(u32::from(b0), u32::from(b1), u32::from(b2))],
    }
}

impl Screen {
    /// `words`: whole words; `prefixes`: starts of words; each with the bit it sets.
    fn new(words: &[(u8, &[&str])], prefixes: &[(u8, &[&str])]) -> Screen {
        let mut bits = vec![0u8; 1 << SCREEN_HASH_BITS].into_boxed_slice();
        for &(bit, list) in words {
            for w in list {
                let b = w.as_bytes();
                bits[screen_slot(byte_or_end(b, 0), byte_or_end(b, 1), byte_or_end(b, 2))] |= bit;
            }
        }
        for &(bit, list) in prefixes {
            for p in list {
                for slot in prefix_slots(p.as_bytes()) {
                    bits[slot] |= bit;
                }
            }
        }
        Screen { bits }
    }

    /// The checks that may accept `w`: its bits and `by_form`, the bits of
    /// checks that look at its end or length.
    #[inline]
    fn cues(&self, w: &str, by_form: u8) -> u8 {
        let b = w.as_bytes();
        self.bits[screen_slot(byte_or_end(b, 0), byte_or_end(b, 1), byte_or_end(b, 2))] | by_form
    }
}

word_set! {
    /// English grammatical negators (with "unless" and "nor", which count on conditions).
    EN_NEGATORS, is_english_negator_word:
    "not" | "nothing" | "never" | "nobody" | "none" | "neither" | "without" | "nowhere" | "cannot" | "no"
        | "unless" | "nor"
}

word_set! {
    /// The English words of "not only", "not just".
    EN_ONLY, is_only_word: "only" | "just" | "merely" | "simply"
}

word_set! {
    /// German words for "except", which may put "unless" without a negation.
    DE_EXCEPT, is_german_except_word: "außer" | "ausgenommen"
}

/// German "noch" (for "not yet"), "sei" (of "es sei denn") and the words
/// of "nicht nur … sondern".
const DE_NOCH_AND_CUES: &[&str] = &["noch", "sei", "sondern", "nur", "bloß"];
/// The words [`is_german_affixed_negative`] accepts whole.
const DE_AFFIXED_WORDS: &[&str] = &["erst", "kaum", "höchstens"];
/// The prefixes [`is_german_affixed_negative`] looks for, but for "un-"
/// ([`german_cues_by_form`]).
const DE_AFFIXED_STARTS: &[&str] = &["nicht-", "nichtsdesto", "pessimis"];

/// What the screen of one language is built from: whole words and word
/// starts, each with the check bit it sets. The shared word marks
/// (`super::word_marks`) are built from the same lists.
pub(super) struct ScreenLists {
    pub words: Vec<(u8, &'static [&'static str])>,
    pub prefixes: Vec<(u8, Vec<&'static str>)>,
}

pub(super) fn screen_lists(english: bool) -> ScreenLists {
    if english {
        let stems: Vec<&str> = english_lexical_entries().map(|(e, _)| english_entry_stem(e)).collect();
        ScreenLists {
            words: vec![(CORE, EN_NEGATORS), (ONLY_OR_YET, EN_ONLY), (ONLY_OR_YET, &["yet"])],
            prefixes: vec![(AFFIXED, EN_AFFIXED.to_vec()), (AFFIXED, vec!["non-"]), (LEXICAL, stems)],
        }
    } else {
        let entries: Vec<&str> = german_lexical_entries().map(|(e, _)| e).collect();
        ScreenLists {
            words: vec![
                (CORE, DE_NEGATORS),
                (NOCH_OR_EXCEPT, DE_EXCEPT),
                (NOCH_OR_EXCEPT, DE_NOCH_AND_CUES),
                (AFFIXED, DE_AFFIXED_WORDS),
            ],
            prefixes: vec![(AFFIXED, DE_AFFIXED_STARTS.to_vec()), (LEXICAL, entries)],
        }
    }
}

fn screen_of(english: bool) -> Screen {
    let lists = screen_lists(english);
    let prefixes: Vec<(u8, &[&str])> = lists.prefixes.iter().map(|(bit, list)| (*bit, list.as_slice())).collect();
    Screen::new(&lists.words, &prefixes)
}

static ENGLISH_SCREEN: LazyLock<Screen> = LazyLock::new(|| screen_of(true));

static GERMAN_SCREEN: LazyLock<Screen> = LazyLock::new(|| screen_of(false));

/// The check bits of every cue (all four bits below [`CUE_BITS`]).
pub(super) const CUE_BITS: u8 = CORE | ONLY_OR_YET | AFFIXED | LEXICAL;

/// The bits of lowercase `w` in its language's screen, without the
/// checks by form: what the shared word marks fall back on for a word
/// whose first bytes they do not judge.
pub(super) fn screen_cues(english: bool, w: &str) -> u8 {
    let screen = if english { &*ENGLISH_SCREEN } else { &*GERMAN_SCREEN };
    screen.cues(w, 0)
}

/// The checks by form ([`english_cues_by_form`], [`german_cues_by_form`])
/// of lowercase `w`.
#[inline]
pub(super) fn form_cues(english: bool, w: &str) -> u8 {
    if english {
        english_cues_by_form(w)
    } else {
        german_cues_by_form(w)
    }
}

/// [`form_cues`] of an ASCII word spelled `raw` (any case) whose first
/// two bytes, lowercased, are the low 16 bits of `key` (its
/// [`ascii_start_key`](crate::text::lexicon::ascii_start_key), or its first
/// bytes with bit 5 set, which is the same for the letters compared),
/// read from its bytes as written: an ASCII word's lowercase form has its
/// length, and a byte `b` is `x` or its capital exactly when `b | 0x20 ==
/// x` for the letters tested here. The shared word marks call this for
/// every ASCII word of a pair (a test compares it with [`form_cues`]).
#[inline]
pub(super) fn ascii_form_cues(english: bool, raw: &[u8], key: u32) -> u8 {
    let n = raw.len();
    let mut cues = 0;
    // "un" + three more bytes ([`is_long_un_word`]): the key's first two bytes.
    if n >= 5 && key & 0xFFFF == u32::from(u16::from_le_bytes(*b"un")) {
        cues |= AFFIXED;
    }
    let Some(&last) = raw.last() else { return cues };
    if english {
        // "n't" in any case (the apostrophe compared as it is).
        if n >= 3 && last | 0x20 == b't' && raw[n - 2] == b'\'' && raw[n - 3] | 0x20 == b'n' {
            cues |= CORE;
        }
        if n > 6
            && u32::from_le_bytes([raw[n - 4], raw[n - 3], raw[n - 2], raw[n - 1]]) | 0x2020_2020
                == u32::from_le_bytes(*b"less")
        {
            cues |= AFFIXED;
        }
    } else if n > 12 {
        cues |= AFFIXED;
    } else if n > 6 {
        let is_los = |p: usize| raw[p] | 0x20 == b'l' && raw[p + 1] | 0x20 == b'o' && raw[p + 2] | 0x20 == b's';
        if is_los(n - 5) || is_los(n - 4) || is_los(n - 3) {
            cues |= AFFIXED;
        }
    }
    cues
}

/// The cues of every token of `a` as the polarity counts read them: the
/// screen's bits and the checks by form for each word, 0 for the rest.
/// The plain definition the shared word marks must agree with.
#[cfg(test)]
fn plain_cues(a: &Analysis<'_>) -> Vec<u8> {
    let english = a.lang == crate::text::Lang::English;
    (0..a.tokens.len())
        .map(|i| {
            if !a.tokens[i].is_word() {
                return 0;
            }
            let w = a.lower(i);
            screen_cues(english, w) | form_cues(english, w)
        })
        .collect()
}

/// "un-" with at least three more bytes: both languages' affixed negatives.
#[inline]
fn is_long_un_word(b: &[u8]) -> bool {
    b.len() >= 5 && b.starts_with(b"un")
}

/// The English checks that look at a word's end or length: "n't" (and
/// "n’t"), "-less", "un-".
#[inline]
fn english_cues_by_form(w: &str) -> u8 {
    let b = w.as_bytes();
    let mut cues = 0;
    // The contracted negators: every other core negator is on the list.
    if b.ends_with(b"n't") || b.ends_with("n’t".as_bytes()) {
        cues |= CORE;
    }
    if (b.len() > 6 && w.ends_with("less")) || is_long_un_word(b) {
        cues |= AFFIXED;
    }
    cues
}

/// The German checks that look at a word's end or length: "-los",
/// "-lose", …, "-losigkeit" anywhere in a long word, and "un-".
#[inline]
fn german_cues_by_form(w: &str) -> u8 {
    let b = w.as_bytes();
    // Every "-los" ending starts within the last five bytes.
    let los = b.len() > 6 && b[b.len() - 5..].windows(3).any(|t| t == b"los");
    if los || b.len() > 12 || is_long_un_word(b) {
        AFFIXED
    } else {
        0
    }
}

/// Records the lexical negation an English or German word carries.
#[inline(always)]
fn record_lexical(p: &mut Polarity, i: usize, w: &str, english: bool) {
    let index = if english { &*ENGLISH_LEXICAL } else { &*GERMAN_LEXICAL };
    // The candidates share `w`'s first three bytes (see `ByThreeBytes`). Most
    // words have none, and then there is nothing to record: no call.
    let candidates = index.candidates(w);
    if !candidates.is_empty() {
        record_candidates(p, i, w, english, candidates);
    }
}

/// [`record_lexical`] for a word with candidate entries.
#[inline(never)]
fn record_candidates(p: &mut Polarity, i: usize, w: &str, english: bool, candidates: &[(&'static str, Lexical)]) {
    // A German entry matches only a word that starts with it, and every
    // one is four bytes or longer (a test pins it): their first four bytes
    // compared as one number reject most candidates (the "ver" bucket
    // alone has two dozen entries) before the prefix test.
    let head = if english {
        0
    } else {
        match w.as_bytes().first_chunk::<4>() {
            Some(&head) => u32::from_le_bytes(head),
            None => return,
        }
    };
    let mut soft = false;
    let mut negative_family = None;
    for &(entry, tag) in candidates {
        if !english && entry.as_bytes().first_chunk::<4>().map(|&e| u32::from_le_bytes(e)) != Some(head) {
            continue;
        }
        let matches = match (english, tag) {
            (true, _) => english_form_of(w, entry),
            (false, Lexical::SoftExact) => w == entry,
            (false, _) => w.starts_with(entry),
        };
        if !matches {
            continue;
        }
        match tag {
            Lexical::Soft | Lexical::SoftExact => soft = true,
            Lexical::Negative(f) => negative_family = Some(f),
            Lexical::Positive(f) => {
                if negative_family != Some(f) && !p.positive_verbs.contains(&(i, f)) {
                    p.positive_verbs.push((i, f));
                }
            }
        }
    }
    if let Some(f) = negative_family {
        p.positive_verbs.retain(|&(t, g)| !(t == i && g == f));
        p.negative_verbs.push((i, f));
    }
    if soft {
        p.soft.push(i);
    }
}

/// "unklar", "zweifellos", "Nicht-EU": negation in the word's form.
fn is_german_affixed_negative(w: &str) -> bool {
    // "erst" is "not until", "kaum" is "hardly": they stand for a negation.
    if w.starts_with("nicht-")
        || w.starts_with("nichtsdesto")
        || w.starts_with("pessimis")
        || matches!(w, "erst" | "kaum" | "höchstens")
    {
        return true;
    }
    if let Some(rest) = w.strip_prefix("un") {
        const NOT_NEGATIVE: &[&str] = &[
            "ter",
            "ser",
            "ion",
            "ivers",
            "gefähr",
            "bedingt",
            "weit",
            "ten",
            "garn",
            "fall",
            "wetter",
            "mittelbar",
            "längst",
            "geachtet",
        ];
        return rest.len() >= 3 && !NOT_NEGATIVE.iter().any(|p| rest.starts_with(p));
    }
    const LOS: &[&str] = &["los", "lose", "losen", "loser", "loses", "losem"];
    (w.len() > 6 && LOS.iter().any(|e| w.ends_with(e))) || (w.len() > 12 && w.contains("losigkeit"))
}

/// A verb or adjective that carries a negation, with its positive antonym
/// in both languages. Each list is made of word lists, so families that
/// share words share one list.
struct Family {
    en_negative: &'static [&'static [&'static str]],
    en_positive: &'static [&'static [&'static str]],
    de_negative: &'static [&'static [&'static str]],
    de_positive: &'static [&'static [&'static str]],
}

/// Granting, and refusing to grant, in both languages.
const EN_GRANTING: &[&str] = &["allow", "permit", "grant", "accept", "approve", "enable", "admit"];
const DE_GRANTING: &[&str] =
    &["erlaub", "gestatt", "gewähr", "zulass", "zugelassen", "ermöglich", "akzeptier", "billig", "genehmig"];
const DE_REFUSING: &[&str] = &[
    "verweiger",
    "verwehr",
    "versag",
    "ablehn",
    "abgelehnt",
    "lehnt",
    "zurückgewiesen",
    "zurückweis",
    "bestreit",
    "bestritt",
    "dementier",
];

const FAMILIES: &[Family] = &[
    Family {
        en_negative: &[&["refuse", "reject", "forbid", "forbade", "prohibit", "ban", "block", "prevent"]],
        en_positive: &[EN_GRANTING],
        de_negative: &[DE_REFUSING, &["verbiet", "verbot", "untersag", "verhinder", "blockier"]],
        de_positive: &[DE_GRANTING],
    },
    Family {
        en_negative: &[&["fail"]],
        en_positive: &[&["succeed", "success", "manage"]],
        de_negative: &[&["scheiter", "gescheitert", "versag", "misslung", "misslang", "verfehl"]],
        de_positive: &[&["gelung", "geling", "gelang", "erfolgreich"]],
    },
    Family {
        en_negative: &[&["lose", "lost", "loss"]],
        en_positive: &[&["win", "won"]],
        de_negative: &[&["verlier", "verlor"]],
        de_positive: &[&["gewinn", "gewann", "gewonnen", "siegt"]],
    },
    // "deny" is both "refuse to grant" (the first family: "deny Ukraine
    // membership" ↔ "erlaubt") and "say it is untrue" ("denied the
    // allegations" ↔ "bestätigte", "gestand"). The second sense's opposites
    // are its own: "refused to confirm" is no flip. "confirmed" is no
    // English positive: it often stands elsewhere in the same text and
    // says nothing about what was denied.
    Family {
        en_negative: &[&["deny"]],
        en_positive: &[EN_GRANTING],
        de_negative: &[DE_REFUSING, &["abstreit", "stritt", "leugn"]],
        de_positive: &[DE_GRANTING, &["bestätig", "einräum", "eingeräumt", "gesteh", "gestand"]],
    },
];

// ---------------------------------------------------------------------------
// Locating a lost negation

/// English words after a negator that say nothing about what it negates.
const SCOPE_SKIP: &[&str] = &[
    "a",
    "always",
    "an",
    "any",
    "are",
    "be",
    "been",
    "being",
    "do",
    "does",
    "even",
    "ever",
    "had",
    "has",
    "have",
    "is",
    "it",
    "necessarily",
    "really",
    "the",
    "to",
    "was",
    "were",
    "will",
    "would",
    "yet",
];

/// A tiny English→German lexicon of words that negation often governs,
/// as German prefixes (participle "ge-" stripped before matching).
const LEXICON: &[(&str, &[&str])] = &[
    ("able", &["könn", "kann", "konnt", "in der lage"]),
    ("achieve", &["erreich", "erziel", "erhalt"]),
    ("accept", &["akzept", "annehm", "angenomm"]),
    ("agree", &["einig", "zustimm", "stimmt"]),
    ("allow", &["erlaub", "gestatt", "zulass", "lass", "darf", "dürf"]),
    ("ask", &["frag", "bitt", "anfrag"]),
    ("believe", &["glaub"]),
    ("care", &["kümmer", "interess", "egal"]),
    ("case", &["fall"]),
    ("certain", &["sicher", "gewiss"]),
    ("charge", &["anklage", "anklag", "angeklagt"]),
    ("change", &["änder", "wechsel"]),
    ("clear", &["klar", "deutlich"]),
    ("come", &["komm", "kam"]),
    ("confirm", &["bestätig"]),
    ("consistent", &["konsequent", "konsistent", "durchgehend"]),
    ("decision", &["entschied", "entscheid"]),
    ("enough", &["genug", "ausreichend"]),
    ("effective", &["wirksam", "effektiv"]),
    ("election", &["wahl"]),
    ("evidence", &["beweis", "hinweis", "anzeichen", "beleg"]),
    ("expect", &["erwart"]),
    ("federal", &["bundes"]),
    ("find", &["find", "fand", "funden", "ergab", "ergeb", "feststell", "festgestellt"]),
    ("follow", &["folg", "verfolg", "beobacht"]),
    ("first", &["erst"]),
    ("found", &["find", "fand", "funden"]),
    ("get", &["bekomm", "erhalt", "erhielt", "krieg"]),
    ("give", &["geb", "gib", "gab"]),
    ("good", &["gut"]),
    ("guilty", &["schuldig"]),
    ("happen", &["passier", "geschah", "geschehen"]),
    ("have", &["hab", "hatt", "hätt"]),
    ("help", &["hilf", "helf", "half"]),
    ("hesitate", &["zöger", "bedenken"]),
    ("idea", &["ahnung", "idee", "wiss", "weiß"]),
    ("just", &["nur", "bloß", "allein"]),
    ("know", &["kenn", "wiss", "weiß", "wusst", "bekannt"]),
    ("let", &["lass", "läss", "ließ"]),
    ("lift", &["aufgehoben", "aufheb", "gelockert", "lockern"]),
    ("like", &["mag", "möcht", "gefällt", "wie"]),
    ("make", &["mach"]),
    ("merely", &["nur", "bloß", "lediglich"]),
    ("necessary", &["nötig", "notwendig", "erforderlich"]),
    ("need", &["brauch", "müss", "nötig", "notwendig"]),
    ("only", &["nur", "bloß", "allein"]),
    ("possible", &["möglich"]),
    ("progress", &["fortschritt"]),
    ("quick", &["schnell", "rasch", "zügig"]),
    ("quite", &["ganz", "völlig"]),
    ("ready", &["bereit"]),
    ("say", &["sag"]),
    ("see", &["seh", "sieh", "sah"]),
    ("sick", &["übel", "krank", "schlecht"]),
    ("single", &["einzig"]),
    ("simply", &["einfach"]),
    ("steal", &["diebstahl", "stehl", "stahl", "stohlen"]),
    ("stop", &["stopp", "abgehalten", "aufhalt", "hinder"]),
    ("sure", &["sicher"]),
    ("support", &["unterstütz", "zustimmung", "rückhalt"]),
    ("surprise", &["überrasch"]),
    ("take", &["nehm", "nimm", "nahm"]),
    ("tell", &["sag", "erzähl"]),
    ("think", &["denk", "glaub"]),
    ("true", &["wahr", "richtig", "stimm"]),
    ("use", &["nutz", "benutz", "verwend"]),
    ("want", &["woll", "will", "wollt"]),
    ("welcome", &["willkommen", "begrüß"]),
    ("work", &["funktion", "arbeit"]),
];

/// Where the German lost the negation the English has: the phrase that
/// should have been negated, starting where "nicht"/"kein"/"nie" most likely
/// stood (zero-width when only the place is known). The place is before the
/// German word that translates what the English negator governs, else after
/// a German cue ("noch", "überhaupt", "gibt es"), else at the proportional
/// position.
fn locate_lost_negation(
    pair: &PairView<'_>,
    dictionary: Option<&ding::Lexicon>,
    en_neg: usize,
    en_range: &Range<usize>,
    de_range: &Range<usize>,
) -> Span {
    let (en, de) = (pair.source, pair.target);
    let estimate = relative_in(en, en_range, en_neg);
    let near = |j: usize| (relative_in(de, de_range, j) - estimate).abs();
    let from_to = |start: usize, head: usize| {
        let s = de.tokens[start].span.start;
        let head = de.tokens[head];
        if head.is_word() && head.span.end > s {
            Span::new(s, head.span.end)
        } else {
            Span::point(s)
        }
    };
    let cue = particle_cue(pair, en_neg, en_range, de_range).filter(|&(j, _)| near(j) < 0.35);
    if let Some((j, true)) = cue {
        return from_to(j, j);
    }
    if let Some((_, j)) = lexical_match(pair, dictionary, en_neg, en_range, de_range, estimate) {
        let determiner = matches!(lower(en, en_neg), "no" | "nor");
        return from_to(negation_slot(de, j, de_range, determiner), j);
    }
    if let Some((j, false)) = cue {
        return from_to(j, j);
    }
    if let Some(j) = existential_cue(pair, en_neg, de_range) {
        return from_to(j, j);
    }
    // "Die Mieter würden ‸pünktliche …": after the auxiliary or
    // modal verb nearest to where the English negates.
    let after_aux = de_range
        .clone()
        .filter(|&j| j + 1 < de_range.end && AUXILIARIES.contains(&lower(de, j)))
        .map(|j| skip_pronoun(de, j + 1, de_range))
        .filter(|&j| near(j) < 0.2)
        .min_by(|&a, &b| near(a).total_cmp(&near(b)));
    if let Some(j) = after_aux {
        return from_to(j, j);
    }
    let j = de_range.clone().min_by(|&a, &b| near(a).total_cmp(&near(b))).unwrap_or(de_range.start);
    Span::point(de.tokens[j.min(de.tokens.len() - 1)].span.start)
}

/// Finite auxiliary and modal verbs: "nicht" often follows them directly.
const AUXILIARIES: &[&str] = &[
    "darf", "dürfe", "dürfen", "hat", "hatte", "hatten", "haben", "habe", "ist", "kann", "konnte", "konnten", "können",
    "muss", "musste", "mussten", "müssen", "sei", "seien", "sind", "soll", "sollte", "sollten", "sollen", "war",
    "waren", "werden", "wird", "wurde", "wurden", "würde", "würden", "will", "wollte", "wollen",
];

/// Skips a subject or reflexive pronoun after an inverted auxiliary ("hat er ‸…").
fn skip_pronoun(de: &Analysis<'_>, j: usize, range: &Range<usize>) -> usize {
    let pronoun = matches!(lower(de, j), "er" | "sie" | "es" | "wir" | "ich" | "ihr" | "man" | "sich" | "das");
    if pronoun && j + 1 < range.end {
        j + 1
    } else {
        j
    }
}

/// The German word that best translates one of the words the English
/// negator governs (lexicon or cognate), preferring the nearer ones.
fn lexical_match(
    pair: &PairView<'_>,
    dictionary: Option<&ding::Lexicon>,
    en_neg: usize,
    en_range: &Range<usize>,
    de_range: &Range<usize>,
    estimate: f64,
) -> Option<(f64, usize)> {
    let (en, de) = (pair.source, pair.target);
    let scope = english_scope_words(en, en_neg, en_range);
    let lexicons: Vec<_> = scope.iter().map(|(w, _)| lexicon_for(w)).collect();
    // The dictionary only when the lexicon and cognates find nothing: its
    // many senses would otherwise outbid a sure match on a later word.
    best_translated(de, &scope, &lexicons, de_range, estimate)
        .or_else(|| dictionary.and_then(|d| best_in_dictionary(de, &scope, &lexicons, de_range, estimate, d)))
}

/// Below this similarity a German word is no translation.
const MIN_SIMILARITY: f64 = 0.8;

/// The German word that best translates one of the `scope` words (whose
/// lexicon entries are `lexicons`), scored by similarity, the word's rank
/// in the scope and the distance from where the negation is expected.
fn best_translated(
    de: &Analysis<'_>,
    scope: &[(String, bool)],
    lexicons: &[Option<&'static [&'static str]>],
    de_range: &Range<usize>,
    estimate: f64,
) -> Option<(f64, usize)> {
    let mut best: Option<(f64, usize)> = None;
    for (rank, ((w, name), &lexicon)) in scope.iter().zip(lexicons).enumerate() {
        for j in de_range.clone() {
            if !de.tokens[j].is_word() {
                continue;
            }
            let sim = similarity(w, lexicon, lower(de, j));
            if sim >= MIN_SIMILARITY {
                keep_better(&mut best, translation_score(de, de_range, estimate, sim, rank, *name, j), j);
            }
        }
    }
    best
}

/// [`best_translated`] with the dictionary's stems as translations too
/// (scored [`DICTIONARY_SCORE`]) of the words the lexicon lacks, asked
/// only when `best_translated` found nothing. Then every lexicon and
/// cognate score stayed under [`MIN_SIMILARITY`], so only a dictionary hit
/// can reach it, and scoring the German words again is skipped: the
/// result is the same, at a few prefix tests per word.
fn best_in_dictionary(
    de: &Analysis<'_>,
    scope: &[(String, bool)],
    lexicons: &[Option<&'static [&'static str]>],
    de_range: &Range<usize>,
    estimate: f64,
    dictionary: &ding::Lexicon,
) -> Option<(f64, usize)> {
    let mut best: Option<(f64, usize)> = None;
    let mut stems: Vec<DictionaryStem<'_>> = Vec::new();
    for (rank, ((w, name), lexicon)) in scope.iter().zip(lexicons).enumerate() {
        if lexicon.is_some() {
            continue;
        }
        stems.clear();
        stems.extend(dictionary.stems_or_singular(w).map(DictionaryStem::new));
        if stems.is_empty() {
            continue;
        }
        for j in de_range.clone() {
            if de.tokens[j].is_word() && stems.iter().any(|s| s.matches(lower(de, j))) {
                keep_better(&mut best, translation_score(de, de_range, estimate, DICTIONARY_SCORE, rank, *name, j), j);
            }
        }
    }
    best
}

/// How good a candidate German word `j` is: its similarity, less for a
/// later scope word, for the distance from the estimate and for a name.
fn translation_score(
    de: &Analysis<'_>,
    de_range: &Range<usize>,
    estimate: f64,
    sim: f64,
    rank: usize,
    name: bool,
    j: usize,
) -> f64 {
    let distance = (relative_in(de, de_range, j) - estimate).abs();
    let name_penalty = if name { 0.25 } else { 0.0 };
    sim - 0.15 * rank as f64 - 0.5 * distance - name_penalty
}

/// Keeps `(score, j)` when it beats `best` (the first of equals stays).
fn keep_better(best: &mut Option<(f64, usize)>, score: f64, j: usize) {
    if best.is_none_or(|(b, _)| score > b) {
        *best = Some((score, j));
    }
}

/// Where "nicht" goes relative to the German word `j` it negates: before
/// the phrase `j` opens, or, when `j` is a finite verb in second position
/// followed by its object ("kümmert die Gewalt …"), at the end of the clause.
fn negation_slot(de: &Analysis<'_>, j: usize, range: &Range<usize>, determiner: bool) -> usize {
    let word = de.token_text(j);
    let next_is_object = de.tokens.get(j + 1).is_some_and(|t| t.is_word())
        && j + 1 < range.end
        && OBJECT_STARTERS.contains(&lower(de, j + 1));
    let function_word = crate::text::lexicon::contains_lower(crate::text::lexicon::GERMAN_FUNCTION_WORDS, word);
    if word.starts_with(|c: char| c.is_lowercase()) && next_is_object && !is_adjective_like(word) && !function_word {
        let mut k = j + 1;
        while k < range.end && (de.tokens[k].is_word() || de.tokens[k].kind == TokenKind::Number) {
            k += 1;
        }
        return k.min(de.tokens.len() - 1);
    }
    phrase_start(de, j, range, determiner)
}

const OBJECT_STARTERS: &[&str] = &[
    "aber", "also", "auch", "das", "dem", "den", "der", "des", "die", "diese", "diesen", "dieser", "doch", "ein",
    "eine", "einen", "es", "euch", "ihn", "ihr", "ihre", "ihren", "jedoch", "mich", "sich", "uns",
];

fn is_adjective_like(w: &str) -> bool {
    w.ends_with("lich") || w.ends_with("ig") || w.ends_with("isch") || w.ends_with("bar") || w.ends_with("sam")
}

/// Up to three content words the English negator governs.
fn english_scope_words(en: &Analysis<'_>, neg: usize, range: &Range<usize>) -> Vec<(String, bool)> {
    let mut out = Vec::with_capacity(3);
    // "unclassified" governs its own stem: "nicht vertrauliche/klassifizierte".
    let word = lower(en, neg);
    if let Some(stem) = ["non-", "dis", "un", "in", "im", "ir"].iter().find_map(|p| word.strip_prefix(p)) {
        if stem.len() >= 4 && !word.ends_with("n't") {
            out.push((stem.to_string(), false));
        }
    }
    for i in neg + 1..range.end {
        if out.len() == 3 {
            break;
        }
        if !en.tokens[i].is_word() {
            if matches!(en.token_text(i), "." | ";" | ":" | "?" | "!") {
                break;
            }
            continue;
        }
        let w = lower(en, i);
        if SCOPE_SKIP.binary_search(&w).is_err() {
            // A name says little about where the negation stood.
            let name = en.token_text(i).starts_with(|c: char| c.is_uppercase());
            out.push((w.to_string(), name));
        }
    }
    out
}

/// The German prefixes the lexicon gives for English `en`, if any. Every
/// lexicon word has two letters or more, so what `en` must start with is
/// never empty and starts with the word's first byte: comparing that byte
/// first passes over most entries at one comparison each.
fn lexicon_for(en: &str) -> Option<&'static [&'static str]> {
    let first = *en.as_bytes().first()?;
    LEXICON
        .iter()
        .find(|(word, _)| {
            word.as_bytes()[0] == first
                && en.starts_with(word.strip_suffix('e').unwrap_or(word))
                && en.len() <= word.len() + 3
        })
        .map(|(_, prefixes)| *prefixes)
}

/// A dictionary translation scores below the embedded lexicon: Ding lists
/// many senses per word, so a hit is likelier to be a coincidence.
const DICTIONARY_SCORE: f64 = 0.9;

/// A dictionary stem, and whether it must match whole: stems under four
/// letters are whole words. Counted once per stem, not once per German
/// word it is tried on.
struct DictionaryStem<'d> {
    text: &'d str,
    whole: bool,
}

impl<'d> DictionaryStem<'d> {
    fn new(text: &'d str) -> Self {
        DictionaryStem { text, whole: text.chars().count() < 4 }
    }

    /// German word `de` (lowercase) is an inflection of the stem: it starts
    /// with the stem, or does so after a participle's "ge-".
    fn matches(&self, de: &str) -> bool {
        if self.whole {
            return de == self.text;
        }
        let participle = de.strip_prefix("ge").filter(|s| s.len() > 3);
        de.starts_with(self.text) || participle.is_some_and(|s| s.starts_with(self.text))
    }
}

/// How well German `de` translates English `en` (whose lexicon entry is
/// `lexicon`): 1.0 for a lexicon hit, else a cognate score
/// ("botanical" ~ "botanischen", "certified" ~ "zertifizierte").
fn similarity(en: &str, lexicon: Option<&[&str]>, de: &str) -> f64 {
    if let Some(prefixes) = lexicon {
        let de_stem = de.strip_prefix("ge").filter(|s| s.len() > 3).unwrap_or(de);
        if prefixes.iter().any(|p| de.starts_with(p) || de_stem.starts_with(p)) {
            return 1.0;
        }
    }
    // A function word is no cognate of a content word ("sick" ≁ "sich");
    // `de` is in lowercase already, and asked last (the other tests are cheap).
    let function_word = || crate::text::lexicon::is_function_word(crate::text::lexicon::GERMAN_FUNCTION_WORDS, de);
    if en.len() < 4 || de.len() < 4 || !same_initial(en, de) || function_word() {
        return 0.0;
    }
    // Compare in German spelling: "classified" ~ "klassifizierte", "Yemen" ~ "Jemen".
    let respelled;
    let en = match (en.as_bytes()[0], de.as_bytes()[0]) {
        (b'c', b @ (b'k' | b'z')) | (b'y', b @ b'j') => {
            respelled = format!("{}{}", b as char, &en[1..]);
            respelled.as_str()
        }
        _ => en,
    };
    let common = en.chars().zip(de.chars()).take_while(|(a, b)| a == b).count();
    let shorter = en.chars().count().min(de.chars().count());
    if common >= 4 && common * 10 >= shorter * 6 {
        0.8 + 0.2 * common as f64 / shorter as f64
    } else {
        strsim::jaro_winkler(en, de) - 0.05
    }
}

/// Cognates start alike, up to German spelling ("c" → "k"/"z").
fn same_initial(en: &str, de: &str) -> bool {
    match (en.as_bytes()[0], de.as_bytes()[0]) {
        (a, b) if a == b => true,
        (b'c', b'k' | b'z') | (b'y', b'j') => true,
        _ => false,
    }
}

/// Walks back from the German word `j` over the words that open its
/// phrase: a negation stands before "den botanischen Atlas", "vom
/// Jemen aus", "davon abgehalten", „zu vernachlässigen“, not inside them.
fn phrase_start(de: &Analysis<'_>, j: usize, range: &Range<usize>, determiner: bool) -> usize {
    let head = de.token_text(j);
    let nominal =
        head.starts_with(|c: char| c.is_uppercase()) || (is_attributive_adjective(head) && noun_follows(de, j, range));
    let mut k = j;
    // An article opens the noun phrase: only a preposition may precede it.
    let mut after_article = false;
    while k > range.start {
        let prev = k - 1;
        if !de.tokens[prev].is_word() {
            if matches!(de.token_text(prev), "„" | "\"" | "“" | "»") {
                k = prev;
                continue;
            }
            break;
        }
        let w = lower(de, prev);
        let is_article = ARTICLES.contains(&w);
        let verbal = !nominal && is_verb_form(head);
        // "kein" replaces the article and follows the preposition: "in kein einziges Land".
        let opens_phrase = (nominal && !determiner && PREPOSITIONS.contains(&w))
            || (!after_article
                && ((nominal && is_article)
                    || (PRONOMINAL_ADVERBS.contains(&w) && is_verb_form(head))
                    || (verbal && opens_verb_cluster(de.token_text(prev), w))
                    || (w == "zu" && !nominal)
                    || (nominal && is_attributive_adjective(de.token_text(prev)))));
        if !opens_phrase {
            break;
        }
        after_article |= is_article;
        if PREPOSITIONS.contains(&w) {
            k = prev;
            break;
        }
        k = prev;
    }
    if !nominal && is_verb_form(head) && lower(de, k) == "zu" {
        k = prepositional_phrase_before(de, k, range).unwrap_or(k);
    }
    k
}

/// Adverbs that "nicht" precedes when they modify a verb: "nicht mehr
/// beobachtet", "nicht rechtzeitig geliefert".
const VERB_MODIFIERS: &[&str] = &[
    "ausreichend",
    "genug",
    "immer",
    "länger",
    "mehr",
    "rechtzeitig",
    "richtig",
    "sofort",
    "vollständig",
    "weiter",
    "wieder",
];

/// The word before a clause-final verb belongs to the verb group that
/// "nicht" precedes: a modifying adverb, or another verb of the cluster
/// ("‸spielen lassen werden"), but not an auxiliary ("wurde ‸gefunden").
fn opens_verb_cluster(text: &str, lower: &str) -> bool {
    if VERB_MODIFIERS.contains(&lower) {
        return true;
    }
    is_verb_form(text)
        && text.chars().count() > 4
        && !AUXILIARIES.contains(&lower)
        && !crate::text::lexicon::contains_lower(crate::text::lexicon::GERMAN_FUNCTION_WORDS, lower)
}

/// A capitalised word follows token `j` (closing quotes allowed between).
fn noun_follows(de: &Analysis<'_>, j: usize, range: &Range<usize>) -> bool {
    for k in j + 1..range.end.min(j + 5) {
        if !de.tokens[k].is_word() {
            continue;
        }
        let w = de.token_text(k);
        if w.starts_with(|c: char| c.is_uppercase()) {
            return true;
        }
        if !is_attributive_adjective(w) {
            return false;
        }
    }
    false
}

/// "seinen Wagen ‸für lange Fahrten zu verleihen": before a clause-final
/// verb, "nicht" stands in front of the prepositional phrase that precedes it.
fn prepositional_phrase_before(de: &Analysis<'_>, k: usize, range: &Range<usize>) -> Option<usize> {
    let mut p = k;
    for _ in 0..4 {
        if p <= range.start || !de.tokens[p - 1].is_word() {
            return None;
        }
        p -= 1;
        let w = lower(de, p);
        if PREPOSITIONS.contains(&w) {
            return Some(p);
        }
        let text = de.token_text(p);
        let nominal_part =
            text.starts_with(|c: char| c.is_uppercase()) || is_attributive_adjective(text) || ARTICLES.contains(&w);
        if !nominal_part {
            return None;
        }
    }
    None
}

const ARTICLES: &[&str] = &[
    "das", "dem", "den", "der", "des", "die", "diese", "diesem", "diesen", "dieser", "dieses", "ein", "eine", "einem",
    "einen", "einer", "eines", "ihr", "ihre", "ihrem", "ihren", "ihrer", "sein", "seine", "seinem", "seinen", "seiner",
    "unsere", "unseren",
];

const PREPOSITIONS: &[&str] = &[
    "am", "an", "auf", "aus", "bei", "beim", "für", "gegen", "im", "in", "mit", "nach", "über", "um", "unter", "vom",
    "von", "zu", "zum", "zur",
];

const PRONOMINAL_ADVERBS: &[&str] =
    &["dafür", "dagegen", "damit", "daran", "darauf", "daraus", "darin", "darüber", "davon", "dazu"];

/// "abgehalten", "verklagen": a lowercase participle or infinitive.
fn is_verb_form(w: &str) -> bool {
    w.starts_with(|c: char| c.is_lowercase()) && (w.ends_with("en") || w.ends_with('t'))
}

/// "botanischen", "eigenen": a lowercase inflected word that is not a function word.
fn is_attributive_adjective(w: &str) -> bool {
    let lower = crate::text::numbers::lowercase(w);
    w.chars().count() > 3
        && !AUXILIARIES.contains(&&*lower)
        && w.starts_with(|c: char| c.is_lowercase())
        && (w.ends_with('e') || w.ends_with("en") || w.ends_with("er") || w.ends_with("es") || w.ends_with("em"))
        && !crate::text::lexicon::contains_lower(crate::text::lexicon::GERMAN_FUNCTION_WORDS, w)
}

/// Places where German grammar wants the negation next to a particle:
/// "noch nicht", "überhaupt nicht", "oder nicht,", "nicht nur … sondern".
/// The flag says whether the cue is certain enough to beat a word match.
fn particle_cue(
    pair: &PairView<'_>,
    en_neg: usize,
    en_range: &Range<usize>,
    de_range: &Range<usize>,
) -> Option<(usize, bool)> {
    let (en, de) = (pair.source, pair.target);
    let en_word = lower(en, en_neg);
    let en_next = if en_neg + 1 < en_range.end { lower(en, en_neg + 1) } else { "" };
    let has_sondern = de_range.clone().any(|j| de.tokens[j].is_word() && lower(de, j) == "sondern");
    let estimate = relative_in(en, en_range, en_neg);
    let mut candidates = Vec::new();
    for j in de_range.clone() {
        if !de.tokens[j].is_word() {
            continue;
        }
        let w = lower(de, j);
        let next = j + 1;
        if next >= de_range.end {
            continue;
        }
        let next_is_word = de.tokens[next].is_word();
        if matches!(en_next, "just" | "only" | "merely" | "simply") && w == "nur" && has_sondern {
            candidates.push((j, true));
        }
        // "noch nie" for "never", "noch nicht" for "not yet".
        if w == "noch" && next_is_word && lower(de, next) != "immer" {
            candidates.push((next, en_word == "never" || en_next == "yet"));
        }
        if matches!(w, "überhaupt" | "gar" | "zumindest" | "längst") {
            candidates.push((next, true));
        }
        if w == "oder" && !next_is_word {
            candidates.push((next, true));
        }
        // "nicht im Geringsten", "nicht im Mindesten"
        if matches!(w, "im" | "in")
            && de.tokens[next].is_word()
            && matches!(lower(de, next), "geringsten" | "mindesten" | "entferntesten")
        {
            candidates.push((j, true));
        }
    }
    candidates.into_iter().min_by(|&(a, _), &(b, _)| {
        let da = (relative_in(de, de_range, a) - estimate).abs();
        let db = (relative_in(de, de_range, b) - estimate).abs();
        da.total_cmp(&db)
    })
}

/// "Es gibt ‸Beweise": an English "no" in a sentence that says something exists.
fn existential_cue(pair: &PairView<'_>, en_neg: usize, de_range: &Range<usize>) -> Option<usize> {
    let (en, de) = (pair.source, pair.target);
    let en_word = lower(en, en_neg);
    if en_word != "no" && en_word != "never" {
        return None;
    }
    for j in de_range.start..de_range.end.saturating_sub(2) {
        let (a, b) = (lower(de, j), lower(de, j + 1));
        let gives = matches!((a, b), ("gibt" | "gab" | "bestand" | "besteht", "es") | ("es", "gibt" | "gab"));
        if gives {
            return Some(j + 2);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::testing::{flagged, run};
    use crate::text::Lang;

    #[test]
    fn form_cues_from_the_ascii_spelling_are_the_form_cues() {
        let mut words: Vec<String> = crate::detect::word_marks::tests::texts(300)
            .iter()
            .flat_map(|t| t.split(' ').map(str::to_string).collect::<Vec<_>>())
            .filter(|w| w.is_ascii() && !w.is_empty())
            .collect();
        for w in [
            "Unclear",
            "UNLESS",
            "homeLESS",
            "Arbeitslos",
            "ZWECKLOSE",
            "hoffnungsLOSigkeit",
            "don'T",
            "LOS",
            "DON'T",
            "can't",
            "n't",
            "'t",
            "t",
            "nt",
            "N'T",
        ] {
            words.push(w.to_string());
        }
        // Every word of up to eight letters over a few letters that matter.
        let letters = [b'u', b'N', b'l', b'E', b's', b'O', b't', b'x'];
        for len in 1..=7u32 {
            for mut x in 0..8usize.pow(len).min(40_000) {
                let w: Vec<u8> = (0..len)
                    .map(|_| {
                        let b = letters[x % 8];
                        x /= 8;
                        b
                    })
                    .collect();
                words.push(String::from_utf8(w).unwrap_or_default());
            }
        }
        for w in &words {
            let key = crate::text::lexicon::ascii_start_key(w.as_bytes()).unwrap_or(0);
            let lower = w.to_ascii_lowercase();
            for english in [true, false] {
                assert_eq!(ascii_form_cues(english, w.as_bytes(), key), form_cues(english, &lower), "{w} {english}");
            }
        }
    }

    #[test]
    fn units_the_gate_skips_report_nothing() {
        // The gate of `check_with`: an English unit that cannot lose a
        // negation with a German unit without a core cue reports nothing.
        let texts = crate::detect::word_marks::tests::texts(1500);
        let (mut skipped, mut kept) = (0, 0);
        for (k, en_text) in texts.iter().enumerate() {
            // German texts from the same vocabulary, and hand-made ones.
            for de_text in [&texts[(k * 7 + 3) % texts.len()], &texts[(k * 13 + 1) % texts.len()]] {
                let (en, de) = (Analysis::new(en_text, Lang::English), Analysis::new(de_text, Lang::German));
                let pair = PairView::new("t", &en, &de);
                let (en_marks, de_marks) = (pair.source_marks(), pair.target_marks());
                let pair_excess = OnceCell::new();
                for (en_range, de_range) in aligned_units(&en, &de) {
                    let en_pol = english_polarity(&en, en_marks, en_range.clone());
                    let de_pol = german_polarity(&de, de_marks, de_range.clone());
                    let gated = en_pol.cannot_lose_negation() && !has_cue(de_marks, &de_range, CORE);
                    if !gated {
                        kept += 1;
                        continue;
                    }
                    skipped += 1;
                    assert!(de_pol.core.is_empty(), "{de_text}");
                    let mut out = Vec::new();
                    check_unit(&pair, None, (&en_range, &en_pol), (&de_range, &de_pol), &pair_excess, &mut out);
                    assert!(out.is_empty(), "{en_text} / {de_text}: {out:?}");
                }
            }
        }
        assert!(skipped > 100 && kept > 100, "{skipped} {kept}");
        // And the whole rule, with and without the gate, on hand-made pairs.
        let ungated = |en: &str, de: &str| {
            let (en, de) = (Analysis::new(en, Lang::English), Analysis::new(de, Lang::German));
            let pair = PairView::new("t", &en, &de);
            let (mut out, pair_excess) = (Vec::new(), OnceCell::new());
            for (en_range, de_range) in aligned_units(&en, &de) {
                let en_pol = english_polarity(&en, pair.source_marks(), en_range.clone());
                let de_pol = german_polarity(&de, pair.target_marks(), de_range.clone());
                check_unit(&pair, None, (&en_range, &en_pol), (&de_range, &de_pol), &pair_excess, &mut out);
            }
            format!("{out:?}")
        };
        let gated = |en: &str, de: &str| {
            let (en, de) = (Analysis::new(en, Lang::English), Analysis::new(de, Lang::German));
            let mut out = Vec::new();
            check_with(&PairView::new("t", &en, &de), None, &mut out);
            format!("{out:?}")
        };
        for (en, de) in [
            ("He did not come.", "Er kam."),
            ("He came. She stayed.", "Er kam nicht. Sie blieb."),
            ("The plan is unclear.", "Der Plan ist klar."),
            ("They denied the request.", "Sie erlaubten den Antrag."),
            ("Neither he nor she came.", "Weder er noch sie kamen."),
            ("This story has been updated.", "Diese Geschichte wurde aktualisiert."),
        ] {
            assert_eq!(gated(en, de), ungated(en, de), "{en} / {de}");
        }
        for (k, en) in texts.iter().enumerate().take(500) {
            let de = &texts[(k * 11 + 5) % texts.len()];
            assert_eq!(gated(en, de), ungated(en, de), "{en} / {de}");
        }
    }

    #[test]
    fn a_units_polarity_reads_the_marks_of_the_unit_only() {
        // The cue loops jump from marked token to marked token, from the
        // unit's start to its end: a unit's polarity is the whole text's
        // with every mark outside the unit cleared. (A loop that ran past
        // either end passed every other test of this rule.)
        let texts = crate::detect::word_marks::tests::texts(1500);
        let (mut units, mut cues_outside) = (0, 0);
        for (k, text) in texts.iter().enumerate() {
            for lang in [Lang::English, Lang::German] {
                let a = Analysis::new(text, lang);
                let marks = crate::detect::word_marks::marks(&a);
                let n = a.tokens.len();
                let polarity = |marks: &[u8], range: Range<usize>| {
                    let p = match lang {
                        Lang::English => english_polarity(&a, marks, range),
                        Lang::German => german_polarity(&a, marks, range),
                    };
                    format!("{p:?}")
                };
                // The sentences, and ranges cut at pseudo-random places.
                let mut ranges: Vec<Range<usize>> = a.sentences.iter().map(|s| s.tokens.clone()).collect();
                ranges.extend([
                    k % (n + 1)..n,
                    0..(k * 7) % (n + 1),
                    (k % (n + 1)) / 2..(k * 5 % (n + 1)).max(k % (n + 1)),
                ]);
                for range in ranges {
                    let mut inside = marks.clone();
                    inside.iter_mut().enumerate().filter(|(i, _)| !range.contains(i)).for_each(|(_, m)| *m = 0);
                    let unit = polarity(&marks, range.clone());
                    assert_eq!(unit, polarity(&inside, 0..n), "{lang:?} {range:?}: {text}");
                    units += 1;
                    cues_outside += usize::from(unit != polarity(&marks, 0..n));
                }
            }
        }
        assert!(cues_outside > 1000, "{cues_outside} of {units}");
    }

    #[test]
    fn a_reused_polarity_is_a_fresh_one() {
        let (mut en_pol, mut de_pol) = (Polarity::default(), Polarity::default());
        for text in crate::detect::word_marks::tests::texts(1000) {
            let (en, de) = (Analysis::new(&text, Lang::English), Analysis::new(&text, Lang::German));
            let (en_marks, de_marks) = (plain_cues(&en), plain_cues(&de));
            for s in &en.sentences {
                english_polarity_into(&en, &en_marks, s.tokens.clone(), &mut en_pol);
                let fresh = english_polarity(&en, &en_marks, s.tokens.clone());
                assert_eq!(format!("{en_pol:?}"), format!("{fresh:?}"), "{text}");
            }
            for s in &de.sentences {
                german_polarity_into(&de, &de_marks, s.tokens.clone(), &mut de_pol);
                let fresh = german_polarity(&de, &de_marks, s.tokens.clone());
                assert_eq!(format!("{de_pol:?}"), format!("{fresh:?}"), "{text}");
            }
        }
    }

    #[test]
    fn polarity_on_the_shared_word_marks_is_polarity_on_the_plain_cues() {
        for text in crate::detect::word_marks::tests::texts(4000) {
            let en = Analysis::new(&text, Lang::English);
            let (plain, marks) = (plain_cues(&en), crate::detect::word_marks::marks(&en));
            let range = 0..en.tokens.len();
            let (a, b) = (english_polarity(&en, &plain, range.clone()), english_polarity(&en, &marks, range));
            assert_eq!(format!("{a:?}"), format!("{b:?}"), "{text}");
            let de = Analysis::new(&text, Lang::German);
            let (plain, marks) = (plain_cues(&de), crate::detect::word_marks::marks(&de));
            let range = 0..de.tokens.len();
            let (a, b) = (german_polarity(&de, &plain, range.clone()), german_polarity(&de, &marks, range));
            assert_eq!(format!("{a:?}"), format!("{b:?}"), "{text}");
        }
    }

    #[test]
    fn the_screens_pass_every_word_a_check_accepts() {
        let (en, de) = (&*ENGLISH_SCREEN, &*GERMAN_SCREEN);
        let en_cues = |w: &str| en.cues(w, english_cues_by_form(w));
        let de_cues = |w: &str| de.cues(w, german_cues_by_form(w));
        for w in EN_NEGATORS.iter().chain(["don't", "isn’t", "cannot"].iter()) {
            assert_ne!(en_cues(w) & CORE, 0, "{w}");
        }
        for w in EN_ONLY.iter().chain(["yet"].iter()) {
            assert_ne!(en_cues(w) & ONLY_OR_YET, 0, "{w}");
        }
        for w in ["unclear", "non-binding", "homeless", "inequality", "disagreed", "irregularly"] {
            assert!(is_english_affixed_negative(w), "{w}");
            assert_ne!(en_cues(w) & AFFIXED, 0, "{w}");
        }
        for (entry, _) in english_lexical_entries() {
            for w in [entry.to_string(), format!("{entry}s"), format!("{entry}ing")] {
                assert_ne!(en_cues(&w) & LEXICAL, 0, "{w}");
            }
        }
        for w in ["denied", "denies", "losing", "refusal", "banned"] {
            assert_ne!(en_cues(w) & LEXICAL, 0, "{w}");
        }
        for w in DE_NEGATORS {
            assert!(is_german_core_negator(w), "{w}");
            assert_ne!(de_cues(w) & CORE, 0, "{w}");
        }
        for w in DE_EXCEPT.iter().chain(DE_NOCH_AND_CUES) {
            assert_ne!(de_cues(w) & NOCH_OR_EXCEPT, 0, "{w}");
        }
        let affixed = ["unklar", "nicht-eu", "nichtsdestotrotz", "pessimistisch", "erst", "kaum", "höchstens"];
        let by_ending = ["arbeitslos", "zwecklose", "grenzenlosen", "hoffnungslosigkeit", "obdachloser"];
        for w in affixed.iter().chain(&by_ending) {
            assert!(is_german_affixed_negative(w), "{w}");
            assert_ne!(de_cues(w) & AFFIXED, 0, "{w}");
        }
        for (entry, _) in german_lexical_entries() {
            // `record_candidates` compares the first four bytes first.
            assert!(entry.len() >= 4, "{entry}");
            for w in [entry.to_string(), format!("{entry}en"), format!("{entry}t")] {
                assert_ne!(de_cues(&w) & LEXICAL, 0, "{w}");
            }
        }
        // Most words have no bit at all.
        for w in ["und", "der", "haus", "gestern"] {
            assert_eq!(de_cues(w) & (CORE | AFFIXED), 0, "{w}");
        }
    }

    /// Findings without a dictionary, so the tests do not depend on
    /// whether Ding is installed.
    fn check_plain(en: &str, de: &str) -> Vec<Finding> {
        run_with(None, en, de)
    }

    fn run_with(dictionary: Option<&ding::Lexicon>, en: &str, de: &str) -> Vec<Finding> {
        let (source, target) = (Analysis::new(en, Lang::English), Analysis::new(de, Lang::German));
        let view = PairView::new("test", &source, &target);
        let mut out = Vec::new();
        check_with(&view, dictionary, &mut out);
        out
    }

    fn serious(en: &str, de: &'static str) -> Vec<&'static str> {
        let findings: Vec<Finding> =
            check_plain(en, de).into_iter().filter(|f| f.severity >= Severity::Major).collect();
        flagged(de, &findings)
    }

    /// The German text right after the zero-width finding.
    fn marked_before(en: &str, de: &'static str) -> Vec<&'static str> {
        marked_with(None, en, de)
    }

    /// A hand-made excerpt in Ding's format (not taken from the Debian file).
    const DICTIONARY: &str = "\
dulden {vt} | duldend | geduldet :: to tolerate | tolerating | tolerated
lassen {vt} | lassend | gelassen :: to let | letting | let
Verhalten {n} :: behaviour; behavior
";

    /// Like `marked_before`, with an explicit dictionary (or none).
    fn marked_with(dictionary: Option<&ding::Lexicon>, en: &str, de: &'static str) -> Vec<&'static str> {
        run_with(dictionary, en, de)
            .into_iter()
            .filter_map(|f| f.target)
            .map(|s| de[s.start..].split_whitespace().next().unwrap_or(""))
            .collect()
    }

    #[test]
    fn the_dictionary_finds_the_governed_word_the_lexicon_does_not_know() {
        let dictionary = ding::parse(DICTIONARY);
        let (en, de) = ("She will not tolerate such behaviour.", "Sie wird ein solches Verhalten dulden.");
        assert_eq!(marked_with(Some(&dictionary), en, de), ["dulden."]);
        // Without it the detector still flags the pair, by its heuristics.
        assert_eq!(marked_with(None, en, de).len(), 1);
        // A verb cluster is negated as a whole, with its pronominal adverb.
        let (en, de) = ("The teacher will not let us play with it.", "Die Lehrerin wird uns damit spielen lassen.");
        assert_eq!(marked_with(Some(&dictionary), en, de), ["damit"]);
    }

    fn stem_matches_reference(stem: &str, de: &str) -> bool {
        if stem.chars().count() < 4 {
            return de == stem;
        }
        let participle = de.strip_prefix("ge").filter(|s| s.len() > 3);
        de.starts_with(stem) || participle.is_some_and(|s| s.starts_with(stem))
    }

    #[test]
    fn the_first_byte_screen_finds_the_lexicon_entry_of_the_plain_scan() {
        assert!(LEXICON.iter().all(|(word, _)| word.len() >= 2));
        let plain = |en: &str| {
            LEXICON
                .iter()
                .find(|(word, _)| en.starts_with(word.strip_suffix('e').unwrap_or(word)) && en.len() <= word.len() + 3)
                .map(|(_, prefixes)| *prefixes)
        };
        let mut words: Vec<String> =
            ["", "e", "a", "seen", "single", "sick", "unable", "ü", "Able"].map(String::from).to_vec();
        for (word, _) in LEXICON {
            for ending in ["", "s", "d", "ed", "ing", "er", "ers", "ings"] {
                words.push(format!("{word}{ending}"));
                words.push(format!("{}{ending}", word.strip_suffix('e').unwrap_or(word)));
                words.push(format!("{}{ending}", &word[..word.len() - 1]));
            }
        }
        for en in &words {
            assert_eq!(lexicon_for(en), plain(en), "{en}");
        }
    }

    /// The dictionary pass as first written, the plain definition that
    /// `best_in_dictionary` must match: every German word scored again,
    /// with the dictionary's stems as extra translations.
    fn lexical_match_reference(
        pair: &PairView<'_>,
        dictionary: Option<&ding::Lexicon>,
        en_neg: usize,
        en_range: &Range<usize>,
        de_range: &Range<usize>,
        estimate: f64,
    ) -> Option<(f64, usize)> {
        let (en, de) = (pair.source, pair.target);
        let scope = english_scope_words(en, en_neg, en_range);
        let pass = |dictionary: Option<&ding::Lexicon>| {
            let mut best: Option<(f64, usize)> = None;
            for (rank, (w, name)) in scope.iter().enumerate() {
                let lexicon = lexicon_for(w);
                let stems: Vec<&str> = match dictionary {
                    Some(d) if lexicon.is_none() => d.stems_or_singular(w).collect(),
                    _ => Vec::new(),
                };
                for j in de_range.clone() {
                    if !de.tokens[j].is_word() {
                        continue;
                    }
                    let word = lower(de, j);
                    let mut sim = similarity(w, lexicon, word);
                    if sim < DICTIONARY_SCORE && stems.iter().any(|s| stem_matches_reference(s, word)) {
                        sim = DICTIONARY_SCORE;
                    }
                    if sim < 0.8 {
                        continue;
                    }
                    let distance = (relative_in(de, de_range, j) - estimate).abs();
                    let name_penalty = if *name { 0.25 } else { 0.0 };
                    let score = sim - 0.15 * rank as f64 - 0.5 * distance - name_penalty;
                    if best.is_none_or(|(b, _)| score > b) {
                        best = Some((score, j));
                    }
                }
            }
            best
        };
        pass(None).or_else(|| dictionary.and_then(|d| pass(Some(d))))
    }

    #[test]
    fn the_dictionary_pass_matches_its_plain_definition() {
        let dictionary = ding::parse(&format!(
            "{DICTIONARY}Gebäude {{n}} | Gebäude {{pl}} :: building | buildings\nbauen {{vt}} :: to build\nZahlung {{f}} :: payment\n"
        ));
        let mut pairs: Vec<(String, String)> = [
            ("She will not tolerate such behaviour.", "Sie wird ein solches Verhalten dulden."),
            ("The teacher will not let us play with it.", "Die Lehrerin wird uns damit spielen lassen."),
            ("They never built the buildings in Berlin.", "Sie haben die Gebäude in Berlin gebaut."),
            ("No payment was made for the unpaid work.", "Die Zahlung für die Arbeit wurde geleistet."),
            ("He did not certify the classified report.", "Er hat den klassifizierten Bericht zertifiziert."),
        ]
        .iter()
        .map(|&(en, de)| (en.to_string(), de.to_string()))
        .collect();
        // Pseudo-random sentences from words that hit the lexicon, the
        // dictionary, cognates and nothing.
        let en_words = [
            "not",
            "never",
            "no",
            "tolerate",
            "buildings",
            "builds",
            "let",
            "payment",
            "behaviour",
            "certified",
            "Berlin",
            "report",
            "the",
            "they",
            "unpaid",
            "quickly",
            "and",
        ];
        let de_words = [
            "nicht",
            "dulden",
            "geduldet",
            "Gebäude",
            "gebaut",
            "lassen",
            "gelassen",
            "Zahlung",
            "Verhalten",
            "zertifizierte",
            "Berlin",
            "Bericht",
            "die",
            "sie",
            "schnell",
            "und",
            "bauen",
        ];
        let mut seed = 0x2545_f491_u64;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize % n
        };
        for _ in 0..60 {
            let en: Vec<&str> = (0..3 + next(8)).map(|_| en_words[next(en_words.len())]).collect();
            let de: Vec<&str> = (0..3 + next(8)).map(|_| de_words[next(de_words.len())]).collect();
            pairs.push((en.join(" ") + ".", de.join(" ") + "."));
        }
        for (en, de) in &pairs {
            let (source, target) = (Analysis::new(en, Lang::English), Analysis::new(de, Lang::German));
            let view = PairView::new("test", &source, &target);
            let (en_range, de_range) = (0..source.tokens.len(), 0..target.tokens.len());
            for neg in 0..source.tokens.len() {
                for estimate in [0.0, 0.4, 0.9] {
                    for d in [None, Some(&dictionary)] {
                        assert_eq!(
                            lexical_match(&view, d, neg, &en_range, &de_range, estimate),
                            lexical_match_reference(&view, d, neg, &en_range, &de_range, estimate),
                            "{en} / {de} / {neg}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_dictionary_never_adds_a_finding() {
        let dictionary = ding::parse(DICTIONARY);
        for (en, de) in [
            ("She will not tolerate such behaviour.", "Sie wird ein solches Verhalten nicht dulden."),
            ("She tolerated his behaviour.", "Sie duldete sein Verhalten."),
            ("The teacher will not let us play with it.", "Die Lehrerin wird uns damit nicht spielen lassen."),
            ("The unpaid bills were settled on 12 January.", "Die Rechnungen wurden am 12. Januar bezahlt."),
        ] {
            assert!(marked_with(Some(&dictionary), en, de).is_empty(), "{de}");
        }
    }

    #[test]
    fn a_verb_modifier_goes_with_the_negated_verb() {
        let (en, de) =
            ("The nurses did not follow the patients.", "Die Pfleger haben die Patienten weiter beobachtet.");
        assert_eq!(marked_before(en, de), ["weiter"]);
        // An auxiliary is not part of what "nicht" precedes.
        assert_eq!(marked_before("The letter was never sent.", "Der Brief wurde verschickt."), ["verschickt."]);
    }

    #[test]
    fn function_words_are_no_cognates() {
        assert_eq!(similarity("sick", lexicon_for("sick"), "sich"), 0.0);
        assert_eq!(similarity("them", None, "dem"), 0.0);
    }

    #[test]
    fn a_lexicon_translation_of_a_lost_prefix_may_stand_further_away() {
        let en = "The water supply is still uncertain after the storm.";
        assert_eq!(serious(en, "Nach dem Sturm ist die Wasserversorgung weiter sicher."), ["sicher"]);
        assert!(serious(en, "Nach dem Sturm ist die Wasserversorgung weiter unsicher.").is_empty());
        assert!(serious(en, "Nach dem Sturm ist die Wasserversorgung nicht sicher.").is_empty());
    }

    #[test]
    fn lexicon_lookup_takes_the_right_entry() {
        assert_eq!(lexicon_for("single"), Some(&["einzig"][..]));
        assert_eq!(lexicon_for("seen"), Some(&["seh", "sieh", "sah"][..]));
        assert!(similarity("sick", lexicon_for("sick"), "übel") == 1.0);
    }

    #[test]
    fn lists_are_sorted() {
        let mut sorted = SCOPE_SKIP.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, SCOPE_SKIP);
    }

    #[test]
    fn catches_a_dropped_negation_after_unless() {
        let en = "Unless there is an election, nothing will change.";
        assert_eq!(marked_before(en, "Wenn es Wahlen gibt, wird sich nichts ändern."), ["Wahlen"]);
    }

    #[test]
    fn catches_a_dropped_negation_at_its_place() {
        assert_eq!(
            marked_before("The miller's ladder was never returned.", "Die Leiter des Müllers wurde zurückgegeben."),
            ["zurückgegeben."]
        );
        assert_eq!(marked_before("We did not have the botanical atlas.", "Wir hatten den botanischen Atlas."), ["den"]);
        assert_eq!(marked_before("There is no hope of rescue.", "Es gibt Hoffnung auf Rettung."), ["Hoffnung"]);
        assert_eq!(
            marked_before("The room is simply not warm enough.", "Das Zimmer ist einfach warm genug."),
            ["warm"]
        );
    }

    #[test]
    fn catches_a_lost_negative_prefix() {
        assert_eq!(serious("The outcome is unclear.", "Das Ergebnis ist klar."), ["klar"]);
        assert_eq!(
            serious("The shop sold an uncertified copy.", "Der Laden verkaufte eine zertifizierte Kopie."),
            ["eine zertifizierte"]
        );
        assert!(serious("The outcome is unclear.", "Das Ergebnis ist unklar.").is_empty());
        assert!(serious("The outcome is unclear.", "Das Ergebnis ist nicht klar.").is_empty());
    }

    #[test]
    fn catches_antonyms_and_added_negations() {
        let en = "NATO will not expand further east and will deny Ukraine membership in the alliance.";
        let de = "Die NATO expandiert nicht weiter nach Osten und erlaubt der Ukraine den Beitritt zum Bündnis.";
        assert_eq!(serious(en, de), ["erlaubt"]);
        let de = "Der Plan wurde am 12. Januar nicht genehmigt.";
        assert_eq!(flagged(de, &run(&NegationFlip, "The plan was approved on 12 January.", de)), ["nicht"]);
        // Denying what the German confirms or confesses.
        let en = "The minister denied the allegations on Monday.";
        assert_eq!(serious(en, "Der Minister bestätigte die Vorwürfe am Montag."), ["bestätigte"]);
        assert_eq!(serious(en, "Der Minister gestand die Vorwürfe am Montag."), ["gestand"]);
    }

    #[test]
    fn confirming_is_no_opposite_of_refusing_rejecting_or_blocking() {
        for (en, de) in [
            (
                "Police refused to confirm the identity of the victim.",
                "Die Polizei weigerte sich, die Identität des Opfers zu bestätigen.",
            ),
            (
                "The ministry blocked the report, a spokesman confirmed.",
                "Das Ministerium blockierte den Bericht, bestätigte ein Sprecher.",
            ),
            ("The court rejected the appeal on Monday.", "Das Gericht bestätigte das Urteil am Montag."),
            (
                "He denied the allegations but confirmed the date.",
                "Er bestritt die Vorwürfe, bestätigte aber den Termin.",
            ),
        ] {
            assert!(serious(en, de).is_empty(), "{de}");
        }
    }

    #[test]
    fn a_separated_particle_is_no_negation() {
        // "fand … statt" is "stattfinden", "ließ … frei" is "freilassen":
        // neither "instead" nor "free of", so neither explains the lost "not".
        let vote = "The vote was held on Monday, but the bill did not pass.";
        let police = "The police released him, but he was not charged.";
        for (en, de) in [
            (vote, "Die Abstimmung fand am Montag statt, aber das Gesetz wurde verabschiedet."),
            (vote, "Die Abstimmung fand am Montag statt und das Gesetz wurde verabschiedet."),
            (police, "Die Polizei ließ ihn frei, aber er wurde angeklagt."),
        ] {
            let findings = check_plain(en, de);
            assert!(
                findings.iter().any(|f| f.severity == Severity::Critical && f.confidence > 0.8),
                "{de}: {findings:?}"
            );
        }
    }

    #[test]
    fn quiet_on_restructured_negation() {
        for (en, de) in [
            ("He failed to win the vote.", "Es gelang ihm nicht, die Abstimmung zu gewinnen."),
            ("It is no longer a problem.", "Darin sehen wir kein Problem mehr."),
            (
                "It is not clear whether the US president will come to Kiev.",
                "Es ist unklar, ob der US-Präsident nach Kiew kommt.",
            ),
            (
                "Not only the US but also Europe pays 1,000 euros.",
                "Nicht nur die USA, sondern auch Europa zahlt 1.000 Euro.",
            ),
            ("Neither Russia nor Ukraine agreed.", "Weder Russland noch die Ukraine stimmten zu."),
            ("No, the rate is 3.5 percent.", "Nein, der Satz beträgt 3,5 Prozent."),
            ("He refused to comment on January 12.", "Er weigerte sich am 12. Januar, sich zu äußern."),
            ("There is no doubt about it.", "Das ist zweifellos so."),
            ("The talks will not start until January.", "Die Gespräche beginnen erst im Januar."),
            (
                "Unless there is an election, nothing will change.",
                "Es sei denn, es gibt Wahlen, wird sich nichts ändern.",
            ),
            (
                "Unless there is an election, nothing will change.",
                "Wenn es keine Wahlen gibt, wird sich nichts ändern.",
            ),
            ("Losing the vote is not the end.", "Die Abstimmung zu verlieren ist nicht das Ende."),
            ("The die die was fine, e.g. here.", "Die die war gut, z. B. hier."),
        ] {
            assert!(serious(en, de).is_empty(), "{de}: {:?}", serious(en, de));
        }
    }

    #[test]
    fn notes_a_negation_only_the_german_has() {
        let de = "Der Plan hat am 12. Januar nicht gut funktioniert.";
        let findings = check_plain("The plan worked well on 12 January.", de);
        assert_eq!(flagged(de, &findings), ["nicht"]);
        assert_eq!(findings[0].severity, Severity::Minor);
    }

    #[test]
    fn no_note_when_the_english_negates_without_a_negator() {
        for (en, de) in [
            (
                "Passengers who have yet to choose a seat get a message.",
                "Passagiere, die noch keinen Platz gewählt haben, erhalten eine Nachricht.",
            ),
            ("They hope for a nuclear-free world.", "Sie hoffen auf eine Welt ohne Atomwaffen."),
            (
                "The country made less than 7 percent of its power.",
                "Das Land erzeugte nicht einmal 7 Prozent seines Stroms.",
            ),
            ("A no-deal exit would cost 1,000 jobs.", "Ein Austritt ohne Abkommen würde 1.000 Stellen kosten."),
        ] {
            assert!(check_plain(en, de).is_empty(), "{de}: {:?}", check_plain(en, de));
        }
    }

    #[test]
    fn quiet_on_english_that_only_looks_negated() {
        for (en, de) in [
            (
                "They will decide whether or not he may leave on January 12.",
                "Sie entscheiden, ob er am 12. Januar gehen darf.",
            ),
            (
                "She isn't just a local hero, she is a global icon.",
                "Sie ist nicht nur eine lokale Heldin, sondern eine globale Ikone.",
            ),
            ("It was nothing short of a miracle.", "Es war geradezu ein Wunder."),
        ] {
            assert!(check_plain(en, de).is_empty(), "{de}: {:?}", check_plain(en, de));
        }
    }

    #[test]
    fn a_negation_after_whether_or_still_counts_when_it_is_not_or_not() {
        let de = "Er fragte, ob der Vertrag unterschrieben wurde.";
        assert!(!serious("He asked whether the contract was not signed.", de).is_empty());
    }

    #[test]
    fn a_plain_negation_before_just_is_still_caught() {
        for (en, de) in [
            ("You can't just leave the children alone at home.", "Man kann die Kinder einfach allein zu Hause lassen."),
            ("We don't simply accept the ruling of the court.", "Wir akzeptieren einfach das Urteil des Gerichts."),
        ] {
            assert!(!serious(en, de).is_empty(), "{de}");
        }
    }
}
