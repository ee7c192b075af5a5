//! `omitted-content`: English content with no German counterpart.
//!
//! MT systems drop clauses and whole sentences, and the German still reads
//! fluently, so no monolingual check can see it. We align both sides on
//! anchors (names, numbers, cognates, a small lexicon; see
//! [`crate::text::anchors`]), look for the English stretch with no anchor
//! whose German counterpart is far shorter than the length model expects,
//! and report the point in the German where it went missing.

use super::length_ratio::{deficit, expected_ratio, length_z};
use super::{Detector, PairView, RuleMeta};
use crate::model::{Category, Finding, Severity, Span};
use crate::text::anchors::{self, Gap};
use crate::text::{Analysis, TokenKind};

crate::rule_meta! {
    /// English content with no German counterpart: a dropped clause, sentence or paragraph.
    ///
    /// **What it catches.** A stretch of the English source (a clause, a
    /// sentence, or the whole text when the German side is empty) that has
    /// nothing corresponding in the German: none of its names, numbers,
    /// cognates or common words appear there, and the German is shorter than
    /// a translation usually is by about that much. The finding marks the
    /// point in the German where the content went missing (a zero-width
    /// span) and the English that is missing.
    ///
    /// **Why it matters.** Omissions read fluently, so a reader never
    /// notices what they were not told. Dropped clauses often carry the
    /// qualifier, the source or the number that the sentence was about.
    ///
    /// **Not flagged.** German that is only a little shorter, free
    /// paraphrase that keeps the length, and English stretches that have an
    /// unmatched but similarly long German counterpart.
    ///
    /// **Example.** `Larsen joined a rally in Berlin on Sunday
    /// while European fishing ministers were meeting in Brussels to discuss
    /// new quotas for the Baltic.` → `Larsen nahm am Sonntag an einer
    /// Kundgebung in Berlin teil, um neue Quoten für die Ostsee zu
    /// diskutieren.`: "while European fishing ministers were meeting in
    /// Brussels" is missing after "teil".
    META {
        id: "omitted-content",
        category: Category::Omission,
        severity: Severity::Major,
    }
}

/// The pair must be at least this much shorter than expected (in standard
/// deviations of the length model) before we look for a gap.
const Z_GATE: f64 = -1.5;
/// A gap must miss at least this many German characters...
const MIN_DEFICIT_CHARS: f64 = 15.0;
/// ...and at least this share of the German the whole English calls for.
const MIN_DEFICIT_SHARE: f64 = 0.12;
/// From this z, with a gap explaining at least MAJOR_SHARE of the expected
/// German, the omission is major. Measured on challenge-dev: this keeps
/// major findings on clean pairs under 1 % (terse but faithful human
/// translations are the false alarms left).
const Z_MAJOR: f64 = -2.5;
const MAJOR_SHARE: f64 = 0.2;

pub struct OmittedContent;

impl Detector for OmittedContent {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// Reads Ding through the anchor alignment.
    fn reads_dictionary(&self) -> bool {
        true
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Vec<Finding>) {
        let (source, target) = (pair.source, pair.target);
        if !has_words(source) {
            return;
        }
        if !has_words(target) {
            out.push(META.finding(
                0.9,
                Some(Span::point(0)),
                Some(source.trimmed_span()),
                "the English has no German translation at all".to_string(),
            ));
            return;
        }
        let (en, de) = pair.char_lens();
        let z = length_z(en, de);
        if z > Z_GATE {
            return;
        }
        if !anchors::alignable(source, target) {
            return; // far longer than any segment or paragraph: see anchors::MAX_ALIGN_TOKENS
        }
        let ratio = expected_ratio(en);
        let gaps = anchors::gaps(source, target, pair.anchors());
        let Some(gap) = gaps.iter().max_by(|a, b| deficit(a, ratio).total_cmp(&deficit(b, ratio))) else { return };
        let missing = deficit(gap, ratio);
        let expected = en as f64 * ratio;
        if missing < MIN_DEFICIT_CHARS || missing < MIN_DEFICIT_SHARE * expected || !has_content(source, gap.source) {
            return;
        }
        let at = missing_point(target, gap);
        let share = missing / expected;
        let mut finding = META.finding(
            confidence(z, share),
            Some(Span::point(at)),
            Some(gap.source),
            format!(
                "no German counterpart for \"{}\" (German {:.0} % shorter than expected)",
                shorten(source.slice(gap.source)),
                100.0 * (1.0 - de as f64 / expected)
            ),
        );
        if z > Z_MAJOR || share < MAJOR_SHARE {
            finding.severity = Severity::Minor;
        }
        out.push(finding);
    }
}

/// Where in the German the content went missing. MT drops whole clauses,
/// so we pick a clause boundary (comma, period, closing quote...) inside the
/// German stretch between the anchors: the sentence end when the stretch
/// runs to the end of the text (the tail was dropped before the final
/// period), else the first boundary (the clause after the left anchor was
/// dropped). Without a boundary, right after the left anchor. When the
/// English gap opens the text and has no German stretch at all, German word
/// order moved it: an English opening clause ("After both sides rested…,
/// Friedman said") usually lands at the German sentence end.
pub(crate) fn missing_point(target: &Analysis<'_>, gap: &Gap) -> usize {
    let tokens = &target.tokens;
    let (from, to) = (gap.target_tokens.0, gap.target_tokens.1.min(tokens.len()));
    let region = &tokens[from..to];
    let has_words = region.iter().any(|t| t.kind != TokenKind::Punct);
    if from == 0 && !has_words {
        return final_punctuation_start(target);
    }
    let mut boundaries =
        region.iter().filter(|t| t.kind == TokenKind::Punct && is_clause_boundary(t.text(target.text)));
    let Some(first) = boundaries.next() else {
        return if from == 0 { final_punctuation_start(target) } else { gap.target.start };
    };
    if to >= tokens.len() {
        return final_punctuation_start(target);
    }
    first.span.start
}

/// Start of the punctuation run that ends the text (".“" in
/// "verraten.“"), or the end of the text when it ends in a word.
fn final_punctuation_start(target: &Analysis<'_>) -> usize {
    let mut at = target.text.trim_end().len();
    for tok in target.tokens.iter().rev() {
        if tok.kind != TokenKind::Punct || !is_clause_boundary(tok.text(target.text)) {
            break;
        }
        at = tok.span.start;
    }
    at
}

fn is_clause_boundary(p: &str) -> bool {
    matches!(p, "," | "." | ";" | ":" | "!" | "?" | "“" | "”" | "\"" | "»" | "«" | ")" | "–" | "—")
}

/// The English stretch holds real content: at least three words.
fn has_content(source: &Analysis<'_>, span: Span) -> bool {
    source
        .tokens
        .iter()
        .filter(|t| t.kind != TokenKind::Punct && span.start <= t.span.start && t.span.end <= span.end)
        .nth(2)
        .is_some()
}

fn has_words(side: &Analysis<'_>) -> bool {
    side.tokens.iter().any(|t| t.kind != TokenKind::Punct)
}

/// Grows with how short the German is and how much of it the gap explains.
fn confidence(z: f64, share: f64) -> f32 {
    let from_z = 1.0 - (-(-z - 1.0).max(0.0) / 2.0).exp();
    (0.3 + 0.4 * from_z + 0.3 * (share * 2.0).min(1.0)).min(0.95) as f32
}

/// At most ~60 characters of the English for the message.
fn shorten(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::testing::run;

    fn point(en: &str, de: &str) -> Option<usize> {
        run(&OmittedContent, en, de).iter().find_map(|f| f.target.map(|s| s.start))
    }

    #[test]
    fn finds_a_dropped_clause_and_marks_where_it_was() {
        let en = "Larsen joined a rally in Berlin on Sunday while European fishing ministers were meeting in Brussels to discuss new quotas for the Baltic.";
        let de =
            "Larsen nahm am Sonntag an einer Kundgebung in Berlin teil, um neue Quoten für die Ostsee zu diskutieren.";
        let at = point(en, de).expect("omission found");
        assert_eq!(&de[at..at + 1], ",");
    }

    #[test]
    fn finds_a_dropped_sentence_ending() {
        let en = "Chairwoman Dr Helga Morrow warned that drought had become a heavy burden for small farmers in Kenya.";
        let de = "Vorsitzende Dr. Helga Morrow warnte davor.";
        let found = run(&OmittedContent, en, de);
        assert_eq!(found.len(), 1);
        assert!(found[0].target.is_some_and(|s| s.is_empty()));
    }

    #[test]
    fn empty_german_is_an_omission() {
        for de in ["", "  ", "-"] {
            let found = run(&OmittedContent, "This story has been updated.", de);
            assert_eq!(found.len(), 1, "{de:?}");
            assert_eq!(found[0].severity, Severity::Major);
        }
    }

    #[test]
    fn quiet_on_faithful_translations() {
        for (en, de) in [
            ("We met on January 12 in Kyiv.", "Wir trafen uns am 12. Januar in Kiew."),
            ("The price rose by 3.5 percent to 1,000 euros.", "Der Preis stieg um 3,5 Prozent auf 1.000 Euro."),
            (
                "The US president said, for example, that the talks would continue next week.",
                "Der US-Präsident sagte z. B., dass die Gespräche nächste Woche weitergehen würden.",
            ),
            ("", "Nur Deutsch."),
            (
                "Asked why, the official said the administration wanted to use an existing format as a vehicle for the talks.",
                "Auf die Frage nach dem Grund sagte der Beamte, die Regierung wolle ein bestehendes Format als Vehikel für die Gespräche nutzen.",
            ),
        ] {
            assert!(run(&OmittedContent, en, de).is_empty(), "{de}");
        }
    }
}
