//! `consistency`: one English name spelled two ways in the German of one
//! document or batch ("Kushner" here, "Kuschner" there).
//!
//! Unlike the other rules this one looks across pairs, so it is not a
//! [`Detector`](super::Detector). It runs in two halves that fit the
//! streaming pipeline:
//!
//! 1. [`renderings`], per pair and in parallel with the detectors: each
//!    English name in the source and the German word that renders it (the
//!    same spelling, or a near spelling within one or two edits).
//! 2. [`Consistency::observe`], sequentially in input order: per document,
//!    the first rendering of each name is remembered; a pair that renders
//!    the name differently is flagged, naming the pair with the earlier
//!    rendering. Each distinct rendering is reported once, at its first
//!    appearance, so a document never drowns in repeats.
//!
//! Pairs are grouped into documents by their id: everything before the last
//! `:` (`seed:6` → `seed`, the ids of document input), else the input file.
//! Flagging the *later* occurrence is what streaming allows: earlier pairs
//! have already been printed. The state kept is one small map per document.

use super::PairView;
use crate::model::{Category, Finding, Pair, Severity, Span};
use crate::text::tokens::{is_all_caps, starts_uppercase};
use crate::text::Analysis;
use std::collections::HashMap;

crate::rule_meta! {
    /// One English name rendered two different ways within a document.
    ///
    /// **What it catches.** A person, place or organisation name of the
    /// English source spelled one way in one German segment and another way
    /// (one or two letters apart) in another segment of the same document
    /// or batch, or within one segment. The later spelling is flagged and
    /// the message names the pair with the earlier one.
    ///
    /// **Why it matters.** Machine translation translates segment by
    /// segment and garbles names now and then; readers take two spellings
    /// for two people, and search and indexing miss one of them.
    ///
    /// **Not flagged.** German inflection (genitive "Kushners"), compounds
    /// ("Kushner-Plan"), established German names that differ more
    /// ("Moskau" for Moscow), and a consistent German spelling throughout.
    /// Pairs are grouped into documents by the id prefix before the last
    /// `:` (`report:12` → `report`), else by input file.
    ///
    /// **Example.** Pair `report:3` has "Jared Kushner", pair `report:7`
    /// "Jared Kuschner" for the same English "Jared Kushner": `report:7` is
    /// flagged, pointing back at `report:3`.
    META {
        id: "consistency",
        category: Category::Inconsistency,
        severity: Severity::Major,
    }
}

/// Whether the rule runs without being switched on in the configuration.
pub const ON_BY_DEFAULT: bool = true;

/// One English name and the German word that renders it in one pair.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendering {
    /// The English name as the source spells it.
    pub english: String,
    /// The German spelling, inflection removed ("Kushners" → "Kushner").
    pub german: String,
    /// Where the German word is.
    pub target: Span,
    /// Where the English name is.
    pub source: Span,
}

/// The names of a pair's source and their German renderings, in source
/// order. A name the German does not contain in any near form (translated,
/// or dropped) has no rendering.
pub fn renderings(pair: &PairView<'_>) -> Vec<Rendering> {
    let names = english_names(pair.source);
    if names.is_empty() {
        return Vec::new();
    }
    let words = german_words(pair.target);
    let mut out = Vec::new();
    for (name, source) in &names {
        let mut found: Vec<Rendering> = Vec::new();
        for &(word, span) in &words {
            let Some(german) = rendering_of(name, word, &names) else { continue };
            if !found.iter().any(|r| r.german == german) {
                found.push(Rendering { english: name.to_string(), german, target: span, source: *source });
            }
        }
        out.extend(found);
    }
    out
}

/// Capitalised words of the English that are not acronyms and do not open
/// a sentence (where every word is capitalised), deduplicated.
fn english_names<'t>(a: &Analysis<'t>) -> Vec<(&'t str, Span)> {
    let sentence_starts: Vec<usize> = a
        .sentences
        .iter()
        .filter_map(|s| s.tokens.clone().find(|&i| a.tokens[i].is_word()))
        .collect();
    let mut names: Vec<(&'t str, Span)> = Vec::new();
    for i in a.word_indices() {
        if sentence_starts.contains(&i) {
            continue;
        }
        let word = strip_possessive(a.token_text(i));
        if word.chars().count() < 4 || !starts_uppercase(word) || is_all_caps(word) {
            continue;
        }
        if !word.chars().all(|c| c.is_alphabetic() || c == '-') || names.iter().any(|(n, _)| *n == word) {
            continue;
        }
        let start = a.tokens[i].span.start;
        names.push((word, Span::new(start, start + word.len())));
    }
    names
}

fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s").or_else(|| word.strip_suffix("’s")).unwrap_or(word)
}

/// The capitalised parts of German words, split at hyphens
/// ("Kushner-Plan" gives "Kushner" and "Plan"), with their spans.
fn german_words<'t>(a: &Analysis<'t>) -> Vec<(&'t str, Span)> {
    let mut out = Vec::new();
    for token in a.tokens.iter().filter(|t| t.is_word()) {
        let word = token.text(a.text);
        let mut offset = token.span.start;
        for part in word.split('-') {
            if starts_uppercase(part) && !is_all_caps(part) {
                out.push((part, Span::new(offset, offset + part.len())));
            }
            offset += part.len() + 1;
        }
    }
    out
}

/// The German spelling `word` gives `name`, if `word` renders it: the same
/// name (with or without genitive s), or one within a small edit distance
/// that is not itself another name of the source.
fn rendering_of(name: &str, word: &str, names: &[(&str, Span)]) -> Option<String> {
    let stem = word.strip_suffix('s').filter(|s| s.chars().count() >= 4);
    if word == name || stem == Some(name) {
        return Some(name.to_string());
    }
    let len = name.chars().count();
    if len < 5 || word.chars().next() != name.chars().next() {
        return None;
    }
    let budget = if len <= 6 { 1 } else { 2 };
    let is_other_name = |w: &str| names.iter().any(|(n, _)| *n == w);
    let candidates = [Some(word), stem];
    let best = candidates
        .into_iter()
        .flatten()
        .filter(|w| !is_other_name(w) && w.chars().count() >= 5)
        .map(|w| (strsim::damerau_levenshtein(name, w), w))
        .min_by_key(|(d, _)| *d)?;
    (best.0 <= budget).then(|| best.1.to_string())
}

/// The document a pair belongs to, for grouping.
pub fn document_of(pair: &Pair) -> &str {
    match pair.id.rfind(':') {
        Some(at) => &pair.id[..at],
        None => pair.origin.as_ref().map_or("", |o| &o.file),
    }
}

/// The first rendering of a name in a document, and every spelling seen.
struct NameState {
    first: String,
    first_pair: String,
    seen: Vec<String>,
}

/// The cross-pair half: remembers renderings per document, in input order.
#[derive(Default)]
pub struct Consistency {
    documents: HashMap<String, HashMap<String, NameState>>,
}

impl Consistency {
    pub fn new() -> Self {
        Consistency::default()
    }

    /// Records `pair`'s renderings and returns findings for spellings that
    /// differ from the document's earlier (or the same pair's) spelling.
    pub fn observe(&mut self, pair: &Pair, renderings: Vec<Rendering>) -> Vec<Finding> {
        if renderings.is_empty() {
            return Vec::new();
        }
        let names = self.documents.entry(document_of(pair).to_string()).or_default();
        let mut out = Vec::new();
        for r in renderings {
            let state = names.entry(r.english.clone()).or_insert_with(|| NameState {
                first: r.german.clone(),
                first_pair: pair.id.clone(),
                seen: Vec::new(),
            });
            if state.seen.contains(&r.german) {
                continue;
            }
            state.seen.push(r.german.clone());
            if state.first != r.german {
                out.push(finding(&r, state, &pair.id));
            }
        }
        out
    }
}

/// A finding on the new spelling. When the new spelling is the English one
/// the mistake is more likely the earlier spelling, so it is only minor here.
fn finding(r: &Rendering, state: &NameState, pair_id: &str) -> Finding {
    let place = if state.first_pair == pair_id { "earlier in this pair".to_string() } else { format!("in pair {}", state.first_pair) };
    let message = format!(
        "\"{}\" is spelled \"{}\" here but \"{}\" {place}",
        r.english, r.german, state.first
    );
    let mut f = META.finding(0.7, Some(r.target), Some(r.source), message);
    if r.german == r.english {
        f.severity = Severity::Minor;
        f.confidence = 0.5;
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Lang;

    fn renderings_of(source: &str, target: &str) -> Vec<(String, String)> {
        let s = Analysis::new(source, Lang::English);
        let t = Analysis::new(target, Lang::German);
        let view = PairView { id: "t", source: &s, target: &t };
        renderings(&view).into_iter().map(|r| (r.english, r.german)).collect()
    }

    fn run_document(pairs: &[(&str, &str, &str)]) -> Vec<(String, String)> {
        let mut c = Consistency::new();
        let mut flagged = Vec::new();
        for (id, en, de) in pairs {
            let pair = Pair::new(*id, *en, *de);
            let s = Analysis::new(en, Lang::English);
            let t = Analysis::new(de, Lang::German);
            let view = PairView { id, source: &s, target: &t };
            for f in c.observe(&pair, renderings(&view)) {
                let span = f.target.unwrap();
                flagged.push((id.to_string(), de[span.start..span.end].to_string()));
            }
        }
        flagged
    }

    #[test]
    fn finds_renderings_through_inflection_compounds_and_typos() {
        let got = renderings_of("He met Jared Kushner in Berlin.", "Er traf Jared Kushners Team in Berlin.");
        assert_eq!(got, [("Jared".into(), "Jared".into()), ("Kushner".into(), "Kushner".into()), ("Berlin".into(), "Berlin".into())]);
        let got = renderings_of("He met Jared Kushner.", "Er traf den Kuschner-Berater.");
        assert_eq!(got, [("Kushner".into(), "Kuschner".into())]);
    }

    #[test]
    fn catches_a_name_spelled_two_ways_in_one_document() {
        let flagged = run_document(&[
            ("doc:1", "He met Jared Kushner on Monday.", "Er traf Jared Kushner am Montag."),
            ("doc:2", "Then the talks ended.", "Dann endeten die Gespräche."),
            ("doc:3", "Later, Kushner flew home.", "Später flog Kuschner nach Hause."),
            ("doc:4", "Kushner said nothing. Then Kushner left.", "Kuschner schwieg. Dann ging Kuschner."),
        ]);
        assert_eq!(flagged, [("doc:3".to_string(), "Kuschner".to_string())]);
    }

    #[test]
    fn catches_two_spellings_in_one_pair() {
        let flagged = run_document(&[("d:1", "Smith met Kushner and then Kushner left.", "Smith traf Kushner, dann ging Kuschner.")]);
        assert_eq!(flagged, [("d:1".to_string(), "Kuschner".to_string())]);
    }

    #[test]
    fn documents_are_separate() {
        let flagged = run_document(&[
            ("a:1", "They met Kushner.", "Sie trafen Kushner."),
            ("b:1", "They met Kushner.", "Sie trafen Kuschner."),
        ]);
        assert!(flagged.is_empty(), "{flagged:?}");
    }

    #[test]
    fn quiet_on_consistent_german_names_and_traps() {
        let flagged = run_document(&[
            ("d:1", "Officials in Moscow and Kiev met US President Trump.", "Beamte in Moskau und Kiew trafen US-Präsident Trump."),
            ("d:2", "Moscow said Trump's envoy arrived on January 12.", "Moskau sagte, Trumps Gesandter sei am 12. Januar angekommen."),
            ("d:3", "The Trump administration, e.g. Pompeo, agreed.", "Die Trump-Regierung, z. B. Pompeo, stimmte zu."),
            ("d:4", "Pompeo and Johnson, but not Johnston, came.", "Pompeo und Johnson, aber nicht Johnston, kamen."),
            ("d:5", "Johnston spoke about Brussels.", "Johnston sprach über Brüssel."),
            ("d:6", "Brussels agreed with Johnston.", "Brüssel stimmte Johnstons Plan zu."),
        ]);
        assert!(flagged.is_empty(), "{flagged:?}");
    }

    #[test]
    fn the_later_english_spelling_is_only_minor() {
        let mut c = Consistency::new();
        let pairs = [("d:1", "They met Kushner.", "Sie trafen Kuschner."), ("d:2", "They met Kushner.", "Sie trafen Kushner.")];
        let mut severities = Vec::new();
        for (id, en, de) in pairs {
            let s = Analysis::new(en, Lang::English);
            let t = Analysis::new(de, Lang::German);
            let view = PairView { id, source: &s, target: &t };
            severities.extend(c.observe(&Pair::new(id, en, de), renderings(&view)).into_iter().map(|f| f.severity));
        }
        assert_eq!(severities, [Severity::Minor]);
    }
}
