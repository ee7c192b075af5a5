//! Sentence segmentation for English and German news text.
//!
//! Detectors compare sentence by sentence, and a wrong cut is a false alarm
//! waiting to happen: "am 12. Januar", "z. B.", "Dr. Müller", "U.S." and
//! "3,5" must not end a sentence. Off-the-shelf splitters (UAX#29, SRX)
//! cut at every abbreviation, so we decide on tokens with a few rules:
//! a sentence ends at `.`, `!`, `?` or `…` (plus closing quotes and
//! brackets) when the next word starts a sentence (uppercase letter, digit
//! or opening quote), unless the period follows an abbreviation, a single
//! letter (initials, "z. B.") or, in German, an ordinal number. A line
//! break always ends a sentence. A period followed by a lowercase word is
//! never a boundary here; `spurious-sentence-break` judges those.

use super::lexicon::{self, ENGLISH_ABBREVIATIONS, GERMAN_ABBREVIATIONS, GERMAN_MONTHS};
use super::tokens::{starts_lowercase, starts_uppercase, Token, TokenKind};
use super::Lang;
use crate::model::Span;
use std::ops::Range;

/// A sentence: its byte span and the range of its tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub tokens: Range<usize>,
}

/// A mark that can end a sentence.
pub fn is_terminal(p: &str) -> bool {
    matches!(p, "." | "!" | "?" | "…")
}

/// A closing quote or bracket, which stays with the sentence before it.
pub fn is_closing(p: &str) -> bool {
    matches!(p, "\"" | "“" | "”" | "’" | "'" | "«" | "»" | ")" | "]" | "‘")
}

fn is_opening(p: &str) -> bool {
    matches!(p, "\"" | "„" | "“" | "‘" | "'" | "»" | "«" | "(" | "[" | "‚")
}

/// Splits one side's text into sentences.
pub fn sentences(text: &str, tokens: &[Token], lang: Lang) -> Vec<Sentence> {
    let texts: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
    sentences_of(text, tokens, &texts, lang)
}

/// [`sentences`], given the text of each token (`texts[i]` is
/// `tokens[i].text(text)`), as [`super::Analysis`] holds them.
pub fn sentences_of(text: &str, tokens: &[Token], texts: &[&str], lang: Lang) -> Vec<Sentence> {
    sentences_with(text, tokens, |i| texts[i], lang)
}

/// [`sentences_of`], given a function from a token's index to its text,
/// for callers that keep the texts in another layout.
#[inline]
pub fn sentences_with<'a>(text: &str, tokens: &[Token], texts: impl Fn(usize) -> &'a str, lang: Lang) -> Vec<Sentence> {
    let mut out = Vec::new();
    let layout = Layout { multiline: memchr::memchr(b'\n', text.as_bytes()).is_some(), may_be_terminal: None };
    sentences_into(text, tokens, texts, lang, layout, &mut out);
    out
}

/// What the tokenizer may already know of a text, sparing
/// [`sentences_into`] a pass.
pub struct Layout<'a> {
    /// The text has a line feed.
    pub multiline: bool,
    /// The indices, in order, of the punctuation tokens starting with `.`,
    /// `!`, `?` or the byte 0xE2 (of "…"): the only ones that can end a
    /// sentence on one line. `None`: found here.
    pub may_be_terminal: Option<&'a [usize]>,
}

/// [`sentences_with`], appending to `out` (a buffer kept from an earlier
/// text, see [`super::Analysis::recycle`]).
#[inline]
pub fn sentences_into<'a>(
    text: &str,
    tokens: &[Token],
    texts: impl Fn(usize) -> &'a str,
    lang: Lang,
    layout: Layout<'_>,
    out: &mut Vec<Sentence>,
) {
    let mut first = 0;
    let mut i = 0;
    // Most texts are one line: then no gap holds a line break, and no gap
    // needs reading.
    let multiline = layout.multiline;
    let mut candidates = layout.may_be_terminal.map(|list| list.iter().copied().peekable());
    let line_break = |i: usize| multiline && line_break_between(text, tokens, i);
    // The first byte of ".", "!", "?" or "…" (0xE2), before the mark is read.
    let may_be_terminal =
        |t: &Token| t.kind == TokenKind::Punct && matches!(text.as_bytes()[t.span.start], b'.' | b'!' | b'?' | 0xE2);
    while i < tokens.len() {
        if !multiline {
            // On one line only a terminal ends a sentence: the tokens before
            // the next possible one (or the last token) are skipped at once.
            match candidates.as_mut() {
                Some(candidates) => {
                    while candidates.next_if(|&c| c < i).is_some() {}
                    i = candidates.peek().map_or(tokens.len() - 1, |&c| c.min(tokens.len() - 1));
                }
                None => {
                    while i + 1 < tokens.len() && !may_be_terminal(&tokens[i]) {
                        i += 1;
                    }
                }
            }
        }
        let mut last = i;
        let boundary = if line_break(i) {
            true
        } else if may_be_terminal(&tokens[i]) && is_terminal(texts(i)) {
            // Swallow runs of terminals ("?!", "...") and closing quotes.
            while last + 1 < tokens.len()
                && !line_break(last)
                && (is_terminal(texts(last + 1)) || is_closing(texts(last + 1)))
            {
                last += 1;
            }
            ends_sentence(tokens, &texts, i, last, lang)
        } else {
            false
        };
        if boundary || last + 1 == tokens.len() {
            out.push(Sentence {
                span: Span::new(tokens[first].span.start, tokens[last].span.end),
                tokens: first..last + 1,
            });
            first = last + 1;
        }
        i = last + 1;
    }
}

/// True when a newline separates token `i` from token `i + 1`.
fn line_break_between(text: &str, tokens: &[Token], i: usize) -> bool {
    match tokens.get(i + 1) {
        // On the bytes: the gap is nothing or one space nearly always, read
        // without the string searcher or a `memchr` call.
        Some(next) => match &text.as_bytes()[tokens[i].span.end..next.span.start] {
            [] => false,
            [b] => *b == b'\n',
            gap => gap.contains(&b'\n'),
        },
        None => false,
    }
}

/// Decides whether the terminal at token `t` (with trailing punctuation up
/// to token `last`) ends the sentence. Reads the token texts the caller
/// holds (`texts(i)` is the text of token `i`): slicing them from the text
/// again checks both ends for a character boundary every time.
fn ends_sentence<'a>(tokens: &[Token], texts: &impl Fn(usize) -> &'a str, t: usize, last: usize, lang: Lang) -> bool {
    let Some(next) = tokens.get(last + 1) else { return true };
    let next_text = texts(last + 1);
    let starts_new = match next.kind {
        TokenKind::Word => starts_uppercase_ascii_first(next_text),
        TokenKind::Number => true,
        TokenKind::Punct => is_opening(next_text) || next_text == "–" || next_text == "-",
    };
    if !starts_new {
        return false;
    }
    if texts(t) != "." || t == 0 || t != last {
        return true;
    }
    !period_rule(tokens, texts, t, lang)
}

/// [`starts_uppercase`], answered from the first byte when it is ASCII
/// (nearly every word), without decoding a character.
#[inline]
fn starts_uppercase_ascii_first(word: &str) -> bool {
    match word.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => starts_uppercase(word),
    }
}

/// The period at token `t` belongs to an abbreviation, initial or ordinal.
pub fn period_is_not_a_boundary(text: &str, tokens: &[Token], t: usize, lang: Lang) -> bool {
    period_rule(tokens, &|i| tokens[i].text(text), t, lang)
}

/// [`period_is_not_a_boundary`], given the text of each token.
fn period_rule<'a>(tokens: &[Token], texts: &impl Fn(usize) -> &'a str, t: usize, lang: Lang) -> bool {
    let Some(p) = t.checked_sub(1) else { return false };
    let prev = tokens[p];
    if prev.span.end != tokens[t].span.start {
        return false; // "word ." is not an abbreviation
    }
    match prev.kind {
        TokenKind::Word => is_listed_before_period(texts(p), lang),
        TokenKind::Number => lang == Lang::German && is_german_ordinal(tokens, texts, t),
        TokenKind::Punct => false,
    }
}

/// A word that, before a period, makes it no sentence end: one character
/// (an initial, "z. B."), an abbreviation, or in German a month name of
/// at most four characters ("Jan.", "März."). Screened on byte lengths
/// first (no list word is longer) and on the lists' hash screen once, so
/// most words skip the searches and the character count.
#[inline]
fn is_listed_before_period(word: &str, lang: Lang) -> bool {
    if is_one_char(word) {
        return true;
    }
    let abbreviation_length = word.len() <= LONGEST_ABBREVIATION;
    let month_length = lang == Lang::German && word.len() <= LONGEST_SHORT_MONTH;
    if !(abbreviation_length || month_length) || !may_be_listed(word) {
        return false;
    }
    (abbreviation_length && lexicon::contains(abbreviations(lang), word))
        || (month_length && word.chars().count() <= 4 && lexicon::contains(GERMAN_MONTHS, word))
}

/// `word.chars().count() == 1`, without counting past the second character.
fn is_one_char(word: &str) -> bool {
    match word.as_bytes().first() {
        None => false,
        // An ASCII first character is one byte long.
        Some(first) if first.is_ascii() => word.len() == 1,
        Some(_) => {
            let mut chars = word.chars();
            chars.next().is_some() && chars.next().is_none()
        }
    }
}

/// The longest entry of a word list, in bytes.
const fn longest(list: &[&str]) -> usize {
    let mut longest = 0;
    let mut i = 0;
    while i < list.len() {
        if list[i].len() > longest {
            longest = list[i].len();
        }
        i += 1;
    }
    longest
}

/// No longer word can be on either abbreviation list.
const LONGEST_ABBREVIATION: usize = {
    let (german, english) = (longest(GERMAN_ABBREVIATIONS), longest(ENGLISH_ABBREVIATIONS));
    if german > english {
        german
    } else {
        english
    }
};

/// Every abbreviation and month name, screened ([`lexicon::WordScreen`]):
/// most sentence-final words are ruled out without the binary searches.
const LISTED: lexicon::WordScreen =
    lexicon::WordScreen::of_lists(&[GERMAN_ABBREVIATIONS, ENGLISH_ABBREVIATIONS, GERMAN_MONTHS]);

/// False when `word` is surely on none of the abbreviation and month lists.
#[inline]
fn may_be_listed(word: &str) -> bool {
    LISTED.may_contain(word)
}

/// The longest month name of at most four characters, in bytes ("März"):
/// a test checks that no such name is longer.
const LONGEST_SHORT_MONTH: usize = 5;

fn abbreviations(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::German => GERMAN_ABBREVIATIONS,
        Lang::English => ENGLISH_ABBREVIATIONS,
    }
}

/// "12. Januar", "der 2. Weltkrieg", "3. Liga": a short number, a period
/// and a capitalised word is an ordinal in German; "im Jahr 2019. Danach"
/// (four digits) is a sentence end.
fn is_german_ordinal<'a>(tokens: &[Token], texts: &impl Fn(usize) -> &'a str, t: usize) -> bool {
    let number = texts(t - 1);
    let Some(next) = tokens.get(t + 1) else { return false };
    let next_text = texts(t + 1);
    if lexicon::contains(GERMAN_MONTHS, next_text) {
        return true;
    }
    number.len() <= 2
        && number.bytes().all(|b| b.is_ascii_digit())
        && !starts_lowercase(next_text)
        && next.kind == TokenKind::Word
        && !lexicon::contains_lower(lexicon::GERMAN_FUNCTION_WORDS, next_text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::tokenize;

    #[test]
    fn one_line_skip_agrees_with_the_token_by_token_path() {
        // A final newline makes the text multiline (the token-by-token
        // path) without a line break between any two tokens.
        for text in [
            "Er kam am 12. Januar. Dann ging er, z. B. nach Kiew! Warum?! Nun … ja",
            "Der U.S.-Präsident sagte: \"Nein.\" (Wirklich.) Ende",
            "Kein Satzende",
            "Ende.",
            "Three. Sentences? Yes!",
            "",
        ] {
            for lang in [Lang::German, Lang::English] {
                let spans = |t: &str| {
                    sentences(t, &tokenize(t), lang).iter().map(|s| (s.span, s.tokens.clone())).collect::<Vec<_>>()
                };
                assert_eq!(spans(text), spans(&format!("{text}\n")), "{text}");
            }
        }
    }

    fn split(text: &str, lang: Lang) -> Vec<&str> {
        let tokens = tokenize(text);
        sentences(text, &tokens, lang).iter().map(|s| &text[s.span.start..s.span.end]).collect()
    }

    #[test]
    fn length_screens_keep_every_list_word() {
        for word in GERMAN_ABBREVIATIONS.iter().chain(ENGLISH_ABBREVIATIONS) {
            assert!(word.len() <= LONGEST_ABBREVIATION, "{word}");
        }
        for month in GERMAN_MONTHS.iter().filter(|m| m.chars().count() <= 4) {
            assert!(month.len() <= LONGEST_SHORT_MONTH, "{month}");
        }
        for word in ["", "a", "ä", "ab", "\u{2011}", "Nr", "Sept", "März", "Jänner", "approx"] {
            assert_eq!(is_one_char(word), word.chars().count() == 1, "{word}");
        }
        for word in GERMAN_ABBREVIATIONS.iter().chain(ENGLISH_ABBREVIATIONS).chain(GERMAN_MONTHS) {
            assert!(may_be_listed(word), "{word}");
        }
    }

    #[test]
    fn screened_period_rule_agrees_with_the_plain_one() {
        // The plain definition, without the length and hash screens.
        let plain = |word: &str, lang: Lang| {
            word.chars().count() == 1
                || lexicon::contains(abbreviations(lang), word)
                || (lang == Lang::German && word.chars().count() <= 4 && lexicon::contains(GERMAN_MONTHS, word))
        };
        let words = GERMAN_ABBREVIATIONS.iter().chain(ENGLISH_ABBREVIATIONS).chain(GERMAN_MONTHS).chain(&[
            "sagte", "said", "Jahr", "ist", "report", "Mai", "mai", "Dr", "DR", "x", "ä", "Haus", "Jänner", "April",
            "Sept", "Septe", "usw", "Nov", "Abbb", "Mär", "März",
        ]);
        let mut hits = 0;
        for word in words {
            for lang in [Lang::German, Lang::English] {
                let text = format!("Er {word}. Dann");
                let tokens = tokenize(&text);
                let Some(t) = tokens.iter().position(|t| t.text(&text) == ".") else { continue };
                if tokens[t - 1].text(&text) != *word {
                    continue;
                }
                let expected = plain(word, lang);
                hits += usize::from(expected);
                assert_eq!(period_is_not_a_boundary(&text, &tokens, t, lang), expected, "{word} {lang:?}");
            }
        }
        assert!(hits > 100, "{hits}");
    }

    #[test]
    fn german_abbreviations_dates_and_ordinals_do_not_split() {
        let text = "Am 12. Januar traf z. B. Dr. Müller ein. Der 2. Weltkrieg endete 1945. Danach kam Nr. 5.";
        assert_eq!(
            split(text, Lang::German),
            ["Am 12. Januar traf z. B. Dr. Müller ein.", "Der 2. Weltkrieg endete 1945.", "Danach kam Nr. 5."]
        );
    }

    #[test]
    fn decimals_and_thousands_do_not_split() {
        assert_eq!(split("Es waren 3,5 Prozent und 1.000 Euro. Gut.", Lang::German).len(), 2);
    }

    #[test]
    fn english_abbreviations_and_initials() {
        let text = "Mr. Smith met John F. Kennedy in the U.S. capital. He left.";
        assert_eq!(split(text, Lang::English), ["Mr. Smith met John F. Kennedy in the U.S. capital.", "He left."]);
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        let text = "Er sagte: „Wir kommen.“ Dann ging er.";
        assert_eq!(split(text, Lang::German), ["Er sagte: „Wir kommen.“", "Dann ging er."]);
    }

    #[test]
    fn lowercase_after_period_is_not_a_boundary() {
        assert_eq!(split("für die Gespräche statt. eigens für diesen Zweck.", Lang::German).len(), 1);
    }

    #[test]
    fn line_breaks_end_sentences() {
        assert_eq!(split("You may also like\n-\nDie Ukraine bleibt", Lang::German).len(), 3);
    }

    #[test]
    fn question_and_exclamation_marks() {
        assert_eq!(split("Warum? Darum! Ende", Lang::German), ["Warum?", "Darum!", "Ende"]);
    }
}
