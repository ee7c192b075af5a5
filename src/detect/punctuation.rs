//! `punctuation`: German punctuation slips that machine translation makes:
//! a quote or bracket opened and never closed, a space before a comma or
//! period, doubled marks, English or typewriter quotes, and hyphens set as
//! dashes.
//!
//! All of these are minor: the meaning survives. The rule exists because
//! they are cheap to find, editors fix them anyway, and MQM raters mark
//! them. It stays quiet on what German allows: quotations that run on into
//! the next paragraph (no closing mark), list markers ("a)", "1)"),
//! ellipses ("...", "?!"), and text tokenised throughout (reported once,
//! not once per comma).

use super::{Detector, PairView, RuleMeta};
use crate::model::{Category, Finding, Severity, Span};
use crate::text::{Analysis, TokenKind};

crate::rule_meta! {
    /// Unbalanced quotes or brackets, spaces before punctuation, doubled marks, non-German quotes or dashes.
    ///
    /// **What it catches.** An opening „ or ( in the middle of a sentence that
    /// is never closed; a space before , . ; : ! or ?; doubled marks (",,",
    /// ".." but not the ellipsis "..."); typewriter quotes "…" and English
    /// quotes “…” where German uses „…“ (more confidently when the same text
    /// also uses „…“); a spaced hyphen or "--" used as a dash ("Brexit - und
    /// dann") where German sets "–". A text with spaces before nearly every mark (tokenised
    /// output, "Vielen Dank , Alison .") gets one finding, not one per mark.
    ///
    /// **Why it matters.** Each slip is small, but they show a translation
    /// was not proofread, and a stray quote mark changes what reads as quoted.
    ///
    /// **Not flagged.** German quotes „…“, ‚…‘, »…«; a quotation that opens
    /// after a colon or at the start of a sentence and continues in the next
    /// paragraph; list markers ("a)", "1)"); "...", "…", "?!"; "z. B.",
    /// "12. Januar", "1.000 Euro", "3,5 Prozent".
    ///
    /// **Example.** `Das System verbindet einzelne Kunden „und Unternehmen
    /// miteinander.`: the „ opens a quotation that never closes.
    META {
        id: "punctuation",
        category: Category::Punctuation,
        severity: Severity::Minor,
    }
}

pub struct Punctuation;

impl Detector for Punctuation {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Vec<Finding>) {
        let t = pair.target;
        if t.is_empty() {
            return;
        }
        let (tokenised, first_glued) = check_spaces_before_marks(t, out);
        if !tokenised {
            // Tokenised text spaces every hyphen ("Neo - Soul"): no dash to judge.
            check_hyphens_as_dashes(t, out);
        }
        check_doubled_marks(t, first_glued, out);
        check_quotes(t, out);
        if bracket_balance(t) != bracket_balance(pair.source) {
            check_brackets(t, out);
        }
    }
}

/// Marks that take no space before them in German.
fn is_spaceless_mark(c: &str) -> bool {
    matches!(c, "," | "." | ";" | ":" | "!" | "?")
}

/// The token index of each mark in `t` that has a space before it and
/// follows a word, number or closing mark (not an ellipsis "... weiter"),
/// the number of marks, and [`first_glued`] (found in the same pass over
/// the tokens, sparing [`check_doubled_marks`] its own).
fn marks_after_space(t: &Analysis<'_>) -> (Vec<usize>, usize, Option<usize>) {
    let mut spaced = Vec::new();
    let mut total = 0;
    let mut first_glued = None;
    for (i, tok) in t.tokens.iter().enumerate() {
        if tok.kind != TokenKind::Punct || i == 0 {
            continue;
        }
        let prev = &t.tokens[i - 1];
        if first_glued.is_none() && prev.kind == TokenKind::Punct && prev.span.end == tok.span.start {
            first_glued = Some(i);
        }
        if !is_spaceless_mark(t.token_text(i)) {
            continue;
        }
        total += 1;
        let gap = &t.text[prev.span.end..tok.span.start];
        if gap.is_empty() || gap.contains('\n') || is_part_of_ellipsis(t, i) || is_emoticon(t, i) {
            continue;
        }
        let after_text = prev.kind != TokenKind::Punct || matches!(t.token_text(i - 1), "“" | "\"" | "«" | "»" | ")");
        if after_text {
            spaced.push(i);
        }
    }
    (spaced, total, first_glued)
}

/// The first token `i` that is a punctuation mark glued to one before it
/// (both punctuation, no gap): where [`check_doubled_marks`] starts. The
/// plain definition, which a test compares with [`marks_after_space`]'s.
#[cfg(test)]
fn first_glued(t: &Analysis<'_>) -> Option<usize> {
    (1..t.tokens.len()).find(|&i| {
        let (a, b) = (&t.tokens[i - 1], &t.tokens[i]);
        a.kind == TokenKind::Punct && b.kind == TokenKind::Punct && a.span.end == b.span.start
    })
}

/// The mark at token `i` is the eyes of an emoticon (";)", ":-(").
fn is_emoticon(t: &Analysis<'_>, i: usize) -> bool {
    t.tokens
        .get(i + 1)
        .is_some_and(|n| n.span.start == t.tokens[i].span.end && matches!(n.text(t.text), ")" | "(" | "-" | "/" | "|"))
}

/// The period at token `i` is one of the dots of "..." (or ". . .").
fn is_part_of_ellipsis(t: &Analysis<'_>, i: usize) -> bool {
    if t.token_text(i) != "." {
        return false;
    }
    let is_dot = |k: usize| t.tokens.get(k).is_some_and(|tok| tok.kind == TokenKind::Punct && tok.text(t.text) == ".");
    (i > 0 && is_dot(i - 1)) || is_dot(i + 1)
}

/// A space before , . ; : ! ? — reported per mark, or once when the whole
/// text is tokenised (most marks have a space before them).
/// Returns whether the text may be tokenised (most of its marks have a
/// space before them), in which case spaced hyphens are tokenised too.
/// Also returns where a doubled mark may start (see [`marks_after_space`]).
fn check_spaces_before_marks(t: &Analysis<'_>, out: &mut Vec<Finding>) -> (bool, Option<usize>) {
    let (spaced, total, first_glued) = marks_after_space(t);
    let Some(&first) = spaced.first() else { return (false, first_glued) };
    let mostly_spaced = spaced.len() * 2 >= total;
    if spaced.len() >= 2 && mostly_spaced {
        let span = Span::new(t.tokens[first - 1].span.end, t.tokens[first].span.end);
        out.push(META.finding(
            0.2,
            Some(span),
            None,
            "the text looks tokenised: spaces before punctuation throughout".to_string(),
        ));
        return (true, first_glued);
    }
    for &i in &spaced {
        let span = Span::new(t.tokens[i - 1].span.end, t.tokens[i].span.end);
        out.push(META.finding(0.6, Some(span), None, format!("space before \"{}\"", t.token_text(i))));
    }
    (mostly_spaced, first_glued)
}

/// A hyphen standing between spaces as a dash ("Brexit - und dann"), or
/// two of them ("--"): German typesets the dash as "–". Not a hyphen at
/// the start of a line (a list item) or glued to a word ("Ein- und
/// Ausfuhr").
fn check_hyphens_as_dashes(t: &Analysis<'_>, out: &mut Vec<Finding>) {
    // A byte search spares most texts the token pass: a flagged '-' has a
    // space or a no-break space (its last byte 0xA0) right before it, and
    // most German hyphens join words ("US-Präsident").
    let bytes = t.text.as_bytes();
    if !memchr::memchr_iter(b'-', bytes).any(|at| at > 0 && matches!(bytes[at - 1], b' ' | 0xA0)) {
        return;
    }
    scan_hyphens_as_dashes(t, out);
}

/// [`check_hyphens_as_dashes`] without its byte screen: every token read.
fn scan_hyphens_as_dashes(t: &Analysis<'_>, out: &mut Vec<Finding>) {
    let mut i = 1;
    while i + 1 < t.tokens.len() {
        // The kind first: most tokens are words, rejected without reading them.
        if t.tokens[i].kind != TokenKind::Punct || t.token_text(i) != "-" {
            i += 1;
            continue;
        }
        let last =
            if t.token_text(i + 1) == "-" && t.tokens[i].span.end == t.tokens[i + 1].span.start { i + 1 } else { i };
        let before = &t.text[t.tokens[i - 1].span.end..t.tokens[i].span.start];
        let after = t.tokens.get(last + 1).map(|n| &t.text[t.tokens[last].span.end..n.span.start]);
        let spaced = |gap: &str| !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '\u{a0}');
        if spaced(before) && after.is_some_and(spaced) {
            let span = t.tokens[i].span.cover(&t.tokens[last].span);
            out.push(META.finding(
                0.4,
                Some(span),
                None,
                format!("\"{}\" used as a dash: German uses \"–\"", t.slice(span)),
            ));
        }
        i = last + 1;
    }
}

/// ",,", "..", ";;", "::", ",." and the like, but not "...", "?!" or "!!".
/// Starts at `first_glued`, the first mark glued to one before it (no
/// earlier token can end a doubled mark); `None`: there is none.
fn check_doubled_marks(t: &Analysis<'_>, first_glued: Option<usize>, out: &mut Vec<Finding>) {
    let Some(first_glued) = first_glued else { return };
    for i in first_glued..t.tokens.len() {
        let (a, b) = (&t.tokens[i - 1], &t.tokens[i]);
        if a.kind != TokenKind::Punct || b.kind != TokenKind::Punct || a.span.end != b.span.start {
            continue;
        }
        let (x, y) = (a.text(t.text), b.text(t.text));
        let doubled = match (x, y) {
            (".", ".") => !is_ellipsis_run(t, i - 1),
            ("," | ";" | ":", "," | ";" | ":" | ".") => true,
            (".", "," | ";") => !ends_abbreviation(t, i - 1),
            _ => false,
        };
        if doubled {
            out.push(META.finding(0.7, Some(a.span.cover(&b.span)), None, format!("doubled punctuation \"{x}{y}\"")));
        }
    }
}

/// The period at token `i` closes a short word glued to it: an
/// abbreviation ("D.C.,", "Ltd.,", "Calif.,"), after which a comma is right.
fn ends_abbreviation(t: &Analysis<'_>, i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).map(|p| &t.tokens[p]) else { return false };
    prev.span.end == t.tokens[i].span.start && prev.kind == TokenKind::Word && prev.text(t.text).chars().count() <= 5
}

/// The two dots at tokens `i`, `i + 1` belong to a run of three or more.
fn is_ellipsis_run(t: &Analysis<'_>, i: usize) -> bool {
    let is_dot = |k: usize| t.tokens.get(k).is_some_and(|tok| tok.text(t.text) == ".");
    let glued = |a: usize, b: usize| t.tokens[a].span.end == t.tokens[b].span.start;
    (i > 0 && is_dot(i - 1) && glued(i - 1, i)) || (is_dot(i + 2) && glued(i + 1, i + 2))
}

/// The quotation marks of `t`, in order: (token index, the mark).
fn quote_marks<'t>(t: &Analysis<'t>) -> Vec<(usize, &'t str)> {
    t.tokens
        .iter()
        .enumerate()
        .filter(|(_, tok)| tok.kind == TokenKind::Punct)
        .map(|(i, tok)| (i, tok.text(t.text)))
        .filter(|(_, m)| matches!(*m, "„" | "“" | "”" | "\"" | "»" | "«"))
        .collect()
}

/// Orphan German opening quotes, and typewriter or English quotes.
fn check_quotes(t: &Analysis<'_>, out: &mut Vec<Finding>) {
    // Every mark `quote_marks` reads is '"' or starts with byte 0xE2 („ “ ”)
    // or 0xC2 (» «): a text without those bytes is spared the token pass.
    if memchr::memchr3(b'"', 0xE2, 0xC2, t.text.as_bytes()).is_none() {
        return;
    }
    let marks = quote_marks(t);
    if marks.is_empty() {
        return;
    }
    let uses_german = marks.iter().any(|(_, m)| *m == "„" || *m == "»");
    check_orphan_german_openers(t, &marks, out);
    for &(i, mark) in &marks {
        let english_opener = mark == "“" && opens_quotation(t, i) && !closes_a_german_quote(&marks, i);
        if mark != "\"" && mark != "”" && !english_opener {
            continue;
        }
        let confidence = if uses_german { 0.7 } else { 0.4 };
        let message = if uses_german {
            format!("{mark} mixes quote styles: this text uses German quotes „…“")
        } else {
            format!("{mark} is not a German quotation mark: German uses „…“ or »…«")
        };
        out.push(META.finding(confidence, Some(t.tokens[i].span), None, message));
    }
}

/// The mark at token `i` stands where a quotation opens: at the start, or
/// after a space, and directly before a word.
fn opens_quotation(t: &Analysis<'_>, i: usize) -> bool {
    let tok = &t.tokens[i];
    let space_before = i == 0 || t.tokens[i - 1].span.end < tok.span.start;
    let word_after = t.tokens.get(i + 1).is_some_and(|n| n.span.start == tok.span.end && n.kind != TokenKind::Punct);
    space_before && word_after
}

/// The “ at token `i` closes an earlier „ (German style, so not English).
fn closes_a_german_quote(marks: &[(usize, &str)], i: usize) -> bool {
    let mut open = false;
    for &(k, m) in marks {
        if k >= i {
            break;
        }
        match m {
            "„" => open = true,
            "“" => open = false,
            _ => {}
        }
    }
    open
}

/// A „ that no “ closes before the next „ or the end, opened in the middle
/// of a sentence. Quotations that open at the start of a sentence or after
/// a colon may continue into the next paragraph, where German leaves them
/// open.
fn check_orphan_german_openers(t: &Analysis<'_>, marks: &[(usize, &str)], out: &mut Vec<Finding>) {
    for (n, &(i, mark)) in marks.iter().enumerate() {
        if mark != "„" {
            continue;
        }
        let closed = marks[n + 1..].iter().take_while(|(_, m)| *m != "„").any(|(_, m)| matches!(*m, "“" | "”" | "\""));
        if closed || may_open_a_long_quotation(t, i) {
            continue;
        }
        out.push(META.finding(
            0.5,
            Some(t.tokens[i].span),
            None,
            "„ opens a quotation that is never closed".to_string(),
        ));
    }
}

/// The token at `i` starts the text or a sentence, or follows a colon or dash.
fn may_open_a_long_quotation(t: &Analysis<'_>, i: usize) -> bool {
    if i == 0 || t.sentence_at(t.tokens[i].span.start).is_some_and(|s| s.span.start == t.tokens[i].span.start) {
        return true;
    }
    matches!(t.token_text(i - 1), ":" | "–" | "—" | "-" | "(")
}

/// Opening minus closing round brackets: equal on both sides means the
/// German copies the English (emoticons ";)", a list marker, a bracket
/// the source also leaves open).
fn bracket_balance(a: &Analysis<'_>) -> isize {
    // A byte search spares most texts the token pass: no bracket byte, no bracket token.
    if memchr::memchr2(b'(', b')', a.text.as_bytes()).is_none() {
        return 0;
    }
    a.tokens.iter().filter(|t| t.kind == TokenKind::Punct).fold(0, |n, t| match t.text(a.text) {
        "(" => n + 1,
        ")" => n - 1,
        _ => n,
    })
}

/// An opening bracket never closed, or a closing bracket never opened that
/// is not a list marker ("a)", "1)").
fn check_brackets(t: &Analysis<'_>, out: &mut Vec<Finding>) {
    let mut open: Vec<usize> = Vec::new();
    for (i, tok) in t.tokens.iter().enumerate() {
        if tok.kind != TokenKind::Punct {
            continue;
        }
        match tok.text(t.text) {
            "(" => open.push(i),
            ")" if open.pop().is_none() && !is_list_marker(t, i) => {
                out.push(META.finding(
                    0.5,
                    Some(tok.span),
                    None,
                    "\")\" closes a bracket that was never opened".to_string(),
                ));
            }
            _ => {}
        }
    }
    for i in open {
        out.push(META.finding(
            0.5,
            Some(t.tokens[i].span),
            None,
            "\"(\" opens a bracket that is never closed".to_string(),
        ));
    }
}

/// "a)", "1)", "iv)": a short label right before the bracket; or the
/// mouth of an emoticon (";)", ":-)").
fn is_list_marker(t: &Analysis<'_>, i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).map(|p| &t.tokens[p]) else { return false };
    let glued = prev.span.end == t.tokens[i].span.start;
    let label = prev.kind != TokenKind::Punct && prev.text(t.text).chars().count() <= 3;
    let emoticon = matches!(prev.text(t.text), ";" | ":" | "-");
    glued && (label || emoticon)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::testing::{flagged, run};

    #[test]
    fn hyphen_screen_never_hides_a_dash() {
        // The screened check finds what the full token pass finds, on
        // hand-made and pseudo-random texts of hyphens, spaces and words.
        let mut texts: Vec<String> = ["Brexit - und dann", "Ein- und Ausfuhr", "a -- b", "US-Präsident", "x\u{a0}- y"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let pieces = ["-", " ", "\u{a0}", "Wort", "--", "\n", ",", "ä", "–"];
        let mut state = 0x2545_F491_4F6C_DD1D_u64;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(1 + state % 9) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(pieces[(state % pieces.len() as u64) as usize]);
            }
            texts.push(text);
        }
        for text in &texts {
            let t = Analysis::new(text, crate::text::Lang::German);
            let (mut screened, mut full) = (Vec::new(), Vec::new());
            check_hyphens_as_dashes(&t, &mut screened);
            scan_hyphens_as_dashes(&t, &mut full);
            let spans = |found: &[Finding]| found.iter().map(|f| f.target).collect::<Vec<_>>();
            assert_eq!(spans(&screened), spans(&full), "{text:?}");
        }
    }

    fn check(de: &str) -> Vec<String> {
        flagged(de, &run(&Punctuation, "", de)).into_iter().map(str::to_string).collect()
    }

    #[test]
    fn quiet_on_good_german() {
        for de in [
            "Er sagte: „Wir kommen am 12. Januar.“ Dann ging er.",
            "„Kiew bleibt stark“, sagte der US-Präsident, z. B. in Berlin.",
            "Sie nannte ihn ‚Chef‘ und »Boss«.",
            "Das kostet 1.000 Euro (3,5 Prozent mehr) bzw. ca. 20 Dollar.",
            "Er wartete ... und wartete… Wirklich?! Ja!",
            "Regel 48 (1) b) der Verordnung gilt.",
            "Er sagte: „Wir prüfen die Gesetze, weil wir entschlossen sind,",
            "„Diese Konsultation sucht Meinungen",
        ] {
            assert!(check(de).is_empty(), "{de}: {:?}", check(de));
        }
    }

    #[test]
    fn catches_orphan_quotes_and_brackets() {
        assert_eq!(check("Es verbindet einzelne Kunden „und Unternehmen miteinander."), ["„"]);
        assert_eq!(check("Das Werk (Pension wurde 1972 erlassen."), ["("]);
        assert_eq!(check("Das Werk Pension) wurde 1972 erlassen."), [")"]);
        assert!(check("Danke ;)").is_empty());
        // The English leaves the bracket open too: the German copies it.
        assert!(run(&Punctuation, "see (here", "siehe (hier").is_empty());
    }

    #[test]
    fn catches_spaces_before_marks_and_doubled_marks() {
        assert_eq!(check("Die Regelung (Pension) , 1972 erlassen."), [" ,"]);
        assert_eq!(check("Das gilt, um Schäden zu verhindern.."), [".."]);
        assert_eq!(check("Erstens,, zweitens."), [",,"]);
        assert!(check("Sie reiste über Washington D.C., dann zur Firma Ltd., nach Hause.").is_empty());
    }

    #[test]
    fn hyphens_used_as_dashes() {
        assert_eq!(check("Der Brexit - so sagte er - kommt."), ["-", "-"]);
        assert_eq!(check("Der Brexit -- so sagte er."), ["--"]);
        assert!(check("Die Ein- und Ausfuhr, der US-Präsident – und Kiew.").is_empty());
        assert!(check("Liste:\n- Kiew\n- Berlin").is_empty());
    }

    #[test]
    fn tokenised_text_gets_one_finding() {
        let de = "Vielen Dank , Alison . Das ist gut , oder ? Ja ! Neo - Soul .";
        let findings = run(&Punctuation, "", de);
        assert_eq!(findings.len(), 1);
        assert!(findings[0].message.contains("tokenised"));
        // Too short to tell, but no dash is judged either.
        assert_eq!(check("Es heißt Neo - Soul ."), [" ."]);
    }

    #[test]
    fn straight_and_english_quotes() {
        let mixed = check("Er sagte „ja“ und dann \"nein\".");
        assert_eq!(mixed, ["\"", "\""]);
        let de = "Er sagte “nein” und ging.";
        let findings = run(&Punctuation, "", de);
        assert_eq!(flagged(de, &findings), ["“", "”"]);
        assert!(findings.iter().all(|f| f.confidence < 0.5));
    }

    #[test]
    fn the_first_glued_mark_is_found_in_the_spaces_pass() {
        const PIECES: &[&str] = &[
            " ", "  ", "\n", "Haus", "3,5", ".", ",", ";", ":", "!", "?", "„", "“", "\"", ")", "(", "-", "…", "'",
            "z. B.",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..(state % 16) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(PIECES[(state % PIECES.len() as u64) as usize]);
            }
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
            let a = Analysis::new(&text, crate::text::Lang::German);
            assert_eq!(marks_after_space(&a).2, first_glued(&a), "{text:?}");
        }
    }

    #[test]
    fn odd_text_does_not_panic() {
        let odd = ["", " ", "„", "“„", ")(", "..", ", um", ", dass .", "Ä\u{2011}Ö Ä\u{2011}Ö ,, ; ;)", "zu zu zu"];
        for en in odd {
            for de in odd {
                run(&Punctuation, en, de);
            }
        }
    }
}
