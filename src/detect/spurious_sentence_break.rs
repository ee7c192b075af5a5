//! `spurious-sentence-break`: a sentence end in the middle of a clause.

use super::{Detector, PairView, RuleMeta};
use crate::model::{Category, Finding, Severity, Span};
use crate::text::lexicon::{contains, ENGLISH_ABBREVIATIONS};
use crate::text::segment::period_is_not_a_boundary;
use crate::text::tokens::{starts_lowercase, starts_uppercase, TokenKind};

crate::rule_meta! {
    /// A period inside a sentence, followed by a lowercase word.
    ///
    /// **What it catches.** Machine translation sometimes closes a sentence
    /// too early and carries on in lowercase: the German reads as two broken
    /// fragments, and often a word went missing at the cut.
    ///
    /// **Why it matters.** Readers stumble, and the clause before the period
    /// is usually incomplete (a verb or infinitive was dropped).
    ///
    /// **Not flagged.** Abbreviations ("z. B.", "Dr.", "ca."), initials,
    /// ordinals and dates ("am 3. und 4. Mai"), ellipses, web addresses
    /// ("cnn.com") and words that are lowercase by brand ("iPhone").
    ///
    /// **Example.** `… als Vehikel für die Gespräche statt. eigens für diesen
    /// Zweck …`: the period after "statt" cuts the sentence (and "zu nutzen"
    /// is missing).
    META {
        id: "spurious-sentence-break",
        category: Category::Punctuation,
        severity: Severity::Major,
    }
}

pub struct SpuriousSentenceBreak;

impl Detector for SpuriousSentenceBreak {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Vec<Finding>) {
        let t = pair.target;
        let text = t.text;
        // Every period token is among the terminal candidates (a few a
        // text): the other tokens are not visited.
        for &i in t.terminal_candidates() {
            let tok = &t.tokens[i];
            if tok.kind != TokenKind::Punct || t.token_text(i) != "." || i == 0 {
                continue;
            }
            let (prev, Some(next)) = (t.tokens[i - 1], t.tokens.get(i + 1)) else { continue };
            if !is_lowercase_word_after_space(text, tok.span, next) {
                continue;
            }
            // "..." and ". ." are ellipses, not sentence ends.
            if prev.kind == TokenKind::Punct && t.token_text(i - 1) == "." {
                continue;
            }
            if prev.kind != TokenKind::Word || period_is_not_a_boundary(text, &t.tokens, i, t.lang) {
                continue;
            }
            // English company and title abbreviations stay in German text ("Apple Inc. in").
            if is_english_abbreviation_in_german(text, prev) {
                continue;
            }
            let span = Span::new(prev.span.start, next.span.end);
            let confidence = if prev.span.len() <= 3 { 0.6 } else { 0.9 };
            out.push(META.finding(
                confidence,
                Some(span),
                None,
                format!("period inside a sentence: \"{}\" continues in lowercase", t.slice(span)),
            ));
        }
    }
}

/// "Inc", "Ltd", "Corp" and the like, written before the period with a
/// capital: German news keeps them from English company names.
fn is_english_abbreviation_in_german(text: &str, prev: crate::text::Token) -> bool {
    let word = prev.text(text);
    starts_uppercase(word) && contains(ENGLISH_ABBREVIATIONS, word)
}

/// The token after a period is a plain lowercase word, separated by a space
/// (no space means a web address or a number: "cnn.com").
fn is_lowercase_word_after_space(text: &str, period: Span, next: &crate::text::Token) -> bool {
    let word = next.text(text);
    next.kind == TokenKind::Word
        && next.span.start > period.end
        && !text[period.end..next.span.start].contains('\n')
        && starts_lowercase(word)
        && !word.chars().skip(1).any(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::testing::{flagged, run};

    fn check(target: &str) -> Vec<&str> {
        flagged(target, &run(&SpuriousSentenceBreak, "", target))
    }

    #[test]
    fn catches_period_before_lowercase_word() {
        let de = "die Regierung wolle ein bestehendes Format als Vehikel für die Gespräche statt. eigens für diesen Zweck einen neuen erstellen.";
        assert_eq!(check(de), ["statt. eigens"]);
        assert_eq!(check("und wir bitten. die neue Regierung darum"), ["bitten. die"]);
    }

    #[test]
    fn quiet_on_abbreviations_ordinals_and_addresses() {
        for de in [
            "Es gibt z. B. viele Gründe, u. a. diesen.",
            "Das kostet ca. drei Euro bzw. vier.",
            "Am 3. und 4. Mai war es warm.",
            "Mehr auf cnn.com oder spiegel.de heute.",
            "Er wartete... und wartete.",
            "Das neue Modell. iPhone-Nutzer freuen sich.",
            "Die Firma Apple Inc. in Kalifornien wuchs.",
            "Ende des Satzes. Neuer Satz beginnt hier.",
        ] {
            assert!(check(de).is_empty(), "{de}: {:?}", check(de));
        }
    }
}
