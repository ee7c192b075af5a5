//! Optional bilingual lexicon: English words and the German word stems that
//! translate them, from Debian's Ding dictionary (package `trans-de-en`).
//!
//! The embedded lexicon in [`super::anchors`] knows a few hundred frequent
//! news words; a clause made of other words has no anchor, so the aligner
//! cannot tell a dropped clause from a freely translated one. Ding knows
//! about 200,000 entries. Its data is GPL, so it is never embedded or
//! committed: it is read at run time when installed, once per process, and
//! everything works (less densely aligned) without it.
//!
//! Where it is read from: `$MTLINT_DING` when set (an empty value or a path
//! that does not exist turns the lexicon off), else `/usr/share/trans/de-en`.
//! The parsed lexicon is kept as a binary copy in the user's cache
//! directory, so later runs skip the parse ([`cache`]).
//!
//! Only one-word translations are kept ("to buy" counts as one word,
//! "sich etw. kaufen" as "kaufen"). Ding lists inflected forms in parallel
//! `|` groups on both sides ("kaufen | gekauft :: to buy | bought"), so
//! "bought" maps to "gekauf" without an English stemmer. German words are
//! cut to a stem ("Regierungen" → "regierung", "kaufte" → "kauf") because
//! the aligner matches stems as prefixes of the German tokens.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::LazyLock;

use super::lexicon::{self, GERMAN_FUNCTION_WORDS};

mod cache;

/// Where Debian installs the dictionary.
pub const DEFAULT_PATH: &str = "/usr/share/trans/de-en";
/// Environment variable naming another file; empty or missing turns it off.
pub const ENV_VAR: &str = "MTLINT_DING";

/// Files beyond this size are read only this far.
const MAX_FILE_BYTES: u64 = 256 << 20;
/// An English word keeps at most this many German stems: the ones most
/// entries agree on. Words like "take" have dozens of translations, and
/// every extra stem is another chance to anchor on the wrong German word.
const MAX_STEMS_PER_WORD: usize = 6;
/// Stems shorter than this (in characters) match too many German words as a
/// prefix; a short word is kept whole instead of being cut.
const MIN_STEM_CHARS: usize = 4;
/// German inflection endings cut from a word, longest first ("-end" is
/// the present participle: "drängend" → "dräng" meets "drängt").
const GERMAN_ENDINGS: &[&str] = &["end", "ten", "ern", "en", "er", "es", "em", "te", "st", "et", "e", "n", "s", "t"];
/// Placeholders and reflexives in Ding's German phrases ("sich etw. kaufen").
const GERMAN_FILLERS: &[&str] = &["sich", "etw.", "jdn.", "jdm.", "jds.", "jd.", "etw", "jdn", "jdm"];
/// The same in the English phrases ("to afford sth.").
const ENGLISH_FILLERS: &[&str] = &["sth.", "sb.", "sb.'s", "sb.’s", "oneself"];

/// The loaded lexicon: English words with their German stems, all text
/// interned in one string to keep the memory small.
#[derive(Debug, Default)]
pub struct Lexicon {
    text: String,
    /// In the order the words first appear in the file.
    words: Vec<Word>,
    /// German stem ids of every word, consecutive per word.
    links: Vec<u32>,
    /// The aligner's code of each link's stem ([`super::anchors::stem_code`]),
    /// filled on first use (0 = not yet): the aligner asks for the codes
    /// of every English word of every pair, and folding and hashing each
    /// stem afresh cost more than the lookup itself. Next to each other
    /// per word, so a known word's codes are one or two cache lines, where
    /// the stems' texts lie scattered over megabytes. Computing them all
    /// at load would add work to every start-up for codes few runs need.
    link_codes: Vec<AtomicU64>,
    /// Byte range of each German stem in `text`.
    stems: Vec<(u32, u8)>,
    /// Open-addressing hash index over `words` (a power of two, at least
    /// twice as long as `words`; 0 = empty). An entry holds one more than
    /// the word's index in its low bits ([`Lexicon::id_mask`]) and a tag,
    /// more bits of the word's hash, in the rest. Every English token of every pair is
    /// looked up: a binary search over 100,000 words is ~17 dependent reads
    /// scattered over megabytes, a probe here one or two; and the tag lets
    /// a probe pass over another word's slot without reading that word's
    /// entry and text, two cache misses (function words and names, a good
    /// part of the lookups, are not in the index at all).
    index: Vec<u32>,
}

#[derive(Debug, Clone, Copy)]
struct Word {
    start: u32,
    len: u8,
    first_link: u32,
    links: u8,
}

static DING: LazyLock<Option<Lexicon>> =
    LazyLock::new(|| configured_path(std::env::var_os(ENV_VAR)).and_then(|path| load_cached(&path)));

/// The file to read given the value of `$MTLINT_DING`: the default path when
/// unset, nothing when set but empty.
fn configured_path(env: Option<std::ffi::OsString>) -> Option<std::path::PathBuf> {
    match env {
        Some(p) if p.is_empty() => None,
        Some(p) => Some(p.into()),
        None => Some(DEFAULT_PATH.into()),
    }
}

/// The installed lexicon, loaded on first use; `None` when it is not
/// installed or turned off.
pub fn get() -> Option<&'static Lexicon> {
    DING.as_ref()
}

/// [`load`], through the binary copy in the cache directory when there is
/// a valid one (see [`cache`]); after parsing, saves that copy.
fn load_cached(path: &std::path::Path) -> Option<Lexicon> {
    let size = std::fs::metadata(path).ok().filter(|m| m.is_file()).map(|m| m.len());
    let file = size
        .filter(|&size| size >= cache::MIN_SOURCE_BYTES)
        .and_then(|_| Some((cache::directory()?, cache::Stamp::of(path)?)))
        .map(|(dir, stamp)| (stamp.file_in(&dir, path), stamp));
    if let Some(lexicon) = file.as_ref().and_then(|(file, stamp)| cache::read(file, stamp)) {
        return Some(lexicon);
    }
    let lexicon = load(path)?;
    if let Some((file, stamp)) = &file {
        cache::write(file, stamp, &lexicon);
    }
    Some(lexicon)
}

/// Reads a Ding file; `None` when it cannot be opened or read (the lexicon
/// is optional, so a missing file is not an error). A large regular file
/// is read as two halves at once (split at a line start) when checking
/// runs on more than one thread, and the two collections are merged: the
/// lexicon is the same as one pass makes, and a short run, which spends
/// most of its time loading it, ends about a third sooner.
pub fn load(path: &std::path::Path) -> Option<Lexicon> {
    let file = std::fs::File::open(path).ok()?;
    // The Debian file is 26 MB; a cap keeps a wrong `$MTLINT_DING`
    // (a device, a huge log) from eating the memory.
    let size = file.metadata().ok().filter(|m| m.is_file()).map(|m| m.len().min(MAX_FILE_BYTES));
    let split = size
        .filter(|&size| size >= PARALLEL_MIN_BYTES && rayon::current_num_threads() > 1)
        .and_then(|size| line_start_from(path, size / 2, size));
    let builder = match split {
        // A plain thread, not the rayon pool: the load starts inside a
        // check, where the pool's other workers wait for the lexicon and
        // could not take the second half.
        Some(split) => std::thread::scope(|scope| {
            let second = scope.spawn(|| {
                let mut rest = std::fs::File::open(path).ok()?;
                rest.seek(SeekFrom::Start(split)).ok()?;
                read_lines(rest.take(MAX_FILE_BYTES - split), size.unwrap_or(0).saturating_sub(split))
            });
            let mut builder = read_lines(file.take(split), split)?;
            builder.absorb(second.join().ok()??);
            Some(builder)
        })?,
        None => read_lines(file.take(MAX_FILE_BYTES), size.unwrap_or(0))?,
    };
    let lexicon = builder.finish();
    (!lexicon.is_empty()).then_some(lexicon)
}

/// Files from this size are read in two halves (smaller ones are not worth
/// a second reader).
const PARALLEL_MIN_BYTES: u64 = 1 << 20;

/// The offset of the first line start at or after `at` (> 0) and before
/// `end`; `None` when no line starts there (then one pass reads it all).
/// Reads no further than `end`, and keeps nothing of what it skips.
fn line_start_from(path: &std::path::Path, at: u64, end: u64) -> Option<u64> {
    let mut file = std::fs::File::open(path).ok()?;
    file.seek(SeekFrom::Start(at - 1)).ok()?;
    let skipped = BufReader::new(file.take(end - (at - 1))).skip_until(b'\n').ok()?;
    let split = at - 1 + skipped as u64;
    (split < end).then_some(split)
}

/// Collects every line of `reader` (about `bytes` long); `None` on a read
/// error. Reads blocks and finds the line ends with `memchr` (a buffered
/// reader's `read_until` searched byte by byte and copied every line).
fn read_lines(mut reader: impl Read, bytes: u64) -> Option<Builder> {
    let mut builder = Builder::for_bytes(bytes);
    let mut buf = vec![0u8; 1 << 16];
    // `buf[..filled]` holds read bytes not yet parsed: the start of a line.
    let mut filled = 0;
    loop {
        if filled == buf.len() {
            // A line longer than the buffer: grow by one block. The vector
            // still doubles its capacity, but only the block is written, so
            // a capped device read (`/dev/zero`) does not end with twice
            // the cap in memory.
            buf.resize(buf.len() + (1 << 16), 0);
        }
        let read = match reader.read(&mut buf[filled..]) {
            Ok(read) => read,
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => return None,
        };
        if read == 0 {
            if filled > 0 {
                builder.add_line_bytes(&buf[..filled]);
            }
            return Some(builder);
        }
        let end = filled + read;
        let mut start = 0;
        // Only the new bytes can hold a line end: the kept ones held none.
        for newline in memchr::memchr_iter(b'\n', &buf[filled..end]) {
            let newline = filled + newline;
            builder.add_line_bytes(&buf[start..=newline]);
            start = newline + 1;
        }
        if start > 0 {
            buf.copy_within(start..end, 0);
        }
        filled = end - start;
    }
}

/// Parses Ding text (the whole file or a hand-made excerpt).
pub fn parse(text: &str) -> Lexicon {
    let mut builder = Builder::for_bytes(text.len() as u64);
    for line in text.lines() {
        builder.add_line(line);
    }
    builder.finish()
}

impl Lexicon {
    /// The German stems for an English word (any case); empty when unknown.
    pub fn stems<'a>(&'a self, english: &str) -> impl Iterator<Item = &'a str> + 'a {
        self.stems_of(self.find(english))
    }

    /// [`Lexicon::stems`], or the stems of the singular when only that is
    /// listed (a plain "-s" plural or third person: "bridges", "builds").
    /// Each form is looked up once (this runs for every English word).
    pub fn stems_or_singular<'a>(&'a self, english: &str) -> impl Iterator<Item = &'a str> + 'a {
        self.stems_of(self.find_or_singular(english))
    }

    /// The aligner's codes of [`Lexicon::stems_or_singular`], in the same
    /// order: `stems_or_singular(w).map(anchors::stem_code)`, cached.
    pub fn stem_codes_or_singular<'a>(&'a self, english: &str) -> impl Iterator<Item = u64> + 'a {
        Self::link_range(self.find_or_singular(english)).map(move |link| self.link_code(link))
    }

    /// The code of one link's stem, computed on first use. A code that
    /// happens to be 0 is computed every time, and is still right.
    fn link_code(&self, link: usize) -> u64 {
        let cached = self.link_codes[link].load(Ordering::Relaxed);
        if cached != 0 {
            return cached;
        }
        let code = super::anchors::stem_code(self.stem_text(self.links[link]));
        self.link_codes[link].store(code, Ordering::Relaxed);
        code
    }

    /// The German stems of a found word; none for `None`.
    fn stems_of<'a>(&'a self, found: Option<&Word>) -> impl Iterator<Item = &'a str> + 'a {
        self.links[Self::link_range(found)].iter().map(move |&id| self.stem_text(id))
    }

    /// Where a found word's links are in `links`; empty for `None`.
    fn link_range(found: Option<&Word>) -> std::ops::Range<usize> {
        found.map_or(0..0, |w| w.first_link as usize..w.first_link as usize + usize::from(w.links))
    }

    fn stem_text(&self, id: u32) -> &str {
        let (start, len) = self.stems[id as usize];
        &self.text[start as usize..start as usize + usize::from(len)]
    }

    pub fn contains(&self, english: &str) -> bool {
        self.find(english).is_some()
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The entry of `english`, or of its singular when a plural ("-s",
    /// five letters or more) has none.
    fn find_or_singular(&self, english: &str) -> Option<&Word> {
        self.find(english).or_else(|| {
            let singular = english.strip_suffix('s').filter(|_| english.len() > 4)?;
            self.find(singular)
        })
    }

    fn find(&self, english: &str) -> Option<&Word> {
        let mut buf = [0u8; 32];
        let lower = ascii_lower(english, &mut buf)?;
        let mask = self.index.len().checked_sub(1)?;
        let hash = slot_hash(lower);
        let (tag, ids) = (self.tag(hash), self.id_mask());
        let mut slot = hash as usize & mask;
        loop {
            let entry = self.index[slot];
            if entry == 0 {
                return None;
            }
            if entry & !ids == tag {
                let word = &self.words[(entry & ids) as usize - 1];
                if self.word_text(word).as_bytes() == lower {
                    return Some(word);
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Fills [`Lexicon::index`] from `words`.
    fn build_index(&mut self) {
        let size = (self.words.len() * 2).next_power_of_two();
        let mut index = vec![0u32; size];
        for (i, word) in self.words.iter().enumerate() {
            let hash = slot_hash(self.word_text(word).as_bytes());
            let mut slot = hash as usize & (size - 1);
            while index[slot] != 0 {
                slot = (slot + 1) & (size - 1);
            }
            index[slot] = self.tag(hash) | (i as u32 + 1);
        }
        self.index = index;
    }

    /// The low bits of an index entry that hold a word index + 1: as many
    /// as the largest one needs.
    fn id_mask(&self) -> u32 {
        let bits = u32::BITS - (self.words.len() as u32).leading_zeros();
        u32::MAX.checked_shr(u32::BITS - bits).unwrap_or(0)
    }

    /// The tag of a word with this hash: the hash's top bits, in the entry
    /// bits [`Lexicon::id_mask`] leaves (the slot comes from the low bits).
    fn tag(&self, hash: u64) -> u32 {
        ((hash >> 32) as u32) & !self.id_mask()
    }

    fn word_text(&self, w: &Word) -> &str {
        &self.text[w.start as usize..w.start as usize + usize::from(w.len)]
    }
}

/// The index slot hash of a lowercase English word (FxHash: local data,
/// no adversary).
fn slot_hash(word: &[u8]) -> u64 {
    use std::hash::BuildHasher;
    Fx::default().hash_one(word)
}

/// Lowercase copy of an ASCII word into `buf`; `None` for other words (Ding
/// English headwords we keep are ASCII).
fn ascii_lower<'b>(word: &str, buf: &'b mut [u8; 32]) -> Option<&'b [u8]> {
    if word.len() > buf.len() || !word.is_ascii() {
        return None;
    }
    for (b, w) in buf.iter_mut().zip(word.bytes()) {
        *b = w.to_ascii_lowercase();
    }
    Some(&buf[..word.len()])
}

/// Collects (English word, German stem) pairs with how many entries give
/// them, then keeps the best-supported stems of each word.
#[derive(Default)]
struct Builder {
    english: HashMap<Box<str>, u32, Fx>,
    german: HashMap<Box<str>, u32, Fx>,
    pairs: HashMap<(u32, u32), u32, Fx>,
    /// Buffers reused from group to group: loading reads ~200,000 lines at
    /// start-up, and allocating afresh for every piece of every line cost
    /// ~8% of the load.
    scratch: Scratch,
    /// Where the groups of a line's German and English sides are.
    groups: (Vec<Range<usize>>, Vec<Range<usize>>),
}

#[derive(Default)]
struct Scratch {
    stripped: String,
    lowercase: String,
    /// The group's English words, lowercase, one after another...
    words: String,
    /// ...and where each ends in `words`.
    word_ends: Vec<usize>,
    stems: Vec<u32>,
}

/// FxHash: the default SipHash made loading twice as slow (FNV, which
/// hashes a byte at a time, was slower than Fx too), and these keys come
/// from a local file, not from an adversary. The lexicon does not depend on
/// the hash order: words are placed by id and each word's stems sorted
/// before they are kept.
type Fx = rustc_hash::FxBuildHasher;

/// The id of `key` in `map`, adding it when new (without allocating for a
/// key already there).
fn intern(map: &mut HashMap<Box<str>, u32, Fx>, key: &str) -> u32 {
    if let Some(&id) = map.get(key) {
        return id;
    }
    let id = map.len() as u32;
    map.insert(key.into(), id);
    id
}

/// `map`'s keys in the order of their ids (the ids are 0..len, each once:
/// each key goes straight to its place).
fn keys_by_id(map: HashMap<Box<str>, u32, Fx>) -> Vec<Box<str>> {
    let mut keys: Vec<Box<str>> = vec![Box::default(); map.len()];
    for (key, id) in map {
        keys[id as usize] = key;
    }
    keys
}

/// The id of an owned `key` in `map`, adding it when new.
fn intern_owned(map: &mut HashMap<Box<str>, u32, Fx>, key: Box<str>) -> u32 {
    let next = map.len() as u32;
    *map.entry(key).or_insert(next)
}

impl Builder {
    /// An empty builder with room for what about `bytes` of Ding hold, so
    /// the maps are not grown (and rehashed) step by step. The Debian file
    /// has an English word and a German stem per ~250 bytes and a pair
    /// per ~90 (room is made for a little more, as one half of the file
    /// can be denser); a larger guess only costs memory, capped for a
    /// huge file.
    fn for_bytes(bytes: u64) -> Builder {
        let room = |per: u64| usize::try_from(bytes / per).unwrap_or(0).min(1 << 20);
        Builder {
            english: HashMap::with_capacity_and_hasher(room(200), Fx::default()),
            german: HashMap::with_capacity_and_hasher(room(200), Fx::default()),
            pairs: HashMap::with_capacity_and_hasher(room(70), Fx::default()),
            scratch: Scratch::default(),
            groups: Default::default(),
        }
    }

    /// [`Builder::add_line`] of raw bytes; a line with invalid UTF-8 is
    /// skipped, not fatal.
    fn add_line_bytes(&mut self, line: &[u8]) {
        self.add_line(std::str::from_utf8(line).unwrap_or(""));
    }

    /// Adds what `later` collected from the lines after this builder's.
    /// Stems new to this builder get ids in `later`'s order after all of
    /// this builder's: the ids one pass over both parts would give, and the
    /// ids decide ties between equally attested stems in [`Builder::finish`].
    fn absorb(&mut self, later: Builder) {
        self.pairs.reserve(later.pairs.len());
        let german: Vec<u32> =
            keys_by_id(later.german).into_iter().map(|k| intern_owned(&mut self.german, k)).collect();
        let english: Vec<u32> =
            keys_by_id(later.english).into_iter().map(|k| intern_owned(&mut self.english, k)).collect();
        for ((e, g), count) in later.pairs {
            *self.pairs.entry((english[e as usize], german[g as usize])).or_insert(0) += count;
        }
    }

    fn add_line(&mut self, line: &str) {
        let line = line.trim_end();
        if line.starts_with('#') {
            return;
        }
        let Some((de, en)) = split_once_double_colon(line) else { return };
        if memchr::memchr(b'|', line.as_bytes()).is_none() {
            // One group on each side (most lines): nothing to split or count.
            self.add_group(de, en);
            return;
        }
        // Groups correspond one to one; when they do not, only the headword
        // group is trustworthy.
        // Each side is split once, into ranges (counting the groups and
        // then splitting again read these lines three times).
        let (mut de_groups, mut en_groups) = std::mem::take(&mut self.groups);
        group_ranges(de, &mut de_groups);
        group_ranges(en, &mut en_groups);
        let n = if de_groups.len() == en_groups.len() { de_groups.len() } else { 1 };
        for (d, e) in de_groups.iter().zip(&en_groups).take(n) {
            self.add_group(&de[d.clone()], &en[e.clone()]);
        }
        self.groups = (de_groups, en_groups);
    }

    fn add_group(&mut self, de: &str, en: &str) {
        let mut scratch = std::mem::take(&mut self.scratch);
        self.add_group_with(de, en, &mut scratch);
        self.scratch = scratch;
    }

    fn add_group_with(&mut self, de: &str, en: &str, scratch: &mut Scratch) {
        // English first: most groups are phrases there, and then the German
        // need not be looked at.
        strip_annotations_into(en, &mut scratch.stripped);
        scratch.words.clear();
        scratch.word_ends.clear();
        for word in scratch.stripped.split(';').filter_map(english_word) {
            scratch.words.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            scratch.word_ends.push(scratch.words.len());
        }
        if scratch.word_ends.is_empty() {
            return;
        }
        strip_annotations_into(de, &mut scratch.stripped);
        scratch.stems.clear();
        for alternative in scratch.stripped.split(';') {
            if let Some(stem) = german_stem(alternative, &mut scratch.lowercase) {
                scratch.stems.push(intern(&mut self.german, stem));
            }
        }
        if scratch.stems.is_empty() {
            return;
        }
        let mut start = 0;
        for &end in &scratch.word_ends {
            let e = intern(&mut self.english, &scratch.words[start..end]);
            start = end;
            for &g in &scratch.stems {
                *self.pairs.entry((e, g)).or_insert(0) += 1;
            }
        }
    }

    fn finish(self) -> Lexicon {
        let (starts, mut candidates) = pairs_by_word(self.pairs, self.english.len());
        let mut text = String::new();
        let german = keys_by_id(self.german);
        let mut stems = Vec::with_capacity(german.len());
        for stem in &german {
            stems.push((text.len() as u32, stem.len() as u8));
            text.push_str(stem);
        }
        // In id order: lookups go through the hash index, so the order of
        // `words` is free, and ids are the same however the file was read
        // (see `absorb`); sorting the words by text took a tenth of the load.
        let english = keys_by_id(self.english);
        let mut words = Vec::with_capacity(english.len());
        let mut links = Vec::new();
        for (id, word) in english.iter().enumerate() {
            let candidates = &mut candidates[starts[id] as usize..starts[id + 1] as usize];
            // Most-attested first; ties by stem id keep the result deterministic.
            candidates.sort_unstable_by_key(|&(g, count)| (std::cmp::Reverse(count), g));
            let first_link = links.len() as u32;
            links.extend(candidates.iter().take(MAX_STEMS_PER_WORD).map(|&(g, _)| g));
            words.push(Word {
                start: text.len() as u32,
                len: word.len() as u8,
                first_link,
                links: (links.len() as u32 - first_link) as u8,
            });
            text.push_str(word);
        }
        text.shrink_to_fit();
        let link_codes = links.iter().map(|_| AtomicU64::new(0)).collect();
        let mut lexicon = Lexicon { text, words, links, link_codes, stems, index: Vec::new() };
        lexicon.build_index();
        lexicon
    }
}

/// The (German stem id, count) pairs grouped by English id (a counting
/// sort: one pass to count, one to place), with where each word's group
/// starts (`starts[e]..starts[e + 1]`).
fn pairs_by_word(pairs: HashMap<(u32, u32), u32, Fx>, words: usize) -> (Vec<u32>, Vec<(u32, u32)>) {
    let mut starts = vec![0u32; words + 1];
    for &(e, _) in pairs.keys() {
        starts[e as usize + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut next = starts.clone();
    let mut grouped = vec![(0u32, 0u32); pairs.len()];
    for ((e, g), count) in pairs {
        let slot = &mut next[e as usize];
        grouped[*slot as usize] = (g, count);
        *slot += 1;
    }
    (starts, grouped)
}

/// `line.split_once(" :: ")`, found from the colons: the general
/// substring searcher's set-up cost more than the search on every line of
/// a 26 MB file.
fn split_once_double_colon(line: &str) -> Option<(&str, &str)> {
    let bytes = line.as_bytes();
    let at = memchr::memchr_iter(b':', bytes).find(|&p| {
        p >= 1 && bytes[p - 1] == b' ' && bytes.get(p + 1) == Some(&b':') && bytes.get(p + 2) == Some(&b' ')
    })?;
    Some((&line[..at - 1], &line[at + 3..]))
}

/// `text.split(" | ")`, found from the bars (see [`split_once_double_colon`]).
fn split_bars(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut bars = memchr::memchr_iter(b'|', bytes);
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        // A match may not overlap the previous one: its space must lie after it.
        let found = bars.by_ref().find(|&p| p > start && bytes[p - 1] == b' ' && bytes.get(p + 1) == Some(&b' '));
        match found {
            Some(p) => {
                let piece = &text[start..p - 1];
                start = p + 2;
                Some(piece)
            }
            None => {
                done = true;
                Some(&text[start..])
            }
        }
    })
}

/// `text.split_whitespace()`, a byte at a time while the text holds no
/// whitespace beyond ASCII (the general splitter decodes every character,
/// and runs over the words of every line of the file at start-up). Every
/// other whitespace character (U+0085, U+00A0, U+1680, U+2000–U+205F,
/// U+3000) starts with the byte C2, E1, E2 or E3 in UTF-8: from the word
/// where one of those bytes turns up, the general splitter takes over.
/// Lazy like it: a caller that stops after three words reads no further.
fn split_words(text: &str) -> Words<'_> {
    Words { text, at: 0, general: None }
}

/// The iterator of [`split_words`] (a type of its own, not a closure, so
/// that its `next` inlines into the loops over words).
struct Words<'a> {
    text: &'a str,
    at: usize,
    general: Option<std::str::SplitWhitespace<'a>>,
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        if let Some(words) = self.general.as_mut() {
            return words.next();
        }
        let bytes = self.text.as_bytes();
        let mut at = self.at;
        while at < bytes.len() && BYTE_CLASS[usize::from(bytes[at])] == SPACE {
            at += 1;
        }
        let start = at;
        while at < bytes.len() {
            match BYTE_CLASS[usize::from(bytes[at])] {
                OTHER => at += 1,
                SPACE => break,
                _ => {
                    // `start` follows ASCII bytes only: a character boundary.
                    let mut rest = self.text[start..].split_whitespace();
                    let word = rest.next();
                    self.general = Some(rest);
                    return word;
                }
            }
        }
        self.at = at;
        // Both ends lie next to ASCII bytes or the text's ends.
        (at > start).then(|| &self.text[start..at])
    }
}

const OTHER: u8 = 0;
const SPACE: u8 = 1;
/// A byte that may start whitespace beyond ASCII.
const MAYBE_SPACE: u8 = 2;
/// [`split_words`]'s class of each byte.
const BYTE_CLASS: [u8; 256] = {
    let mut class = [OTHER; 256];
    let spaces = b"\t\n\x0b\x0c\r ";
    let mut i = 0;
    while i < spaces.len() {
        class[spaces[i] as usize] = SPACE;
        i += 1;
    }
    class[0xC2] = MAYBE_SPACE;
    class[0xE1] = MAYBE_SPACE;
    class[0xE2] = MAYBE_SPACE;
    class[0xE3] = MAYBE_SPACE;
    class
};

/// The byte ranges of [`split_bars`]'s pieces, into `out` (cleared first).
fn group_ranges(text: &str, out: &mut Vec<Range<usize>>) {
    out.clear();
    let base = text.as_ptr() as usize;
    out.extend(split_bars(text).map(|group| {
        let start = group.as_ptr() as usize - base;
        start..start + group.len()
    }));
}

/// Removes Ding's annotations: `{f}`, `[pol.]`, `(des Bodens)`, `<Aalmolch>`
/// and abbreviations between slashes (`/Gov.; Govt./`), which would
/// otherwise split at their own `;`. Writes into `out` (cleared first).
fn strip_annotations_into(text: &str, out: &mut String) {
    /// The bytes that open or close an annotation: one table lookup per byte.
    const IS_MARKER: [bool; 256] = {
        let mut table = [false; 256];
        let markers = b"{[(<}])>/";
        let mut i = 0;
        while i < markers.len() {
            table[markers[i] as usize] = true;
            i += 1;
        }
        table
    };
    out.clear();
    let mut depth = 0usize;
    let mut in_slashes = false;
    // Every marker is ASCII, so the text between markers is copied as a
    // whole (this runs on every line of a 26 MB file at start-up).
    let bytes = text.as_bytes();
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !IS_MARKER[b as usize] {
            continue;
        }
        if depth == 0 && !in_slashes {
            out.push_str(&text[run..i]);
        }
        run = i + 1;
        match b {
            b'{' | b'[' | b'(' | b'<' => depth += 1,
            b'}' | b']' | b')' | b'>' => depth = depth.saturating_sub(1),
            _ if depth == 0 && (in_slashes || out.ends_with(' ') || out.is_empty()) => in_slashes = !in_slashes,
            _ if depth == 0 && !in_slashes => out.push('/'),
            _ => {}
        }
    }
    if depth == 0 && !in_slashes {
        out.push_str(&text[run..]);
    }
}

/// The English alternative as one word as written ("to buy" → "buy"), or
/// `None` for phrases and anything not plain ASCII letters.
fn english_word(alternative: &str) -> Option<&str> {
    // Pronoun lists of conjugated forms ("he/she buys") are fillers too.
    let mut words = split_words(alternative).filter(|w| !ENGLISH_FILLERS.contains(w) && !w.as_bytes().contains(&b'/'));
    let mut text = words.next()?;
    if text == "to" {
        text = words.next()?;
    }
    if words.next().is_some() {
        return None;
    }
    let ok = text.len() >= 2 && text.len() <= 32 && text.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-');
    ok.then_some(text)
}

/// The German alternative as one stem, or `None` for phrases and function
/// words. `lowercase` is the buffer the stem is cut from.
fn german_stem<'b>(alternative: &str, lowercase: &'b mut String) -> Option<&'b str> {
    let mut words = split_words(alternative).filter(|w| !GERMAN_FILLERS.contains(w) && !w.as_bytes().contains(&b'/'));
    let word = words.next()?;
    if words.next().is_some() || !word.chars().all(|c| c.is_alphabetic() || c == '-') {
        return None;
    }
    lowercase.clear();
    if word.is_ascii() {
        lowercase.push_str(word);
        lowercase.make_ascii_lowercase();
    } else {
        lowercase.push_str(&word.to_lowercase());
    }
    let lower = lowercase.as_str();
    // No function word is longer than 6 bytes: longer words skip the lookup.
    let function_word = lower.len() <= 6 && lexicon::contains_lower(GERMAN_FUNCTION_WORDS, lower);
    if function_word || lower.chars().count() < 3 || lower.len() > 60 {
        return None;
    }
    Some(stem(lower))
}

/// Cuts the longest inflection ending that leaves at least
/// `MIN_STEM_CHARS` characters ("regierungen" → "regierung").
pub fn stem(word: &str) -> &str {
    let chars = word.chars().count();
    for ending in GERMAN_ENDINGS {
        if let Some(stem) = word.strip_suffix(ending) {
            if chars - ending.len() >= MIN_STEM_CHARS {
                return stem;
            }
        }
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hand-made excerpt in Ding's format (not taken from the Debian file).
    const SAMPLE: &str = "\
# Version :: test
kaufen {vt} | kaufend | gekauft | er/sie kauft | ich/er/sie kaufte :: to buy | buying | bought | he/she buys | I/he/she bought
Regierung {f} [pol.] | Regierungen {pl} :: government /Gov./; administration [Am.] | governments; administrations
sich etw. leisten {vr} :: to afford sth.
Haus {n} | Häuser {pl} :: house | houses
der Tag der offenen Tür :: open day
und :: and
";

    #[test]
    fn separators_split_like_the_standard_library() {
        for text in
            ["a | b", "a | | b", " | a |  | ", "a|b | c", "| a", "a |", "", " | ", "x :: y :: z", "a::b :: c", " :: "]
        {
            assert_eq!(split_bars(text).collect::<Vec<_>>(), text.split(" | ").collect::<Vec<_>>(), "{text:?}");
            assert_eq!(split_once_double_colon(text), text.split_once(" :: "), "{text:?}");
            let mut ranges = Vec::new();
            group_ranges(text, &mut ranges);
            let pieces: Vec<&str> = ranges.into_iter().map(|r| &text[r]).collect();
            assert_eq!(pieces, text.split(" | ").collect::<Vec<_>>(), "{text:?}");
        }
    }

    #[test]
    fn words_split_like_the_standard_library() {
        let spaces = [
            "\t", "\n", "\u{b}", "\u{c}", "\r", " ", "  ", "\u{85}", "\u{a0}", "\u{1680}", "\u{2000}", "\u{2009}",
            "\u{200a}", "\u{2028}", "\u{2029}", "\u{202f}", "\u{205f}", "\u{3000}", "\u{180e}", "\u{200b}",
        ];
        let pieces = ["a", "to", "sth.", "Häuser", "–", "’s", "x/y", "Â©", "€", "日本", "-", "\u{1e9e}", "\u{2010}"];
        let mut seed = 7u64;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize % n
        };
        let mut texts: Vec<String> =
            ["", " ", "a", " a ", "to buy", "a  b\tc\n", "sich etw. kaufen", "a\u{a0}b"].map(String::from).to_vec();
        for _ in 0..5000 {
            let n = next(9);
            texts.push(
                (0..n)
                    .map(|_| if next(2) == 0 { spaces[next(spaces.len())] } else { pieces[next(pieces.len())] })
                    .collect(),
            );
        }
        for text in &texts {
            assert_eq!(split_words(text).collect::<Vec<_>>(), text.split_whitespace().collect::<Vec<_>>(), "{text:?}");
            // Taken partly, as the callers do.
            assert_eq!(
                split_words(text).take(2).collect::<Vec<_>>(),
                text.split_whitespace().take(2).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn no_german_function_word_is_longer_than_six_bytes() {
        assert!(GERMAN_FUNCTION_WORDS.iter().all(|w| w.len() <= 6));
    }

    fn stems(lex: &Lexicon, word: &str) -> Vec<String> {
        let mut out: Vec<String> = lex.stems(word).map(str::to_string).collect();
        out.sort();
        out
    }

    #[test]
    fn parallel_groups_give_inflected_forms() {
        let lex = parse(SAMPLE);
        assert_eq!(stems(&lex, "buy"), ["kauf"]);
        assert_eq!(stems(&lex, "bought"), ["gekauf", "kauf"]);
        assert_eq!(stems(&lex, "Governments"), ["regierung"]);
        assert_eq!(stems(&lex, "administration"), ["regierung"]);
        assert_eq!(stems(&lex, "houses"), ["häus"]);
    }

    #[test]
    fn phrases_fillers_and_function_words() {
        let lex = parse(SAMPLE);
        // "sich etw." and "sth." are placeholders.
        assert_eq!(stems(&lex, "afford"), ["leis"]);
        assert!(!lex.contains("open"), "phrases are not single words");
        assert!(!lex.contains("and"), "German function words are no stems");
        assert!(!lex.contains("gov"), "abbreviations between slashes are dropped");
    }

    #[test]
    fn cached_stem_codes_are_the_codes_of_the_stems() {
        let lex = parse(&format!("{SAMPLE}{}", synthetic_ding(3000)));
        let words = ["buy", "bought", "Governments", "houses", "afford", "open", "unknown", "wab", "wabs", "WAC"];
        let generated: Vec<String> =
            (0..400).map(|i| letters(i * 7)).chain((0..50).map(|i| letters(i) + "s")).collect();
        // Twice: the first pass fills the cache, the second reads it.
        for _ in 0..2 {
            for word in words.iter().copied().chain(generated.iter().map(String::as_str)) {
                let plain: Vec<u64> = lex.stems_or_singular(word).map(super::super::anchors::stem_code).collect();
                assert_eq!(lex.stem_codes_or_singular(word).collect::<Vec<_>>(), plain, "{word}");
            }
        }
    }

    #[test]
    fn stems_cut_inflection_but_stay_long_enough() {
        assert_eq!(stem("regierungen"), "regierung");
        assert_eq!(stem("kaufte"), "kauf");
        assert_eq!(stem("drängend"), "dräng");
        assert_eq!(stem("gekauft"), "gekauf");
        assert_eq!(stem("haus"), "haus");
        assert_eq!(stem("tage"), "tage");
    }

    #[test]
    fn keeps_the_best_attested_stems_only() {
        let mut text = String::new();
        for i in 0..10 {
            text.push_str(&format!("Wort{} :: word\n", "x".repeat(i)));
        }
        text.push_str("Wort :: word\nWort :: word\n");
        let lex = parse(&text);
        let found: Vec<&str> = lex.stems("word").collect();
        assert_eq!(found.len(), MAX_STEMS_PER_WORD);
        assert_eq!(found[0], "wort");
    }

    #[test]
    fn the_environment_variable_chooses_or_disables_the_file() {
        assert_eq!(configured_path(None), Some(DEFAULT_PATH.into()));
        assert_eq!(configured_path(Some("".into())), None);
        assert_eq!(configured_path(Some("/tmp/ding".into())), Some("/tmp/ding".into()));
    }

    #[test]
    fn missing_or_garbled_input_gives_no_lexicon() {
        assert!(load(std::path::Path::new("/nonexistent/ding")).is_none());
        assert!(parse("").is_empty());
        assert!(parse("no separator here\n:: \n ::").is_empty());
        assert_eq!(parse("Haus :: house").stems("unknown").count(), 0);
    }

    /// A made-up English word for a number: letters only ("bac", "bad" …).
    fn letters(mut n: usize) -> String {
        let mut word = String::from("w");
        loop {
            word.push(char::from(b'a' + (n % 26) as u8));
            n /= 26;
            if n == 0 {
                return word;
            }
        }
    }

    /// Hand-made lines in Ding's format where many stems recur with
    /// different attestations across the file, so ties and ids matter.
    fn synthetic_ding(lines: usize) -> String {
        (0..lines)
            .map(|i| {
                let (a, b) = (letters(i % 997), letters(i % 89));
                let (c, d) = (letters(i % 131), letters(i % 17));
                format!("Stamm{c} {{m}} | Stammes{d} :: {a} | {b}\n")
            })
            .collect()
    }

    #[test]
    fn the_tagged_index_finds_every_word_and_nothing_else() {
        let lexicon = parse(&synthetic_ding(4000));
        assert!(lexicon.id_mask() >= lexicon.words.len() as u32 && lexicon.id_mask() < 2 * lexicon.words.len() as u32);
        for word in &lexicon.words {
            let text = lexicon.word_text(word);
            assert!(std::ptr::eq(lexicon.find(text).unwrap(), word), "{text}");
            assert!(lexicon.find(&format!("{text}x")).is_none_or(|w| lexicon.word_text(w) == format!("{text}x")));
        }
        assert!(lexicon.find("notaword").is_none());
    }

    #[test]
    fn merged_halves_give_the_lexicon_of_one_pass() {
        let text = synthetic_ding(4000);
        let lines: Vec<&str> = text.lines().collect();
        let mut first = Builder::default();
        let mut second = Builder::default();
        lines[..1500].iter().for_each(|l| first.add_line(l));
        lines[1500..].iter().for_each(|l| second.add_line(l));
        first.absorb(second);
        let one_pass = parse(&text);
        assert!(one_pass.len() > 900, "{}", one_pass.len());
        assert_eq!(format!("{:?}", first.finish()), format!("{one_pass:?}"));
    }

    #[test]
    fn a_file_without_a_line_start_after_its_middle_loads_in_one_pass() {
        let mut text = String::from("Haus {n} :: house\n");
        text.push_str(&"x".repeat(PARALLEL_MIN_BYTES as usize * 2));
        let mut file = tempfile::NamedTempFile::new().unwrap();
        std::io::Write::write_all(&mut file, text.as_bytes()).unwrap();
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
        let loaded = pool.install(|| load(file.path())).unwrap();
        assert_eq!(loaded.stems("house").collect::<Vec<_>>(), ["haus"]);
    }

    /// Hands out at most `step` bytes per read, so lines straddle reads.
    struct Trickle<'a> {
        bytes: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.step.min(buf.len()).min(self.bytes.len());
            buf[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    #[test]
    fn lines_read_in_blocks_are_the_lines_of_the_text() {
        let mut bytes = SAMPLE.as_bytes().to_vec();
        bytes.extend_from_slice(b"Kauf {m} :: purchase\r\n\xff\xfe :: broken\n\nBaum {m} :: tree");
        let expected = format!("{:?}", parse(&format!("{SAMPLE}Kauf {{m}} :: purchase\n\nBaum {{m}} :: tree")));
        for step in [1, 2, 3, 7, 64, 1 << 20] {
            let builder = read_lines(Trickle { bytes: &bytes, step }, bytes.len() as u64).unwrap();
            assert_eq!(format!("{:?}", builder.finish()), expected, "{step}");
        }
        let long = format!("{}\nHaus {{n}} :: house\n", "x".repeat(200_000));
        let builder = read_lines(Trickle { bytes: long.as_bytes(), step: 5000 }, 0).unwrap();
        assert_eq!(builder.finish().stems("house").collect::<Vec<_>>(), ["haus"]);
    }

    #[test]
    fn a_large_file_loads_in_two_halves_as_in_one_pass() {
        let text = synthetic_ding(30_000);
        assert!(text.len() as u64 >= PARALLEL_MIN_BYTES, "the file must take the two-halves path");
        let mut file = tempfile::NamedTempFile::new().unwrap();
        std::io::Write::write_all(&mut file, text.as_bytes()).unwrap();
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
        let loaded = pool.install(|| load(file.path())).unwrap();
        assert_eq!(format!("{loaded:?}"), format!("{:?}", parse(&text)));
    }
}
