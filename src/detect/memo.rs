//! A bounded memo of a rule's past answers, keyed on text, for the rules
//! whose expensive per-word answers recur from pair to pair (a document
//! names the same people again and again): garbled-name's best match and
//! consistency's renderings. One per thread, kept by its rule.

/// Answers keyed on a text the caller writes into [`Memo::key`]; past
/// [`Memo::CAPACITY`] answers the memo starts again, a bound on its memory.
/// A key must hold everything the answer depends on.
#[derive(Debug)]
pub(crate) struct Memo<V> {
    answers: rustc_hash::FxHashMap<Box<str>, V>,
    /// The key of the current question, reused from question to question.
    key: String,
}

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Memo { answers: Default::default(), key: String::new() }
    }
}

impl<V: Copy> Memo<V> {
    /// Answers kept before the memo starts again.
    pub(crate) const CAPACITY: usize = 4096;

    /// The key of the next question, emptied for the caller to write.
    pub(crate) fn key(&mut self) -> &mut String {
        self.key.clear();
        &mut self.key
    }

    /// The answer recorded for the current key, if any.
    pub(crate) fn get(&self) -> Option<V> {
        self.answers.get(self.key.as_str()).copied()
    }

    /// Records `answer` for the current key and returns it.
    pub(crate) fn insert(&mut self, answer: V) -> V {
        if self.answers.len() >= Self::CAPACITY {
            self.answers.clear();
        }
        self.answers.insert(self.key.as_str().into(), answer);
        answer
    }

    /// The answer for the current key: recorded, or computed by `answer`
    /// and recorded.
    pub(crate) fn get_or_insert_with(&mut self, answer: impl FnOnce() -> V) -> V {
        match self.get() {
            Some(known) => known,
            None => self.insert(answer()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_kept_per_key_and_computed_once() {
        let mut memo = Memo::<u32>::default();
        memo.key().push('a');
        assert_eq!(memo.get_or_insert_with(|| 1), 1);
        assert_eq!(memo.get_or_insert_with(|| unreachable!("kept")), 1);
        memo.key().push('b');
        assert_eq!(memo.get(), None);
        assert_eq!(memo.get_or_insert_with(|| 2), 2);
        memo.key().push('a');
        assert_eq!(memo.get(), Some(1));
    }

    #[test]
    fn a_full_memo_starts_again() {
        let mut memo = Memo::<usize>::default();
        for i in 0..Memo::<usize>::CAPACITY {
            memo.key().push_str(&i.to_string());
            memo.insert(i);
        }
        memo.key().push('0');
        assert_eq!(memo.get(), Some(0));
        memo.key().push_str("new");
        memo.insert(7);
        assert_eq!(memo.answers.len(), 1, "cleared before the new answer");
        memo.key().push('0');
        assert_eq!(memo.get(), None);
    }
}
