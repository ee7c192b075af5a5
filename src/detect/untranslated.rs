//! `untranslated`: English text left standing in the German.

use super::word_marks::ENGLISH_FUNCTION_WORD;
use super::{Detector, PairView, RuleMeta};
use crate::model::{Category, Finding, Severity, Span};
use crate::text::lang::{english_confidence, function_word_counts, function_word_leaning};
use crate::text::lexicon::{
    ascii_start_key, contains_lower, start_key_slot, KeySet, ENGLISH_FUNCTION_WORDS, GERMAN_FUNCTION_WORDS,
    LONGEST_FUNCTION_WORD,
};
use crate::text::tokens::{starts_uppercase, Token, TokenKind};
use crate::text::Analysis;
use std::ops::Range;
use std::sync::LazyLock;

crate::rule_meta! {
    /// English text left untranslated inside the German.
    ///
    /// **What it catches.** A sentence or a stretch of a sentence that is
    /// still English ("The museum reopened its doors in spite of the heavy
    /// rain."), including English site text in a German page ("You may
    /// also like"). A cheap screen (English function words, no German ones)
    /// picks candidates; a language model confirms them. A copy of the
    /// source's own words is the strongest evidence.
    ///
    /// **Why it matters.** The reader of the German does not get that part
    /// of the text at all.
    ///
    /// **Not flagged.** Names, and titles or slogans kept in English inside
    /// a German sentence ("der Film „The Lord of the Rings“"): stretches
    /// whose content words are all capitalised, or that sit in quotes the
    /// German sentence embeds. Single English words and loanwords ("Deal",
    /// "Meeting"). English with no source at all (site text around an
    /// article) is reported, but as minor.
    ///
    /// **Example.** German "… sagte die Direktorin. The museum reopened its doors in
    /// spite of the heavy rain.": the second sentence is flagged.
    META {
        id: "untranslated",
        category: Category::Untranslated,
        severity: Severity::Major,
    }
}

/// Fewest words a stretch needs before we call it untranslated text rather
/// than a loanword or a name.
const MIN_WORDS: usize = 3;
/// lingua's English confidence needed to confirm the screen.
const CONFIRM: f64 = 0.8;

pub struct Untranslated;

impl Detector for Untranslated {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Vec<Finding>) {
        let (src, tgt) = (pair.source, pair.target);
        let marks = pair.target_marks();
        for sentence in &tgt.sentences {
            let marks = &marks[sentence.tokens.clone()];
            // Without a marked word the screen finds no English function
            // word, and `english_stretch` has nothing (most sentences).
            if !any_marked(marks, ENGLISH_FUNCTION_WORD) {
                continue;
            }
            let tokens = &tgt.tokens[sentence.tokens.clone()];
            if let Some(stretch) = english_stretch(src, tgt, tokens, |k| marks[k] & ENGLISH_FUNCTION_WORD != 0) {
                judge(src, tgt, stretch, out);
            }
        }
    }
}

/// Some mark of `marks` has `bit`: one OR over the bytes, which the
/// compiler runs many bytes at a time.
#[inline]
fn any_marked(marks: &[u8], bit: u8) -> bool {
    marks.iter().fold(0, |acc, &m| acc | m) & bit != 0
}

/// A candidate: the token range (within one sentence) that looks English,
/// and whether it is the whole sentence.
struct Stretch<'a> {
    tokens: &'a [Token],
    whole_sentence: bool,
}

/// The cheap screen. The whole sentence when it has English function
/// words and no German ones (one is enough when the sentence is a copy of
/// the source's words); otherwise the longest run of words free of German
/// function words, if it holds two English ones (or one, and is a copy).
/// `may_be_english(k)` is false for token `k` of `tokens` only when it is
/// no English-only function word (the shared word marks of the pair,
/// which screen like [`is_english_only_function_word`]).
fn english_stretch<'a>(
    src: &Analysis<'_>,
    a: &Analysis<'_>,
    tokens: &'a [Token],
    may_be_english: impl Fn(usize) -> bool,
) -> Option<Stretch<'a>> {
    // The words counted in the same pass as their function words.
    let mut n = 0;
    // Most sentences are German, without an English function word: counted
    // first with the cheaper screen, the German ones only when needed.
    // Only whether there is one matters here: the marks reject most words,
    // and the lookup runs for the rest.
    let mut has_english = false;
    for (k, t) in tokens.iter().enumerate() {
        if !t.is_word() {
            continue;
        }
        n += 1;
        has_english = has_english || (may_be_english(k) && is_english_only_function_word(a.text, t.span));
    }
    if n < MIN_WORDS || !has_english {
        return None;
    }
    // Each token's function-word leaning ([`function_word_leaning`], 0 for
    // punctuation and numbers), looked up once for the three counts below.
    let leanings: Vec<i8> =
        tokens.iter().map(|t| if t.is_word() { function_word_leaning(t.text(a.text)) } else { 0 }).collect();
    let count = |leanings: &[i8], side: i8| leanings.iter().filter(|&&l| l == side).count();
    let (en, de) = (count(&leanings, 1), count(&leanings, -1));
    if de == 0 && (en >= 2 || sentence_in_source(src, a, tokens)) {
        return Some(Stretch { tokens, whole_sentence: true });
    }
    let run = longest_run_without_german(a, tokens, &leanings);
    let run_tokens = &tokens[run.clone()];
    if run_tokens.iter().filter(|t| t.is_word()).count() <= MIN_WORDS {
        return None;
    }
    let en_in_run = count(&leanings[run], 1);
    let run = run_tokens;
    // One English function word is enough when the run is the source's own words.
    (en_in_run >= 2 || (en_in_run == 1 && sentence_in_source(src, a, run)))
        .then_some(Stretch { tokens: run, whole_sentence: false })
}

/// Bits of [`ENGLISH_ONLY_SCREEN`]'s hash: a table of 2 KiB.
const SCREEN_HASH_BITS: u32 = 14;

/// The screen slot of a word's first three bytes, lowercased ASCII
/// ([`ascii_start_key`]); `None` when one of them is not ASCII. This runs
/// for every short word of every German sentence.
#[inline]
fn screen_slot(b: &[u8]) -> Option<usize> {
    ascii_start_key(b).map(|key| start_key_slot(key, SCREEN_HASH_BITS))
}

/// The slots of the English function words that are not German ones, as
/// a bit set: every word `function_word_counts` counts as English has the
/// first three bytes of one of them (lowercased), and most German words
/// have not. A collision only costs a lookup.
static ENGLISH_ONLY_SCREEN: LazyLock<KeySet> = LazyLock::new(|| {
    KeySet::of(1 << SCREEN_HASH_BITS, english_only_function_words().filter_map(|w| screen_slot(w.as_bytes())))
});

/// The English function words that are not German ones: every word
/// [`is_english_only_function_word`] accepts is one of them, but for case.
/// The shared word marks are built from this list too.
pub(super) fn english_only_function_words() -> impl Iterator<Item = &'static str> {
    let is_german = |w: &str| GERMAN_FUNCTION_WORDS.iter().any(|g| g.eq_ignore_ascii_case(w));
    ENGLISH_FUNCTION_WORDS.iter().copied().filter(move |w| !is_german(w))
}

/// The word at `span` of `text` is an English function word and no German
/// one: `function_word_counts([word]).0 == 1`, looked up only for the
/// words that pass [`ENGLISH_ONLY_SCREEN`] (or have a non-ASCII byte in
/// front, which the screen does not judge).
#[inline]
fn is_english_only_function_word(text: &str, span: Span) -> bool {
    let len = span.end - span.start;
    if len == 0 || len > LONGEST_FUNCTION_WORD {
        return false;
    }
    let word = &text.as_bytes()[span.start..span.end];
    if let Some(slot) = screen_slot(word) {
        if !ENGLISH_ONLY_SCREEN.contains(slot) {
            return false;
        }
    }
    function_word_leaning(&text[span.start..span.end]) == 1
}

/// The sentence (without its final punctuation) occurs verbatim in the source.
fn sentence_in_source(src: &Analysis<'_>, a: &Analysis<'_>, tokens: &[Token]) -> bool {
    trim_punct(a, tokens).is_some_and(|span| words_in_source(src, a.slice(span)))
}

/// The longest token run (as a range of `tokens`) without a German
/// function word, cut at punctuation that separates clauses from the
/// German around them. `leanings` are the tokens' [`function_word_leaning`]s.
fn longest_run_without_german(a: &Analysis<'_>, tokens: &[Token], leanings: &[i8]) -> Range<usize> {
    let mut best = 0..0;
    let mut start = 0;
    for (i, t) in tokens.iter().enumerate() {
        let breaks = match t.kind {
            TokenKind::Word => leanings[i] == -1,
            TokenKind::Punct => matches!(t.text(a.text), "," | ":" | ";" | "(" | ")" | "„" | "“" | "–"),
            TokenKind::Number => false,
        };
        if breaks {
            start = i + 1;
        } else if i + 1 - start > best.len() {
            best = start..i + 1;
        }
    }
    best
}

/// Decides on a screened stretch and reports it.
fn judge(src: &Analysis<'_>, tgt: &Analysis<'_>, mut stretch: Stretch<'_>, out: &mut Vec<Finding>) {
    if !stretch.whole_sentence {
        stretch.tokens = trim_to_source_words(src, tgt, stretch.tokens);
    }
    let (first, last) = match (stretch.tokens.first(), stretch.tokens.last()) {
        (Some(f), Some(l)) => (f, l),
        _ => return,
    };
    let span = trim_punct(tgt, stretch.tokens).unwrap_or(Span::new(first.span.start, last.span.end));
    let text = tgt.slice(span);
    let copied_from_source = words_in_source(src, text);
    // Titles are copied from the source too, so a copy does not outweigh this.
    if !stretch.whole_sentence && looks_like_a_title(tgt, stretch.tokens) {
        return;
    }
    let confidence = english_confidence(text);
    if confidence < CONFIRM && !(copied_from_source && confidence >= 0.5) {
        return;
    }
    let mut finding = META.finding(
        if copied_from_source { 0.95 } else { 0.85 },
        Some(span),
        copied_from_source.then(|| src_span(src, text)).flatten(),
        if copied_from_source {
            format!("\"{text}\" is the source's English, left untranslated")
        } else {
            format!("\"{text}\" is English, not German")
        },
    );
    // English with no source at all is site text around the article
    // ("You may also like"): worth a note, not a translation error.
    if src.is_empty() {
        finding.severity = Severity::Minor;
        finding.confidence = 0.8;
        finding.category = Category::Untranslated;
    }
    out.push(finding);
}

/// A stretch cut out of a German sentence often takes a German word along
/// at its edges ("… Industry sagte"). Untranslated words come from the
/// source, so edge words the source does not contain are dropped, as long
/// as enough of the stretch is left.
fn trim_to_source_words<'a>(src: &Analysis<'_>, tgt: &Analysis<'_>, tokens: &'a [Token]) -> &'a [Token] {
    if src.is_empty() {
        return tokens;
    }
    let from_source = |t: &Token| t.is_word() && src.text.contains(t.text(tgt.text));
    let start = tokens.iter().position(from_source).unwrap_or(0);
    let mut end = tokens.iter().rposition(from_source).map_or(tokens.len(), |i| i + 1);
    // Keep the stretch's own closing punctuation ("… on Saturday.").
    while end < tokens.len() && tokens[end].kind == TokenKind::Punct {
        end += 1;
    }
    let trimmed = &tokens[start..end.max(start)];
    if trimmed.iter().filter(|t| t.is_word()).count() > MIN_WORDS {
        trimmed
    } else {
        tokens
    }
}

/// The span of the stretch from its first word to its last word or
/// closing mark, leaving out leading punctuation.
fn trim_punct(a: &Analysis<'_>, tokens: &[Token]) -> Option<Span> {
    let start = tokens.iter().position(|t| t.kind != TokenKind::Punct)?;
    let end = tokens.iter().rposition(|t| t.kind != TokenKind::Punct)?;
    let mut end_byte = tokens[end].span.end;
    // Keep the sentence's own closing punctuation with it.
    for t in &tokens[end + 1..] {
        if matches!(t.text(a.text), "." | "!" | "?" | "\"" | "”" | "“" | "'") {
            end_byte = t.span.end;
        } else {
            break;
        }
    }
    Some(Span::new(tokens[start].span.start, end_byte))
}

/// The stretch (its first four or more words) appears verbatim in the source.
fn words_in_source(src: &Analysis<'_>, text: &str) -> bool {
    let core = text.trim_end_matches(['.', '!', '?', '"', '”', '“', '\'']).trim();
    core.split_whitespace().count() >= MIN_WORDS && src.text.contains(core)
}

fn src_span(src: &Analysis<'_>, text: &str) -> Option<Span> {
    let core = text.trim_end_matches(['.', '!', '?', '"', '”', '“', '\'']).trim();
    src.text.find(core).map(|at| Span::new(at, at + core.len()))
}

/// Words that both languages use as function words ("in", "so", "an"):
/// the screen counts them for neither, and they say nothing about titles.
fn is_function_word_of_both(word: &str) -> bool {
    contains_lower(ENGLISH_FUNCTION_WORDS, word) && contains_lower(GERMAN_FUNCTION_WORDS, word)
}

/// Titles, slogans and names kept in English: most words capitalised
/// ("The Lord of the Rings") or the stretch sits inside quotes.
fn looks_like_a_title(a: &Analysis<'_>, tokens: &[Token]) -> bool {
    // Capitalisation of the content words: "in Letters from the Lighthouse"
    // is a title, "the government will not comply" is not.
    let content: Vec<&str> = tokens
        .iter()
        .filter(|t| t.is_word())
        .map(|t| t.text(a.text))
        .filter(|w| w.chars().count() >= 3 && function_word_counts([*w]) == (0, 0) && !is_function_word_of_both(w))
        .collect();
    // Titles capitalise every content word; an English clause has common
    // nouns and verbs in lowercase ("umpire Oliver Brandt on Sunday").
    if !content.is_empty() && content.iter().all(|w| starts_uppercase(w)) {
        return true;
    }
    let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else { return false };
    let before = a.text[..first.span.start].trim_end().chars().next_back();
    let after = a.text[last.span.end..].trim_start().chars().next();
    matches!(before, Some('„' | '"' | '“' | '»' | '‚' | '\''))
        && matches!(after, Some('“' | '"' | '”' | '«' | '‘' | '\''))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shared_word_marks_pass_every_english_only_function_word() {
        for text in crate::detect::word_marks::tests::texts(2000) {
            let a = Analysis::new(&text, crate::text::Lang::German);
            let marks = crate::detect::word_marks::marks(&a);
            for (k, t) in a.tokens.iter().enumerate() {
                if t.is_word() && is_english_only_function_word(a.text, t.span) {
                    assert_ne!(marks[k] & ENGLISH_FUNCTION_WORD, 0, "{}", a.token_text(k));
                }
            }
        }
    }
    use crate::detect::testing::{flagged, run};

    /// `english_stretch` as it was written before the leanings were
    /// looked up once: a lookup per count and per run token.
    fn plain_english_stretch<'a>(
        src: &Analysis<'_>,
        a: &Analysis<'_>,
        tokens: &'a [Token],
    ) -> Option<(&'a [Token], bool)> {
        let words = || tokens.iter().filter(|t| t.is_word()).map(|t| t.text(a.text));
        let n = words().count();
        let has_english = words().any(|w| function_word_counts([w]).0 > 0);
        if n < MIN_WORDS || !has_english {
            return None;
        }
        let (en, de) = function_word_counts(words());
        if de == 0 && (en >= 2 || sentence_in_source(src, a, tokens)) {
            return Some((tokens, true));
        }
        let mut run = &tokens[0..0];
        let mut start = 0;
        for (i, t) in tokens.iter().enumerate() {
            let text = t.text(a.text);
            let breaks = match t.kind {
                TokenKind::Word => function_word_counts([text]).1 > 0,
                TokenKind::Punct => matches!(text, "," | ":" | ";" | "(" | ")" | "„" | "“" | "–"),
                TokenKind::Number => false,
            };
            if breaks {
                start = i + 1;
            } else if i + 1 - start > run.len() {
                run = &tokens[start..=i];
            }
        }
        if run.iter().filter(|t| t.is_word()).count() <= MIN_WORDS {
            return None;
        }
        let (en_in_run, _) = function_word_counts(run.iter().filter(|t| t.is_word()).map(|t| t.text(a.text)));
        (en_in_run >= 2 || (en_in_run == 1 && sentence_in_source(src, a, run))).then_some((run, false))
    }

    #[test]
    fn english_stretch_is_the_plain_screen() {
        let texts = crate::detect::word_marks::tests::texts(3000);
        let mut found = 0;
        for (k, text) in texts.iter().enumerate() {
            // Sources that sometimes hold the German text itself (a copy).
            let source = if k % 3 == 0 { text.clone() } else { texts[(k * 7 + 1) % texts.len()].clone() };
            let src = Analysis::new(&source, crate::text::Lang::English);
            let a = Analysis::new(text, crate::text::Lang::German);
            let marks = crate::detect::word_marks::marks(&a);
            for sentence in &a.sentences {
                let tokens = &a.tokens[sentence.tokens.clone()];
                let marks = &marks[sentence.tokens.clone()];
                let fast = english_stretch(&src, &a, tokens, |k| marks[k] & ENGLISH_FUNCTION_WORD != 0)
                    .map(|s| (s.tokens.as_ptr(), s.tokens.len(), s.whole_sentence));
                let plain = plain_english_stretch(&src, &a, tokens).map(|(t, w)| (t.as_ptr(), t.len(), w));
                assert_eq!(fast, plain, "{text}");
                found += usize::from(fast.is_some());
            }
        }
        assert!(found > 50, "{found}");
    }

    #[test]
    fn sentences_without_a_marked_word_have_no_stretch() {
        let texts = crate::detect::word_marks::tests::texts(3000);
        let (mut skipped, mut read) = (0, 0);
        for (k, text) in texts.iter().enumerate() {
            let src = Analysis::new(&texts[(k * 7 + 1) % texts.len()], crate::text::Lang::English);
            let a = Analysis::new(text, crate::text::Lang::German);
            let marks = crate::detect::word_marks::marks(&a);
            for sentence in &a.sentences {
                let tokens = &a.tokens[sentence.tokens.clone()];
                let marks = &marks[sentence.tokens.clone()];
                let unmarked = !marks.iter().any(|m| m & ENGLISH_FUNCTION_WORD != 0);
                assert_eq!(any_marked(marks, ENGLISH_FUNCTION_WORD), !unmarked);
                if unmarked {
                    skipped += 1;
                    // Not even the plain screen, which reads every word, finds a stretch.
                    assert!(english_stretch(&src, &a, tokens, |_| true).is_none(), "{text}");
                } else {
                    read += 1;
                }
            }
        }
        assert!(skipped > 100 && read > 100, "{skipped} {read}");
    }

    fn check<'t>(en: &str, de: &'t str) -> Vec<&'t str> {
        flagged(de, &run(&Untranslated, en, de))
    }

    #[test]
    fn the_english_only_screen_passes_every_english_only_function_word() {
        for w in ENGLISH_FUNCTION_WORDS {
            for form in [w.to_string(), w.to_uppercase(), w[..1].to_uppercase() + &w[1..]] {
                let counted = function_word_counts([form.as_str()]).0 > 0;
                let text = format!("x {form} y");
                let span = Span::new(2, 2 + form.len());
                assert_eq!(is_english_only_function_word(&text, span), counted, "{form}");
            }
        }
        for w in ["die", "und", "in", "an", "Haus", "über", "Ärger"] {
            assert_eq!(is_english_only_function_word(w, Span::new(0, w.len())), function_word_counts([w]).0 > 0);
        }
    }

    #[test]
    fn catches_english_sentence_copied_from_source() {
        let en =
            "Some visitors stayed at home, the director said. The museum reopened its doors in spite of the heavy rain.";
        let de = "Einige Besucher blieben zu Hause, sagte die Direktorin. The museum reopened its doors in spite of the heavy rain.";
        assert_eq!(check(en, de), ["The museum reopened its doors in spite of the heavy rain."]);
    }

    #[test]
    fn catches_short_copied_sentence() {
        let en = "He was fined. I got fined.";
        assert_eq!(check(en, "Er bekam eine Geldstrafe. I got fined."), ["I got fined."]);
    }

    #[test]
    fn german_words_at_the_edge_of_a_stretch_are_left_out() {
        let en = "He said the government will not comply with the order.";
        let de = "Er sagte, the government will not comply with the order heute.";
        assert_eq!(check(en, de), ["the government will not comply with the order"]);
        // Trimmed to the source's words, an English name is a name: quiet.
        let en = "The Federation of Northern Timber Merchants said it was worried.";
        let de = "Die Federation of Northern Timber Merchants sagte, sie sei besorgt.";
        assert!(check(en, de).is_empty());
    }

    #[test]
    fn catches_site_text_without_source_as_minor() {
        let found = run(&Untranslated, "", "You may also like");
        assert_eq!(flagged("You may also like", &found), ["You may also like"]);
        assert_eq!(found[0].severity, Severity::Minor);
    }

    #[test]
    fn catches_english_clause_inside_german_sentence() {
        let en = "He said the government will not comply with the order.";
        let de = "Er sagte, the government will not comply with the order.";
        assert_eq!(check(en, de), ["the government will not comply with the order."]);
    }

    #[test]
    fn names_in_an_english_clause_do_not_make_it_a_title() {
        let en = "Marlow was fined after insulting umpire Oliver Brandt on Sunday.";
        let de =
            "Marlow wurde bestraft, nachdem er den Schiedsrichter beleidigt hatte, umpire Oliver Brandt on Sunday.";
        assert_eq!(check(en, de), ["umpire Oliver Brandt on Sunday."]);
    }

    #[test]
    fn quiet_on_titles_names_and_german() {
        for (en, de) in [
            ("He loved The Lord of the Rings.", "Er liebte den Film „The Lord of the Rings“ sehr."),
            ("They sang We Are the Champions.", "Sie sangen „We Are the Champions“ und tanzten dazu."),
            (
                "The story is told in Letters from the Lighthouse.",
                "Die Geschichte wird in Letters from the Lighthouse erzählt.",
            ),
            ("Black Lives Matter protests spread.", "Die Proteste von Black Lives Matter breiteten sich aus."),
            ("The US President arrived in Kiev.", "Der US-Präsident traf in Kiew ein."),
            ("This story has been updated.", "Diese Geschichte wurde aktualisiert."),
            ("The deal was a big meeting.", "Der Deal war ein großes Meeting, z. B. am 12. Januar."),
        ] {
            assert!(check(en, de).is_empty(), "{de}: {:?}", check(en, de));
        }
    }
}
