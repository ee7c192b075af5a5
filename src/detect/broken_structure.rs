//! `broken-structure`: a German sentence whose clauses do not fit together,
//! found where German syntax leaves no doubt (two patterns, see below).
//!
//! Without a parser most structural errors are invisible to a word-level
//! checker, and guessing produces false alarms. Two patterns are safe. An
//! infinitive clause opened by "um", "ohne", "statt" or "anstatt" after a
//! comma ends with "zu" + infinitive and must then be closed by a comma (or
//! end, or go on with "und"/"oder"). A finite verb directly after the
//! infinitive means the translation lost the piece that joined the two
//! clauses, typically a noun ("Russia's demand that …" → "… zu diskutieren
//! fordert, dass …"). The other: German puts the verb of a "dass"/"weil"
//! clause last, so such a clause that ends the sentence with nothing but
//! nouns, numbers and function words has lost its verb.

use super::word_marks::FINITE_VERB;
use super::{Detector, PairView, RuleMeta};
use crate::model::{Category, Finding, Severity, Span};
use crate::text::lexicon;
use crate::text::tokens::starts_lowercase;
use crate::text::{Analysis, TokenKind};

crate::rule_meta! {
    /// Clauses that cannot fit together: a finite verb after an "um … zu" clause, two finite verbs in a row, a "dass" clause with no verb.
    ///
    /// **What it catches.** An infinitive clause opened after a comma by
    /// "um", "ohne", "statt" or "anstatt" that runs straight into a finite
    /// verb: "…, um über die Zukunft des Landes zu diskutieren fordert, dass
    /// …". German requires a comma after such a clause, and a finite verb
    /// there has no subject: the translation dropped whatever joined the
    /// clauses (here "Russia's demand"). And a subordinate clause ("dass",
    /// "weil", "obwohl", "nachdem", "bevor", "sodass") that ends its
    /// sentence without any word that could be its verb: "…, dass es eine
    /// Panne mit der Abstimmung." And two different finite verbs side by
    /// side, "die gestern gesehen wurde ist verschwunden": the comma
    /// that closes the subordinate clause, or the clause link, was lost.
    ///
    /// **Why it matters.** The sentence cannot be read as written; the
    /// reader has to guess who demands what.
    ///
    /// **Not flagged.** The clause closed by a comma or the sentence end, or
    /// continued with "und", "oder", "sowie"; verb-final clauses such as
    /// "was noch zu tun ist" (no "um"); "um" as a preposition ("um 10 Uhr");
    /// elliptic "ob"/"wenn" clauses ("ob Jung oder Alt", "wenn nötig");
    /// clauses interrupted by any punctuation. The rule is deliberately
    /// narrow: most broken sentences need a parser.
    ///
    /// **Example.** `… die sich Anfang Januar treffen, um über die Zukunft
    /// des Landes und Russlands zu diskutieren fordert, dass die NATO …`:
    /// "zu diskutieren fordert" is flagged.
    META {
        id: "broken-structure",
        category: Category::Grammar,
        severity: Severity::Major,
    }
}

pub struct BrokenStructure;

/// Words that open an infinitive clause that must be closed by a comma
/// (tested by [`is_infinitive_opener`], which a test compares with this).
#[cfg(test)]
const INFINITIVE_OPENERS: &[&str] = &["anstatt", "ohne", "statt", "um"];

/// How far (in tokens) an infinitive clause may run before its "zu".
const MAX_CLAUSE_TOKENS: usize = 30;

/// Lowercase words that may follow "zu" + infinitive inside the clause.
#[rustfmt::skip]
const CONTINUATIONS: &[&str] = &[
    "aber", "als", "anstatt", "beziehungsweise", "bzw", "noch", "oder", "sondern", "sowie", "statt",
    "und", "wie",
];

/// Conjunctions that open a clause with its verb at the end. The rule
/// asks [`is_subordinator_word`], a `match` on these words; the tests
/// compare the two.
#[cfg(test)]
const SUBORDINATORS: &[&str] = &["bevor", "dass", "nachdem", "obwohl", "sodass", "weil"];

/// Lowercase words that are never the verb of a clause: articles,
/// prepositions, pronouns, conjunctions and frequent adverbs. ("sein" and
/// "ja" are left out: both may end a clause legitimately.)
#[rustfmt::skip]
const CLOSED_CLASS: &[&str] = &[
    "ab", "aber", "alle", "allen", "aller", "alles", "als", "am", "an", "ans", "auch", "auf", "aus", "bei",
    "beim", "bereits", "bis", "bzw", "da", "dann", "das", "dem", "den", "der", "des", "die", "diese",
    "diesem", "diesen", "dieser", "dieses", "doch", "dort", "durch", "ein", "eine", "einem", "einen",
    "einer", "eines", "einige", "er", "es", "etwa", "euch", "fast", "für", "gegen", "gegenüber", "hier",
    "ich", "ihm", "ihn", "ihnen", "ihr", "ihre", "ihrem", "ihren", "ihrer", "ihres", "im", "immer", "in",
    "ins", "jeder", "jedes", "kein", "keine", "keinem", "keinen", "keiner", "man", "mehr", "mich", "mir",
    "mit", "nach", "nicht", "noch", "nur", "oder", "ohne", "pro", "rund", "schon", "sehr", "seine",
    "seinem", "seinen", "seiner", "seines", "seit", "sich", "sie", "so", "sowie", "um", "und", "uns",
    "unter", "viele", "vielen", "vom", "von", "vor", "wegen", "weiter", "wie", "wieder", "wir", "zu",
    "zum", "zur", "zwischen", "über",
];

/// Frequent finite verb forms without the regular "-t" ending.
#[rustfmt::skip]
pub(super) const IRREGULAR_FINITE: &[&str] = &[
    "darf", "gab", "ging", "hat", "ist", "kam", "kann", "mag", "muss", "sind", "soll", "war", "waren",
    "will", "wird", "wurde", "wurden",
];

/// Lowercase words ending in "-t" that are not verbs.
#[rustfmt::skip]
const NOT_VERBS: &[&str] = &[
    "bekannt", "bereit", "bereits", "damit", "direkt", "erst", "exakt", "fast", "insgesamt",
    "jetzt", "komplett", "konkret", "korrekt", "leicht", "längst", "meist", "nicht", "oft",
    "perfekt", "recht", "schlecht", "seit", "selbst", "sofort", "somit", "weit", "weltweit",
    "zuerst", "zuletzt", "zumindest", "zunächst",
];

impl Detector for BrokenStructure {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Vec<Finding>) {
        let t = pair.target;
        // Both clause checks start after a comma token: a text without a
        // ',' byte (one fast scan) spares them their pass over the tokens.
        let has_comma = memchr::memchr(b',', t.text.as_bytes()).is_some();
        // The comma tokens, found in one pass: both clause checks start
        // right after one, and testing each token for a comma in each
        // check was most of this rule's cost.
        let commas = if has_comma { comma_tokens(t) } else { Vec::new() };
        if has_comma {
            check_verbless_subordinate_clauses(t, &commas, out);
        }
        check_adjacent_finite_verbs(t, pair.target_marks(), out);
        if !has_comma {
            return;
        }
        // `opens_infinitive_clause` for every token after a comma: the
        // tokens after no comma fail its first test.
        for i in commas.iter().map(|&c| c + 1).filter(|&i| i < t.tokens.len()) {
            if !opens_infinitive_clause(t, i) {
                continue;
            }
            out.extend(infinitive_into_finite_verb(t, i));
        }
    }
}

/// Two different finite verbs side by side, "gesehen wurde ist
/// verschwunden": German ends a subordinate clause with its verb and must
/// put a comma before the main verb that follows, so two finite forms in a
/// row mean a lost comma or a lost clause boundary. Only unambiguous
/// finite forms count ("haben", "werden" may be infinitives: "haben wird").
fn check_adjacent_finite_verbs(t: &Analysis<'_>, marks: &[u8], out: &mut Vec<Finding>) {
    // The shared word marks screen the tokens eight at a time: only a word
    // whose first three bytes open a listed form has [`FINITE_VERB`] (the
    // forms' own test follows), and few do. Only the German table sets
    // that bit: on any other analysis this check would silently find nothing.
    debug_assert_eq!(t.lang, crate::text::Lang::German);
    // The listed forms are 3 to 6 bytes long: the span says so before the
    // word is sliced out of the text.
    let is_finite = |k: usize| {
        let tok = t.tokens[k];
        tok.is_word() && (3..=6).contains(&(tok.span.end - tok.span.start)) && is_irregular_finite(t.token_text(k))
    };
    // The last finite token seen, if any.
    let mut previous_finite = None;
    for k in marked(marks, FINITE_VERB) {
        if !is_finite(k) {
            continue;
        }
        let follows_finite = k > 0 && previous_finite == Some(k - 1);
        previous_finite = Some(k);
        if !follows_finite || t.token_text(k - 1) == t.token_text(k) {
            continue;
        }
        let span = Span::new(t.tokens[k - 1].span.start, t.tokens[k].span.end);
        out.push(META.finding(
            0.5,
            Some(span),
            None,
            format!(
                "two finite verbs in a row (\"{}\"): a comma or the link between two clauses is missing",
                t.slice(span)
            ),
        ));
    }
}

/// The indices, in order, of the marks with `bit`: eight marks are tested
/// at once, as one integer (nearly every token has no such bit).
fn marked(marks: &[u8], bit: u8) -> impl Iterator<Item = usize> + '_ {
    let spread = u64::from_ne_bytes([bit; 8]);
    let chunks = marks.chunks_exact(8);
    let tail = chunks.remainder();
    let tail_at = marks.len() - tail.len();
    let full = chunks.enumerate().filter(move |(_, chunk)| {
        let eight: [u8; 8] = [chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7]];
        u64::from_ne_bytes(eight) & spread != 0
    });
    let full = full.flat_map(move |(n, chunk)| {
        chunk.iter().enumerate().filter(move |(_, m)| **m & bit != 0).map(move |(i, _)| n * 8 + i)
    });
    full.chain(tail.iter().enumerate().filter(move |(_, m)| **m & bit != 0).map(move |(i, _)| tail_at + i))
}

/// A subordinate clause ("dass", "weil", …) that runs to the end of its
/// sentence, uninterrupted by any punctuation, and contains no word that
/// could be its verb: only capitalised words (nouns, names), numbers and
/// function words. German puts the verb at the end of such a clause, so
/// "…, dass es eine Panne mit der Abstimmung." lost it.
fn check_verbless_subordinate_clauses(t: &Analysis<'_>, commas: &[usize], out: &mut Vec<Finding>) {
    for sentence in &t.sentences {
        let range = sentence.tokens.clone();
        let Some(last) = range.end.checked_sub(1) else { continue };
        if t.tokens[last].kind != TokenKind::Punct || t.token_text(last) != "." {
            continue;
        }
        // "… am 19." is an ordinal cut off (a date running on), not a clause end.
        if last > 0 && t.tokens[last - 1].kind == TokenKind::Number {
            continue;
        }
        // The last subordinator of `range.start..last`: only a token after
        // a comma can be one, so the commas before `last - 1` are read
        // from the end (a comma just before the sentence counts too).
        let before = &commas[..commas.partition_point(|&c| c + 1 < last)];
        let Some(conj) =
            before.iter().rev().map(|&c| c + 1).take_while(|&k| k >= range.start).find(|&k| is_subordinator(t, k))
        else {
            continue;
        };
        let clause = conj + 1..last;
        let words = clause.len();
        if words < 3 || clause.clone().any(|k| t.tokens[k].kind == TokenKind::Punct) {
            continue;
        }
        // From the end: the verb of a subordinate clause comes last, so
        // the first word tested decides for most clauses.
        if clause.clone().rev().any(|k| could_be_verb(t, k)) {
            continue;
        }
        let span = Span::new(t.tokens[conj].span.start, t.tokens[last - 1].span.end);
        out.push(META.finding(0.6, Some(span), None, format!("the clause \"{}\" has no verb", t.slice(span))));
    }
}

/// Token `k` opens a verb-final clause: "dass", "weil", "obwohl",
/// "nachdem", "bevor", "sodass" after a comma or at the sentence start.
/// Not "ob" or "wenn", which allow ellipsis ("ob Jung oder Alt", "wenn
/// nötig").
fn is_subordinator(t: &Analysis<'_>, k: usize) -> bool {
    // The comma first: it rejects almost every token before any text is read.
    let after_comma = k > 0 && is_comma(t, k - 1);
    after_comma && t.tokens[k].is_word() && is_subordinator_word(t.token_text(k))
}

/// `lexicon::contains(SUBORDINATORS, word)`, as a `match` (a test compares
/// the two): the compiler tests the length first.
fn is_subordinator_word(word: &str) -> bool {
    matches!(word, "bevor" | "dass" | "nachdem" | "obwohl" | "sodass" | "weil")
}

/// The indices, in order, of the tokens [`is_comma`] accepts.
fn comma_tokens(t: &Analysis<'_>) -> Vec<usize> {
    let mut commas = Vec::with_capacity(8);
    for (k, tok) in t.tokens.iter().enumerate() {
        if tok.kind == TokenKind::Punct
            && tok.span.end - tok.span.start == 1
            && t.text.as_bytes()[tok.span.start] == b','
        {
            commas.push(k);
        }
    }
    commas
}

/// Token `k` is a comma, read from its one byte.
fn is_comma(t: &Analysis<'_>, k: usize) -> bool {
    let tok = t.tokens[k];
    tok.kind == TokenKind::Punct && tok.span.end - tok.span.start == 1 && t.text.as_bytes()[tok.span.start] == b','
}

/// Any lowercase word that is not a closed-class word may be the verb
/// (or an adjective we cannot tell from one): the clause is then left alone.
fn could_be_verb(t: &Analysis<'_>, k: usize) -> bool {
    let tok = &t.tokens[k];
    let word = tok.text(t.text);
    tok.is_word() && starts_lowercase(word) && !lexicon::contains(CLOSED_CLASS, word)
}

/// Token `i` is "um"/"ohne"/"statt"/"anstatt" right after a comma: an
/// infinitive clause, not the preposition of "um 10 Uhr".
fn opens_infinitive_clause(t: &Analysis<'_>, i: usize) -> bool {
    // The comma first: it rejects almost every token without a lookup.
    is_comma(t, i - 1) && t.tokens[i].is_word() && is_infinitive_opener(t.token_text(i))
}

/// The finding for the infinitive clause opened at token `i` when a
/// finite verb follows its infinitive straight away ("um zu diskutieren
/// fordert"), if it does.
fn infinitive_into_finite_verb(t: &Analysis<'_>, i: usize) -> Option<Finding> {
    let (inf_start, inf_end) = infinitive_of_clause(t, i)?;
    let next = t.tokens.get(inf_end + 1)?;
    if next.kind != TokenKind::Word || !looks_finite(next.text(t.text)) {
        return None;
    }
    let span = Span::new(t.tokens[inf_start].span.start, next.span.end);
    Some(META.finding(
        0.6,
        Some(span),
        None,
        format!(
            "\"{}\" runs an infinitive clause straight into a finite verb: a link between the clauses is missing",
            t.slice(span)
        ),
    ))
}

/// `lexicon::contains(INFINITIVE_OPENERS, word)`, as a `match` (a test
/// compares the two): four words, tested after every comma.
fn is_infinitive_opener(word: &str) -> bool {
    matches!(word, "anstatt" | "ohne" | "statt" | "um")
}

/// The first "zu" + infinitive ("zu diskutieren") or "zu"-infinitive
/// ("abzuhalten") of the clause opened at token `open`, before any
/// punctuation: the token range it covers.
fn infinitive_of_clause(t: &Analysis<'_>, open: usize) -> Option<(usize, usize)> {
    let end = (open + MAX_CLAUSE_TOKENS).min(t.tokens.len());
    for k in open + 1..end {
        if t.tokens[k].kind == TokenKind::Punct {
            return None; // the clause ended (comma, period, quote) before any "zu"
        }
        let word = t.token_text(k);
        if word == "zu" && t.tokens.get(k + 1).is_some_and(|n| n.is_word() && is_infinitive(n.text(t.text))) {
            return Some((k, k + 1));
        }
        if is_zu_infinitive(word) {
            return Some((k, k));
        }
    }
    None
}

/// A lowercase word ending in "-n": "diskutieren", "sein", "tun", "ändern".
fn is_infinitive(word: &str) -> bool {
    starts_lowercase(word) && word.ends_with('n') && word.chars().all(char::is_alphabetic)
}

/// A separable verb with "zu" inside: "abzuhalten", "einzuladen".
fn is_zu_infinitive(word: &str) -> bool {
    if !is_infinitive(word) || word.chars().count() < 8 {
        return false;
    }
    word.char_indices().any(|(at, _)| at >= 2 && word[at..].starts_with("zu") && word.len() - at >= 5)
}

/// `word` is in [`IRREGULAR_FINITE`], as a `match` on the words (a test
/// compares the two on every listed form and on near misses): the
/// compiler tests the length first, then a few bytes, where the binary
/// search over the list cost ~150 instructions a word.
fn is_irregular_finite(word: &str) -> bool {
    matches!(
        word,
        "darf"
            | "gab"
            | "ging"
            | "hat"
            | "ist"
            | "kam"
            | "kann"
            | "mag"
            | "muss"
            | "sind"
            | "soll"
            | "war"
            | "waren"
            | "will"
            | "wird"
            | "wurde"
            | "wurden"
    )
}

/// A lowercase word that is most likely a finite verb: a frequent irregular
/// form, or a regular third-person form in "-t"/"-te"/"-ten" that is not a
/// participle ("ge…t") or a known adverb.
fn looks_finite(word: &str) -> bool {
    if !starts_lowercase(word) || lexicon::contains(CONTINUATIONS, word) {
        return false;
    }
    if is_irregular_finite(word) {
        return true;
    }
    let regular = word.ends_with('t') || word.ends_with("te") || word.ends_with("ten");
    regular && word.chars().count() >= 5 && !word.starts_with("ge") && !lexicon::contains(NOT_VERBS, word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_finite_verb_match_is_the_list() {
        for w in IRREGULAR_FINITE {
            assert!(is_irregular_finite(w), "{w}");
            // Near misses: other case, one letter more or less.
            let capitalised = format!("{}{}", w[..1].to_uppercase(), &w[1..]);
            for other in
                [capitalised, format!("{w}e"), format!("{w}n"), w[1..].to_string(), w[..w.len() - 1].to_string()]
            {
                assert_eq!(is_irregular_finite(&other), lexicon::contains(IRREGULAR_FINITE, &other), "{other}");
            }
        }
        assert!(!is_irregular_finite("Ist") && !is_irregular_finite("wurdest"));
    }
    use crate::detect::testing::{flagged, run};

    fn check(de: &str) -> Vec<String> {
        flagged(de, &run(&BrokenStructure, "", de)).into_iter().map(str::to_string).collect()
    }

    #[test]
    fn lists_are_sorted() {
        for list in [INFINITIVE_OPENERS, CONTINUATIONS, IRREGULAR_FINITE, NOT_VERBS, SUBORDINATORS, CLOSED_CLASS] {
            let mut sorted = list.to_vec();
            sorted.sort_unstable();
            assert_eq!(list, sorted.as_slice());
        }
    }

    #[test]
    fn catches_a_finite_verb_after_the_infinitive_clause() {
        let de = "Die Gremien treffen sich, um über die Zukunft des Landes zu diskutieren fordert, dass die NATO nicht expandiert.";
        assert_eq!(check(de), ["zu diskutieren fordert"]);
        assert_eq!(check("Sie kamen, um ein Treffen abzuhalten ist unklar."), ["abzuhalten ist"]);
        assert_eq!(check("Sie planen, um 2 Uhr zu diskutieren wird gesagt."), ["zu diskutieren wird"]);
    }

    #[test]
    fn catches_two_finite_verbs_in_a_row() {
        let de = "Die Frau, die gestern in Kassel gesehen wurde ist seitdem verschwunden.";
        assert_eq!(check(de), ["wurde ist"]);
        assert_eq!(check("Ob er kommt ist unklar, weil er krank war hat er abgesagt."), ["war hat"]);
    }

    #[test]
    fn quiet_on_verb_clusters_and_commas() {
        for de in [
            "Die Frau, die gesehen wurde, ist verschwunden.",
            "Er sagt, dass es so sein wird und sie kommen kann.",
            "Das ist ist falsch.", // a doubled word: repeated-word's job
            "Sie werden kommen müssen, was gemacht werden kann, wird gemacht.",
        ] {
            assert!(check(de).is_empty(), "{de}: {:?}", check(de));
        }
    }

    #[test]
    fn catches_a_subordinate_clause_without_a_verb() {
        let de = "Der Minister hat bestritten, dass es eine Panne mit der Abstimmung.";
        assert_eq!(check(de), ["dass es eine Panne mit der Abstimmung"]);
    }

    #[test]
    fn quiet_on_complete_or_elliptic_subordinate_clauses() {
        for de in [
            "Er sagte, dass die NATO nicht weiter nach Osten expandiert.",
            "Sie kommen alle, ob Jung oder Alt.",
            "Er hilft, wenn nötig.",
            "Er sagte, dass der US-Präsident am 12. Januar in Kiew sei.",
            "Er betonte, dass das z. B. für Berlin gelte.",
            "Er sagte, dass es 1.000 Euro oder 3,5 Prozent kosten werde.",
            "Er sagte, dass sie größer ist als ihr Bruder.",
            "Er sagte, dass das Treffen am 19.",
        ] {
            assert!(check(de).is_empty(), "{de}: {:?}", check(de));
        }
    }

    #[test]
    fn quiet_on_well_formed_clauses() {
        for de in [
            "Die Gremien treffen sich, um über die Zukunft zu diskutieren, sagte der US-Präsident.",
            "Er kam, um zu helfen und zu lernen.",
            "Er weiß, was noch zu tun ist.",
            "Das Treffen beginnt am 12. Januar um 10 Uhr, z. B. in Kiew.",
            "Sie fuhr nach Kiew, um die Lage zu klären.",
            "Er hat, um die Lage zu klären nicht viel getan.",
            "Er versprach, um 10 Uhr zu kommen",
        ] {
            assert!(check(de).is_empty(), "{de}: {:?}", check(de));
        }
    }

    /// The rule as first written, without the word marks, the finite forms'
    /// and openers' matches or the clause read from its end: every token
    /// is looked up in the finite forms' list.
    fn plain_findings(de: &str) -> Vec<Finding> {
        let t = &Analysis::new(de, crate::text::Lang::German);
        let mut out = Vec::new();
        for sentence in &t.sentences {
            let range = sentence.tokens.clone();
            let Some(last) = range.end.checked_sub(1) else { continue };
            if t.tokens[last].kind != TokenKind::Punct || t.token_text(last) != "." {
                continue;
            }
            if last > 0 && t.tokens[last - 1].kind == TokenKind::Number {
                continue;
            }
            let subordinator = |k: usize| {
                k > 0
                    && t.tokens[k - 1].kind == TokenKind::Punct
                    && t.token_text(k - 1) == ","
                    && t.tokens[k].is_word()
                    && lexicon::contains(SUBORDINATORS, t.token_text(k))
            };
            let Some(conj) = (range.start..last).rev().find(|&k| subordinator(k)) else { continue };
            let clause = conj + 1..last;
            if clause.len() < 3 || clause.clone().any(|k| t.tokens[k].kind == TokenKind::Punct) {
                continue;
            }
            if clause.clone().any(|k| could_be_verb(t, k)) {
                continue;
            }
            let span = Span::new(t.tokens[conj].span.start, t.tokens[last - 1].span.end);
            out.push(META.finding(0.6, Some(span), None, format!("the clause \"{}\" has no verb", t.slice(span))));
        }
        for k in 1..t.tokens.len() {
            let finite = |k: usize| t.tokens[k].is_word() && lexicon::contains(IRREGULAR_FINITE, t.token_text(k));
            if finite(k - 1) && finite(k) && t.token_text(k - 1) != t.token_text(k) {
                let span = Span::new(t.tokens[k - 1].span.start, t.tokens[k].span.end);
                let message = format!(
                    "two finite verbs in a row (\"{}\"): a comma or the link between two clauses is missing",
                    t.slice(span)
                );
                out.push(META.finding(0.5, Some(span), None, message));
            }
        }
        for i in 1..t.tokens.len() {
            let opens =
                is_comma(t, i - 1) && t.tokens[i].is_word() && lexicon::contains(INFINITIVE_OPENERS, t.token_text(i));
            if !opens {
                continue;
            }
            out.extend(infinitive_into_finite_verb(t, i));
        }
        out
    }

    #[test]
    fn marks_and_matches_find_what_the_plain_rule_finds() {
        #[rustfmt::skip]
        const WORDS: &[&str] = &[
            "3,5", "1.000", "19", "dass", "weil", "um", "ohne", "statt", "zu", "diskutieren", "abzuhalten", "wurde",
            "ist", "war", "hat", "Hat", "sind", "wird", "fordert", "es", "eine", "Panne", "mit", "der", "NATO",
            "Abstimmung", "Kiew", "„", "“", "und", "die", "sagte", "Ist", "kann", "gab", "ging", "z. B.", "wirst",
            "Wahl", "hatte", "dass", "dass", "ist", "war", "um", "zu",
            // Whole clauses, so that every check finds something now and then.
            ", dass es eine Panne mit der Abstimmung.", ", weil die NATO in Kiew.", ", um Kiew zu diskutieren fordert",
            ", ohne abzuhalten ist", ", statt zu gehen war",
        ];
        const GAPS: &[&str] = &[" ", " ", " ", " ", " ", ", ", ",", ". ", ".", "\n", " ,", ",, "];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        // Findings of each check: verbless clause, two finite verbs, infinitive clause.
        let mut found = [0; 3];
        for _ in 0..3000 {
            let len = (next() % 30) as usize;
            let de: String = (0..len)
                .map(|_| {
                    let word = WORDS[(next() % WORDS.len() as u64) as usize];
                    let gap = GAPS[(next() % GAPS.len() as u64) as usize];
                    format!("{word}{gap}")
                })
                .collect();
            let plain = plain_findings(&de);
            for f in &plain {
                found[usize::from(f.message.contains("finite verbs"))
                    + 2 * usize::from(f.message.contains("infinitive"))] += 1;
            }
            assert_eq!(run(&BrokenStructure, "", &de), plain, "{de:?}");
        }
        assert!(found.iter().all(|&n| n > 20), "the texts exercise every check ({found:?} findings)");
    }

    #[test]
    fn fast_screens_agree_with_their_lists() {
        for w in ["anstatt", "ohne", "statt", "um", "Um", "umso", "stat", "", "über", "ohne-"] {
            assert_eq!(is_infinitive_opener(w), lexicon::contains(INFINITIVE_OPENERS, w), "{w}");
        }
        for w in SUBORDINATORS.iter().chain(&["Dass", "das", "dasss", "weil-", "", "ob", "wenn", "sodas", "nachdemm"]) {
            assert_eq!(is_subordinator_word(w), lexicon::contains(SUBORDINATORS, w), "{w}");
        }
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        for len in 0..40 {
            let marks: Vec<u8> = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    [0, 0, 0, 1, 128, 129, 64][(state % 7) as usize]
                })
                .collect();
            for bit in [1, 64, 128] {
                let plain: Vec<usize> = (0..len).filter(|&i| marks[i] & bit != 0).collect();
                assert_eq!(marked(&marks, bit).collect::<Vec<_>>(), plain, "{marks:?}");
            }
        }
    }

    #[test]
    fn odd_text_does_not_panic() {
        let odd = ["", " ", "„", "“„", ")(", "..", ", um", ", dass .", "Ä\u{2011}Ö Ä\u{2011}Ö ,, ; ;)", "zu zu zu"];
        for en in odd {
            for de in odd {
                run(&BrokenStructure, en, de);
            }
        }
    }
}
