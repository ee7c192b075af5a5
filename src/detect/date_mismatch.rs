//! `date-mismatch`: a month or weekday in the German that differs from the English.

use super::word_marks::{CALENDAR, NUMBER};
use super::{Detector, PairView, RuleMeta};
use crate::model::{Category, Finding, Severity, Span};
use crate::text::calendar::{calendar_words_marked, german_month_name, CalendarKind, CalendarWord};
use crate::text::lexicon::marked;
use crate::text::Analysis;

crate::rule_meta! {
    /// A month or weekday in the German differs from the one in the English.
    ///
    /// **What it catches.** "am 27. Oktober" for "on September 27", "am
    /// Dienstag" for "on Monday", "seit April" for "since June". The German
    /// word is flagged; the English word it should match is named. A German
    /// month the English does not mention at all, and an English month the
    /// German lost, are minor notes.
    ///
    /// **Why it matters.** A wrong date is fluent and plausible: nothing in
    /// the German gives it away, and readers act on dates.
    ///
    /// **Not flagged.** Abbreviations ("Jan. 12" ↔ "12. Jan."), compounds
    /// ("Monday night" ↔ "Montagabend", "Juli-Ausgabe"), numeric German dates
    /// ("27.09.") and English words that only look like months: the modal
    /// "may", the verb "march", "Theresa May". Day numbers and years are
    /// `number-mismatch`'s job.
    ///
    /// **Example.** "… the concert planned for October 31." → "… das für den
    /// 31. September geplante Konzert …": "September" is flagged; the source
    /// has "October".
    META {
        id: "date-mismatch",
        category: Category::Mistranslation,
        severity: Severity::Major,
    }
}

pub struct DateMismatch;

impl Detector for DateMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Vec<Finding>) {
        let source = calendar_words_marked(pair.source, pair.source_marks(), CALENDAR);
        let target = calendar_words_marked(pair.target, pair.target_marks(), CALENDAR);
        if source.is_empty() && target.is_empty() {
            return;
        }
        let numeric_months = numeric_german_months(pair.target, pair.target_marks());
        let (lost, added) = unmatched(&source, &target, &numeric_months);
        let mut partnered = vec![false; lost.len()];
        for &t in &added {
            let tw = target[t];
            let partner =
                (0..lost.len()).filter(|&k| !partnered[k] && source[lost[k]].kind == tw.kind).min_by(|&a, &b| {
                    let at = pair.target.relative_position(tw.span.start);
                    let da = (pair.source.relative_position(source[lost[a]].span.start) - at).abs();
                    let db = (pair.source.relative_position(source[lost[b]].span.start) - at).abs();
                    da.total_cmp(&db)
                });
            match partner {
                Some(k) => {
                    partnered[k] = true;
                    out.push(changed_finding(pair, tw, source[lost[k]]));
                }
                // "Anwar Mai", "Anna August": a name the English has too.
                None if is_name_in_source(pair, tw) => {}
                None => out.push(added_finding(pair, tw)),
            }
        }
        for (k, &s) in lost.iter().enumerate() {
            let sw = source[s];
            // "from March 2 to March 5" → "vom 2. bis 5. März": one
            // mention of the month is enough, and so is a compound ("in
            // den ersten Oktobertagen").
            let mentioned = target.iter().any(|t| t.kind == sw.kind && t.value == sw.value)
                || has_month_compound(pair.target, sw.value);
            if !partnered[k] && sw.kind == CalendarKind::Month && !mentioned {
                out.push(lost_finding(pair, sw));
            }
        }
    }
}

/// Indices of the source words without a German counterpart and of the
/// German words without an English one (multiset difference).
fn unmatched(source: &[CalendarWord], target: &[CalendarWord], numeric_months: &[u8]) -> (Vec<usize>, Vec<usize>) {
    let mut target_used = vec![false; target.len()];
    let mut numeric_used = vec![false; numeric_months.len()];
    let mut lost = Vec::new();
    for (s, sw) in source.iter().enumerate() {
        let same = |t: &CalendarWord| t.kind == sw.kind && t.value == sw.value;
        if let Some(t) = (0..target.len()).find(|&t| !target_used[t] && same(&target[t])) {
            target_used[t] = true;
        } else if let Some(n) = (0..numeric_months.len())
            .find(|&n| !numeric_used[n] && sw.kind == CalendarKind::Month && numeric_months[n] == sw.value)
        {
            numeric_used[n] = true;
        } else {
            lost.push(s);
        }
    }
    // A German word repeated from a matched source word is not new.
    let added = (0..target.len())
        .filter(|&t| !target_used[t])
        .filter(|&t| !source.iter().any(|s| s.kind == target[t].kind && s.value == target[t].value))
        .collect();
    (lost, added)
}

/// The German has a compound that starts with month `value`'s name
/// ("Septembertagen", "Märzhälfte").
fn has_month_compound(target: &Analysis<'_>, value: u8) -> bool {
    let Some(month) = german_month_name(value) else { return false };
    target.word_indices().any(|i| {
        let word = target.lower(i);
        word.len() > month.len() + 2 && word.starts_with(month)
    })
}

/// The German calendar word is spelled the same as a capitalised word of
/// the English: a name, not a date.
fn is_name_in_source(pair: &PairView<'_>, t: CalendarWord) -> bool {
    let word = pair.target.slice(t.span);
    pair.source.tokens.iter().any(|s| s.is_word() && s.text(pair.source.text) == word)
}

/// Months of German numeric dates: "27.09.2019", "27.9.". `marks` are
/// the text's word marks: a token that opens with a digit has [`NUMBER`].
fn numeric_german_months(a: &Analysis<'_>, marks: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let bytes = a.text.as_bytes();
    for i in marked(marks, NUMBER, 0) {
        let tok = a.tokens[i];
        // The day comes first: only a token opening with a digit can be a
        // date (its first byte is read before the token is sliced out).
        if tok.span.start >= tok.span.end || !bytes[tok.span.start].is_ascii_digit() {
            continue;
        }
        let text = tok.text(a.text);
        // No period, no month: most numbers stop before the split.
        if !text.as_bytes().contains(&b'.') {
            continue;
        }
        let mut parts = text.split('.');
        let (Some(day), Some(month)) = (parts.next(), parts.next()) else { continue };
        let is_day = !day.is_empty() && day.len() <= 2 && day.bytes().all(|b| b.is_ascii_digit());
        let is_month = !month.is_empty() && month.len() <= 2 && month.bytes().all(|b| b.is_ascii_digit());
        if is_day && is_month {
            if let Ok(m) = month.parse::<u8>() {
                if (1..=12).contains(&m) && (parts.next().is_some() || text.len() <= 5) {
                    out.push(m);
                }
            }
        }
    }
    out
}

fn kind_name(kind: CalendarKind) -> &'static str {
    match kind {
        CalendarKind::Month => "month",
        CalendarKind::Weekday => "weekday",
    }
}

fn changed_finding(pair: &PairView<'_>, t: CalendarWord, s: CalendarWord) -> Finding {
    META.finding(
        0.9,
        Some(t.span),
        Some(s.span),
        format!(
            "{} \"{}\" does not match the source, which has \"{}\"",
            kind_name(t.kind),
            pair.target.slice(t.span),
            pair.source.slice(s.span)
        ),
    )
}

fn added_finding(pair: &PairView<'_>, t: CalendarWord) -> Finding {
    let mut f = META.finding(
        0.4,
        Some(t.span),
        None,
        format!("{} \"{}\" does not occur in the source", kind_name(t.kind), pair.target.slice(t.span)),
    );
    f.severity = Severity::Minor;
    f
}

fn lost_finding(pair: &PairView<'_>, s: CalendarWord) -> Finding {
    let at = pair.target.proportional_point(pair.source, s.span.start);
    let mut f = META.finding(
        0.4,
        Some(Span::point(at)),
        Some(s.span),
        format!("the source {} \"{}\" has no counterpart in the German", kind_name(s.kind), pair.source.slice(s.span)),
    );
    f.severity = Severity::Minor;
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::testing::{flagged, run};

    #[test]
    fn numeric_months_on_the_marks_are_the_plain_ones() {
        // Every token read as before the marks screened them.
        let plain = |a: &Analysis<'_>| -> Vec<u8> {
            let mut out = Vec::new();
            for tok in &a.tokens {
                let text = tok.text(a.text);
                if !text.starts_with(|c: char| c.is_ascii_digit()) {
                    continue;
                }
                let mut parts = text.split('.');
                let (Some(day), Some(month)) = (parts.next(), parts.next()) else { continue };
                let short = |p: &str| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit());
                if short(day) && short(month) {
                    if let Ok(m) = month.parse::<u8>() {
                        if (1..=12).contains(&m) && (parts.next().is_some() || text.len() <= 5) {
                            out.push(m);
                        }
                    }
                }
            }
            out
        };
        let mut texts = crate::detect::word_marks::tests::texts(3000);
        texts.extend(
            ["am 27.09.2019 und 3.4. sowie 1.2.3 und 12.13. oder 5.5", "x 27.9. y 1.000 z 7.12"].map(String::from),
        );
        let mut found = 0;
        for text in &texts {
            let a = Analysis::new(text, crate::text::Lang::German);
            let months = numeric_german_months(&a, &crate::detect::word_marks::marks(&a));
            assert_eq!(months, plain(&a), "{text}");
            found += months.len();
        }
        assert!(found > 20, "{found}");
    }

    fn serious(en: &str, de: &'static str) -> Vec<&'static str> {
        let findings: Vec<Finding> =
            run(&DateMismatch, en, de).into_iter().filter(|f| f.severity >= Severity::Major).collect();
        flagged(de, &findings)
    }

    #[test]
    fn catches_changed_months_and_weekdays() {
        assert_eq!(serious("They met on January 12.", "Sie trafen sich am 12. Februar."), ["Februar"]);
        assert_eq!(serious("a concert on October 31", "ein Konzert am 31. September"), ["September"]);
        assert_eq!(
            serious("On Monday, the talks resumed.", "Am Dienstag wurden die Gespräche fortgesetzt."),
            ["Dienstag"]
        );
        assert_eq!(serious("It rained in May.", "Im Juni regnete es."), ["Juni"]);
    }

    #[test]
    fn quiet_on_equivalent_dates() {
        for (en, de) in [
            ("They met on January 12.", "Sie trafen sich am 12. Januar."),
            ("Gandhi was killed on Jan. 30, 1948.", "Gandhi wurde am 30. Jan. 1948 ermordet."),
            ("On Monday night, it may rain.", "Am Montagabend könnte es regnen."),
            ("Theresa May spoke in March.", "Theresa May sprach im März."),
            ("They march on, and it may fail.", "Sie marschieren weiter, im Mai vielleicht."),
            ("The US president met ten leaders in Kiev.", "Der US-Präsident traf in Kiew zehn Staatschefs."),
            ("1,000 euros, 3.5 percent, on September 27", "1.000 Euro, 3,5 Prozent, am 27.09."),
        ] {
            assert!(serious(en, de).is_empty(), "{de}: {:?}", serious(en, de));
        }
    }

    #[test]
    fn quiet_on_ranges_compounds_and_names() {
        for (en, de) in [
            ("rain between Oct. 2-Nov. 14", "Regen vom 2. Oktober bis zum 14. November"),
            ("from March 2 to March 5, and from Monday to Friday", "vom 2. bis 5. März und von Montag bis Freitag"),
            ("in the first days of October", "in den ersten Oktobertagen"),
            ("Their neighbour Lin Mai spoke to us.", "Ihre Nachbarin Lin Mai sprach mit uns."),
            ("31 visits in the March-May quarter", "31 Besuche im Quartal März bis Mai"),
        ] {
            assert!(run(&DateMismatch, en, de).is_empty(), "{de}: {:?}", run(&DateMismatch, en, de));
        }
    }

    #[test]
    fn lost_and_added_months_are_minor_notes() {
        let findings = run(&DateMismatch, "It started in July.", "Es begann.");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].severity, Severity::Minor);
        let findings = run(&DateMismatch, "It started last month.", "Es begann im Juli.");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].severity, Severity::Minor);
    }
}
