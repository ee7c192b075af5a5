//! The bag distance of two words: how many letters (counted with repeats)
//! each lacks of the other. It is a cheap lower bound of every edit
//! distance the name rules compute (an edit changes each count by at most
//! one, a transposition by none), so garbled-name and consistency test it
//! before the edit distance itself, and consistency screens words with it.

/// The letters of `a` that `b` lacks and the letters of `b` that `a`
/// lacks, counted with repeats; `None` for an `a` longer than
/// [`MAX_LETTERS`], the stack buffer of letters still unmatched.
pub fn letter_counts(a: impl IntoIterator<Item = char>, b: impl IntoIterator<Item = char>) -> Option<(usize, usize)> {
    let mut unmatched = ['\0'; MAX_LETTERS];
    let mut n = 0;
    for c in a {
        *unmatched.get_mut(n)? = c;
        n += 1;
    }
    let mut only_in_b = 0;
    for c in b {
        match unmatched[..n].iter().position(|&u| u == c) {
            Some(i) => {
                unmatched.swap(i, n - 1);
                n -= 1;
            }
            None => only_in_b += 1,
        }
    }
    Some((n, only_in_b))
}

/// The longest first word [`letter_counts`] takes, in letters.
pub const MAX_LETTERS: usize = 48;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_the_letters_each_word_lacks() {
        assert_eq!(letter_counts("Kushner".chars(), "Kushenr".chars()), Some((0, 0)));
        assert_eq!(letter_counts("Kushner".chars(), "Gerhard".chars()), Some((4, 4)));
        assert_eq!(letter_counts("Müller".chars(), "Mueller".chars()), Some((1, 2)));
        assert_eq!(letter_counts("".chars(), "ab".chars()), Some((0, 2)));
        assert_eq!(letter_counts("a".repeat(MAX_LETTERS).chars(), "".chars()), Some((MAX_LETTERS, 0)));
        assert_eq!(letter_counts("a".repeat(MAX_LETTERS + 1).chars(), "".chars()), None);
    }
}
