//! `repeated-word`: the same word twice in a row in the German ("sagte sagte").
//!
//! Decoders stutter: a word is emitted twice, and the result is the most
//! visible kind of glitch an editor can miss. German has grammatical
//! doublings ("die Forscher, die die Viren untersuchen"), so article and
//! pronoun doublings are only flagged where no relative clause or second
//! pronoun can explain them.

use super::{Detector, PairView, RuleMeta};
use crate::model::{Category, Finding, Severity};
use crate::text::lexicon;
use crate::text::{Analysis, Token, TokenKind};

crate::rule_meta! {
    /// The same word twice in a row in the German ("sagte sagte").
    ///
    /// **What it catches.** An immediate repetition of a word, separated only
    /// by spaces: "zum zum Schutz", "die Entwicklung Entwicklung", "sagte
    /// sagte am Montag", "in 2019 2019", and a word repeating the end
    /// of the compound before it ("E-Zigaretten-Werbung Werbung"). The
    /// second occurrence is marked.
    ///
    /// **Why it matters.** A stuttering decoder leaves the doubled word in
    /// published text; readers notice it at once, and it sometimes replaces
    /// a word that was meant to be there.
    ///
    /// **Not flagged.** An article doubled after a verb, where the first may
    /// be a demonstrative ("wird das das Urteil sein"), is only a minor note.
    /// Grammatical doublings: a relative pronoun followed by an article
    /// ("die Forscher, die die Viren untersuchen", "die Stadt, in der
    /// der Präsident lebt"), two pronouns ("dass sie sie liebt", "als Sie sie
    /// öffneten"), adjective and noun ("jungen Jungen"), interjections ("ja
    /// ja") and repetitions the English has too ("very very", "Bora Bora").
    ///
    /// **Example.** `Die Trainerin sagte sagte am Montag, das Team sei
    /// bereit.`: the second "sagte" is flagged.
    META {
        id: "repeated-word",
        category: Category::Grammar,
        severity: Severity::Major,
    }
}

pub struct RepeatedWord;

/// Articles and relative pronouns: doubled, they are usually a relative
/// pronoun followed by an article ("die die Viren").
const ARTICLE_LIKE: &[&str] = &["das", "dem", "den", "der", "des", "die"];

/// Pronouns that can stand next to themselves as subject and object ("dass
/// sie sie liebt", "ob es es gibt", "gebt ihr ihr"). Others ("wir wir",
/// "er er") never can.
const PRONOUNS: &[&str] = &["es", "ihr", "sie"];

/// Words doubled on purpose in speech: interjections and intensifiers.
const DELIBERATE: &[&str] = &["bla", "ha", "haha", "hm", "ja", "na", "nein", "nie", "so", "tja"];

/// Prepositions that can open a relative clause ("in der der Präsident lebt").
#[rustfmt::skip]
const PREPOSITIONS: &[&str] = &[
    "an", "auf", "aus", "bei", "durch", "für", "gegen", "hinter", "in", "mit", "nach", "neben",
    "ohne", "seit", "trotz", "um", "unter", "von", "vor", "wegen", "während", "über",
];

impl Detector for RepeatedWord {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Vec<Finding>) {
        let t = pair.target;
        let mut english_repetition: Option<bool> = None;
        // Neighbours by `windows`: no bounds check on either token.
        for (i, neighbours) in t.tokens.windows(2).enumerate() {
            let j = i + 1;
            let (a, b) = (&neighbours[0], &neighbours[1]);
            if a.kind == TokenKind::Punct || a.kind != b.kind {
                continue;
            }
            // Both tests below need the two words to end alike: the same
            // word, its lowercase form, or its compound tail. When the
            // first ends in an ASCII byte the second's last byte must match
            // it but for case: most neighbours stop here, unread.
            let (x, y) = (t.text.as_bytes()[a.span.end - 1], t.text.as_bytes()[b.span.end - 1]);
            // Bytes equal but for case differ at most in bit 5: the XOR
            // rejects most pairs without lowercasing either byte.
            if x.is_ascii() && ((x ^ y) & !0x20 != 0 || !x.eq_ignore_ascii_case(&y)) {
                continue;
            }
            if !may_repeat(t.text.as_bytes(), a, b) {
                continue;
            }
            if !only_spaces_between(t, i, j) {
                continue;
            }
            let (first, second) = (t.token_text(i), t.token_text(j));
            let compound_tail = a.is_word() && is_compound_tail(first, second);
            if !compound_tail && !same_word(first, second, t.tokens[i].span.start, t) {
                continue;
            }
            // The English doubles a word too ("very very", "Bora Bora"):
            // the German doubling is probably a faithful rendering.
            if *english_repetition.get_or_insert_with(|| has_repetition(pair.source)) {
                continue;
            }
            let confidence = if compound_tail {
                Some(0.7)
            } else if a.kind == TokenKind::Number {
                Some(0.6)
            } else {
                doubling_confidence(t, i, second)
            };
            let Some(confidence) = confidence else { continue };
            let mut finding =
                META.finding(confidence, Some(t.tokens[j].span), None, format!("\"{second}\" is repeated"));
            if confidence < 0.5 {
                finding.severity = Severity::Minor;
            }
            out.push(finding);
        }
    }
}

/// A screen that never rejects a pair [`same_word`] or [`is_compound_tail`]
/// accepts: the same word starts with the same byte, but for the case of an
/// ASCII first letter (lowercasing maps it to its ASCII lowercase), and a
/// compound tail is shorter than the word before it. Many German
/// neighbours end alike ("einen neuen"); few also start alike.
fn may_repeat(text: &[u8], a: &Token, b: &Token) -> bool {
    let (x, y) = (text[a.span.start], text[b.span.start]);
    !x.is_ascii() || x.eq_ignore_ascii_case(&y) || a.is_word() && a.span.len() > b.span.len()
}

/// Only spaces or tabs separate tokens `i` and `j` (a line break or any
/// punctuation makes the repetition deliberate or structural).
fn only_spaces_between(t: &Analysis<'_>, i: usize, j: usize) -> bool {
    let gap = &t.text[t.tokens[i].span.end..t.tokens[j].span.start];
    !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '\t' || c == '\u{a0}')
}

/// Same word, letter for letter; only a capital at the start of a sentence
/// may differ ("Die die …"). Case otherwise matters: "jungen Jungen" is an
/// adjective and a noun.
fn same_word(first: &str, second: &str, first_start: usize, t: &Analysis<'_>) -> bool {
    if first == second {
        return true;
    }
    // An ASCII word lowercases to `second` only if they match ignoring
    // ASCII case: that test spares almost every pair the sentence search.
    if first.is_ascii() && !first.eq_ignore_ascii_case(second) {
        return false;
    }
    let sentence_initial = t.sentence_at(first_start).is_some_and(|s| s.span.start == first_start);
    sentence_initial && first.to_lowercase() == second && !second.starts_with(char::is_uppercase)
}

/// "E-Zigaretten-Werbung Werbung": the word repeats the last part of the
/// hyphenated compound before it.
fn is_compound_tail(first: &str, second: &str) -> bool {
    // The tail is a suffix of `first`: that test rejects almost every pair
    // of words before the search for the hyphen.
    first.ends_with(second)
        && crate::text::tokens::rsplit_hyphen(first).is_some_and(|(_, tail)| tail == second)
        && second.chars().count() >= 3
}

/// True when the analysed text repeats any word immediately.
fn has_repetition(a: &Analysis<'_>) -> bool {
    let words: Vec<usize> = a.word_indices().collect();
    words.windows(2).any(|w| w[1] == w[0] + 1 && a.token_text(w[0]).eq_ignore_ascii_case(a.token_text(w[1])))
}

/// How sure we are that the doubling at tokens `i`, `i + 1` is a glitch;
/// `None` when German grammar explains it.
fn doubling_confidence(t: &Analysis<'_>, i: usize, word: &str) -> Option<f32> {
    let lower = word.to_lowercase();
    if lexicon::contains(DELIBERATE, &lower) {
        return None;
    }
    if lexicon::contains(PRONOUNS, &lower) {
        // Subject and object ("dass sie sie liebt") need a verb after them;
        // before a colon ("sagte sie sie:") they are a stutter.
        let before_colon = t.tokens.get(i + 2).is_some_and(|n| n.text(t.text) == ":");
        return before_colon.then_some(0.6);
    }
    if lexicon::contains(ARTICLE_LIKE, &lower) {
        if opens_relative_clause(t, i) {
            return None;
        }
        // After a preposition only one article fits ("nach der der
        // Abstimmung"); after a verb the first may be a demonstrative
        // ("wird das das Urteil sein"), so stay unsure.
        return Some(if follows_preposition(t, i) { 0.8 } else { 0.4 });
    }
    if word.chars().count() == 1 {
        return Some(0.5);
    }
    Some(0.9)
}

/// Token `i` comes right after a preposition.
fn follows_preposition(t: &Analysis<'_>, i: usize) -> bool {
    i > 0 && t.tokens[i - 1].is_word() && lexicon::contains_lower(PREPOSITIONS, t.token_text(i - 1))
}

/// Token `i` (an article-like word) follows a comma, dash, bracket, colon or
/// the sentence start, directly or after a preposition: it is a relative
/// pronoun ("…, die die Viren", "…, in der der Präsident") or a headless
/// relative ("Die die Regeln brechen, …").
fn opens_relative_clause(t: &Analysis<'_>, i: usize) -> bool {
    let mut k = i;
    if k > 0 && t.tokens[k - 1].is_word() && lexicon::contains_lower(PREPOSITIONS, t.token_text(k - 1)) {
        k -= 1;
    }
    if k == 0 {
        return true;
    }
    let prev = &t.tokens[k - 1];
    if prev.kind == TokenKind::Punct {
        return matches!(t.token_text(k - 1), "," | ";" | ":" | "-" | "–" | "—" | "(" | "„" | "\"" | "»" | "«");
    }
    t.sentence_at(t.tokens[k].span.start).is_some_and(|s| s.span.start == t.tokens[k].span.start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::testing::{flagged, run};
    use crate::model::Span;

    fn check(en: &str, de: &str) -> Vec<String> {
        flagged(de, &run(&RepeatedWord, en, de)).into_iter().map(str::to_string).collect()
    }

    #[test]
    fn may_repeat_never_rejects_a_repetition() {
        // Every pair `same_word` or `is_compound_tail` accepts passes the
        // screen: hand-made pairs and pseudo-random words from an alphabet
        // with case pairs, umlauts, a length-changing lowercase and hyphens.
        let mut texts: Vec<String> = [
            "Die die",
            "die die",
            "DIE die",
            "Über über",
            "ÜBER über",
            "STRAẞE straße",
            "İst i̇st",
            "E-Werbung Werbung",
            "A-B B",
            "2019 2019",
            "sagte sagte",
            "Sagte sagte",
            "einen neuen",
            "Ab ab",
            "ab Ab",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let alphabet = ["a", "A", "b", "ä", "Ä", "ẞ", "ß", "İ", "i", "-", "1"];
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let mut word = || {
                let len = 1 + next() % 4;
                (0..len).map(|_| alphabet[(next() % alphabet.len() as u64) as usize]).collect::<String>()
            };
            let (a, b) = (word(), word());
            texts.push(format!("{a} {b}"));
        }
        for text in &texts {
            let t = Analysis::new(text, crate::text::Lang::German);
            for i in 0..t.tokens.len().saturating_sub(1) {
                let (a, b) = (&t.tokens[i], &t.tokens[i + 1]);
                let (first, second) = (t.token_text(i), t.token_text(i + 1));
                let accepted =
                    a.is_word() && is_compound_tail(first, second) || same_word(first, second, a.span.start, &t);
                assert!(!accepted || may_repeat(t.text.as_bytes(), a, b), "{text:?}");
            }
        }
    }

    #[test]
    fn lists_are_sorted() {
        for list in [ARTICLE_LIKE, PRONOUNS, DELIBERATE, PREPOSITIONS] {
            let mut sorted = list.to_vec();
            sorted.sort_unstable();
            assert_eq!(list, sorted.as_slice());
        }
    }

    #[test]
    fn catches_stuttered_words() {
        let en = "The coach said on Monday that the team was ready.";
        let de = "Die Trainerin sagte sagte am Montag, das Team sei bereit.";
        let findings = run(&RepeatedWord, en, de);
        assert_eq!(flagged(de, &findings), ["sagte"]);
        assert_eq!(findings[0].target, Some(Span::new(20, 25)));
        assert_eq!(check("It serves as protection.", "Es dient zum zum Schutz."), ["zum"]);
        assert_eq!(check("on the road", "Pläne auf den den Weg bringen."), ["den"]);
        assert_eq!(check("the UK", "Wahlen im Vereinigten Vereinigten Königreich."), ["Vereinigten"]);
    }

    #[test]
    fn quiet_on_relative_clauses_and_pronouns() {
        let en = "Two researchers who study the viruses. She loves her. When you opened it.";
        for de in [
            "Zwei Forscher, die die Viren untersuchen, sprachen am 12. Januar.",
            "Die Stadt, in der der Präsident lebt, heißt Kiew.",
            "Ein Objekt, das das Gesicht verdeckt – z. B. eine Maske.",
            "Er weiß, dass sie sie liebt.",
            "Als Sie sie öffneten, war es leer.",
            "Die Vorwürfe gegen jungen Jungen wiegen schwer.",
            "„Ja ja“, sagte der US-Präsident.",
            "Er sagte, sagte er.",
            "Gestern hat sie sie gesehen, ob es es gibt.",
            "Die Kosten lagen bei 1.000 Euro oder 3,5 Prozent, 10 bis 12 Stück.",
        ] {
            assert!(check(en, de).is_empty(), "{de}: {:?}", check(en, de));
        }
    }

    #[test]
    fn article_doubling_without_a_reason_is_flagged() {
        assert_eq!(check("a few days after the vote", "Wenige Tage nach der der Abstimmung."), ["der"]);
        // A demonstrative after a verb is possible: only a minor note.
        let findings = run(&RepeatedWord, "that will be the verdict", "dann wird das das Urteil sein");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].severity, Severity::Minor);
        assert_eq!(check("to get plans on the road", "Pläne auf den den Weg zu bringen."), ["den"]);
    }

    #[test]
    fn catches_compound_tails_numbers_and_impossible_pronoun_pairs() {
        assert_eq!(check("ban on e-cigarette ads", "Verbot von E-Zigaretten-Werbung Werbung"), ["Werbung"]);
        assert_eq!(check("record in 2019", "Rekord in 2019 2019"), ["2019"]);
        assert_eq!(check("which is why we acted", "weshalb wir wir gehandelt haben"), ["wir"]);
        assert_eq!(check("She continued:", "Weiterhin sagte sie sie:"), ["sie"]);
    }

    #[test]
    fn quiet_when_the_english_repeats_too() {
        assert!(check("It was very very cold.", "Es war sehr sehr kalt.").is_empty());
        assert!(check("They flew to Bora Bora.", "Sie flogen nach Bora Bora.").is_empty());
    }

    #[test]
    fn odd_text_does_not_panic() {
        let odd = ["", " ", "„", "“„", ")(", "..", ", um", ", dass .", "Ä\u{2011}Ö Ä\u{2011}Ö ,, ; ;)", "zu zu zu"];
        for en in odd {
            for de in odd {
                run(&RepeatedWord, en, de);
            }
        }
    }
}
