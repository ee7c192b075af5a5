//! A binary copy of the built Ding lexicon in the user's cache directory,
//! so that only the first run after installing Ding (or mtlint) parses the
//! 26 MB text file.
//!
//! Parsing Ding costs ~0.1 s of wall time and ~1.1 billion instructions at
//! every start, and peaks at ~65 MB of short-lived maps: that is most of a
//! small CI run, and 2% of a million-pair batch. Reading the built arrays
//! back takes a few milliseconds and no maps.
//!
//! The copy is derived from the installed GPL file on the user's machine,
//! never shipped. It lives in `$MTLINT_CACHE_DIR`, else
//! `$XDG_CACHE_HOME/mtlint`, else `$HOME/.cache/mtlint`; an empty
//! `MTLINT_CACHE_DIR` turns it off. It is used only when it was made from
//! the same file (path, size, modification time) by the same mtlint binary
//! (its size and modification time: a rebuilt or updated binary may cut
//! stems differently), and only after every offset in it has been checked,
//! so a stale, truncated or corrupted copy is rebuilt, never trusted. Any
//! failure to read or write it falls back to parsing, silently: the cache
//! only saves time.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;

use super::{Lexicon, Word};

/// Environment variable naming the cache directory; empty turns caching off.
pub const ENV_VAR: &str = "MTLINT_CACHE_DIR";
/// The first bytes of a cache file, with the layout's version.
const MAGIC: &[u8; 8] = b"MTLDING\x02";
/// Sources smaller than this parse about as fast as their copy reads (and
/// test files would only fill the cache directory).
pub(super) const MIN_SOURCE_BYTES: u64 = 1 << 20;
/// A copy is a few times smaller than its source, which is read only up to
/// 256 MB: anything larger is not a copy.
const MAX_CACHE_BYTES: u64 = 1 << 30;
/// Temporary files are named so; one older than this was left by a run
/// that ended between writing and renaming it, and is removed.
const TEMP_PREFIX: &str = "ding-";
const TEMP_SUFFIX: &str = ".tmp";
const STALE_TEMP: std::time::Duration = std::time::Duration::from_secs(600);

/// What a cache file must have been made from to be used: the source file
/// and the running binary, each by path, size and modification time.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Stamp(Vec<u8>);

impl Stamp {
    /// The stamp of `source` read by this process; `None` when a file
    /// cannot be examined (then nothing is cached).
    pub(super) fn of(source: &Path) -> Option<Stamp> {
        let exe = std::env::current_exe().ok()?;
        let mut bytes = Vec::new();
        for path in [source, exe.as_path()] {
            let path = std::fs::canonicalize(path).ok()?;
            let meta = std::fs::metadata(&path).ok()?;
            let modified = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
            let path = path.as_os_str().as_encoded_bytes();
            push_u64(&mut bytes, path.len() as u64);
            bytes.extend_from_slice(path);
            push_u64(&mut bytes, meta.len());
            push_u64(&mut bytes, modified.as_secs());
            push_u64(&mut bytes, u64::from(modified.subsec_nanos()));
        }
        Some(Stamp(bytes))
    }

    /// The cache file for this stamp's source in `dir` (one per source
    /// path; a later build of either file overwrites it).
    pub(super) fn file_in(&self, dir: &Path, source: &Path) -> PathBuf {
        use std::hash::BuildHasher;
        let key = rustc_hash::FxBuildHasher.hash_one(source.as_os_str().as_encoded_bytes());
        dir.join(format!("ding-{key:016x}.bin"))
    }
}

/// The cache directory from the environment; `None` when turned off or
/// when no home is known.
pub(super) fn directory() -> Option<PathBuf> {
    directory_from(|name| std::env::var_os(name))
}

fn directory_from(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> Option<PathBuf> {
    if let Some(dir) = var(ENV_VAR) {
        return (!dir.is_empty()).then(|| dir.into());
    }
    let absolute = |name: &str| var(name).map(PathBuf::from).filter(|p| p.is_absolute());
    absolute("XDG_CACHE_HOME").or_else(|| absolute("HOME").map(|home| home.join(".cache"))).map(|d| d.join("mtlint"))
}

/// The lexicon saved in `file` for `stamp`; `None` when there is none, it
/// was made from something else, or any part of it does not check out.
pub(super) fn read(file: &Path, stamp: &Stamp) -> Option<Lexicon> {
    use std::io::Read;
    // A regular file of a sane size only: a FIFO or a device put in its
    // place would block the run or fill the memory.
    let meta = std::fs::metadata(file).ok().filter(|m| m.is_file() && m.len() <= MAX_CACHE_BYTES)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).ok()?);
    std::fs::File::open(file).ok()?.take(MAX_CACHE_BYTES + 1).read_to_end(&mut bytes).ok()?;
    decode(&bytes, stamp)
}

/// Saves `lexicon` for `stamp` into `file`, through a temporary file and a
/// rename, so a concurrent run reads either the old copy or the whole new
/// one. Errors are ignored: the next run parses again.
pub(super) fn write(file: &Path, stamp: &Stamp, lexicon: &Lexicon) {
    let Some(dir) = file.parent() else { return };
    remove_stale_temporaries(dir);
    let saved = std::fs::create_dir_all(dir).and_then(|()| {
        let mut temp = tempfile::Builder::new().prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX).tempfile_in(dir)?;
        std::io::Write::write_all(&mut temp, &encode(stamp, lexicon))?;
        temp.persist(file).map_err(|e| e.error)?;
        Ok(())
    });
    drop(saved);
}

/// Removes the temporary files in `dir` that a killed run left behind
/// (a recent one may belong to a run writing now).
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let temporary = name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX);
        let age = entry.metadata().ok().and_then(|m| m.modified().ok()).and_then(|t| t.elapsed().ok());
        if temporary && age.is_some_and(|age| age > STALE_TEMP) {
            drop(std::fs::remove_file(entry.path()));
        }
    }
}

/// The file's bytes: magic, stamp, the five array lengths, the arrays
/// (little-endian u32s; each word as start, length, first link, links),
/// then a hash of everything before it.
fn encode(stamp: &Stamp, lexicon: &Lexicon) -> Vec<u8> {
    let mut out = Vec::with_capacity(
        lexicon.text.len()
            + 16 * lexicon.words.len()
            + 4 * lexicon.links.len()
            + 8 * lexicon.stems.len()
            + 4 * lexicon.index.len()
            + stamp.0.len()
            + 64,
    );
    out.extend_from_slice(MAGIC);
    push_u64(&mut out, stamp.0.len() as u64);
    out.extend_from_slice(&stamp.0);
    let lengths =
        [lexicon.text.len(), lexicon.words.len(), lexicon.links.len(), lexicon.stems.len(), lexicon.index.len()];
    for len in lengths {
        push_u64(&mut out, len as u64);
    }
    out.extend_from_slice(lexicon.text.as_bytes());
    for w in &lexicon.words {
        for value in [w.start, u32::from(w.len), w.first_link, u32::from(w.links)] {
            out.extend_from_slice(&value.to_le_bytes());
        }
    }
    push_u32s(&mut out, &lexicon.links);
    for &(start, len) in &lexicon.stems {
        push_u32s(&mut out, &[start, u32::from(len)]);
    }
    push_u32s(&mut out, &lexicon.index);
    let check = checksum(&out);
    push_u64(&mut out, check);
    out
}

/// The lexicon in `bytes` when they were encoded for `stamp` and every
/// offset in them lies where [`Lexicon`]'s lookups may read it.
fn decode(bytes: &[u8], stamp: &Stamp) -> Option<Lexicon> {
    let (body, check) = bytes.split_at_checked(bytes.len().checked_sub(8)?)?;
    let mut reader = Reader(body);
    // A copy from another source or binary is told by its header, before
    // the whole file is hashed.
    if reader.take(MAGIC.len())? != MAGIC {
        return None;
    }
    let stamp_len = reader.len()?;
    if reader.take(stamp_len)? != stamp.0.as_slice() {
        return None;
    }
    if checksum(body) != u64::from_le_bytes(check.try_into().ok()?) {
        return None;
    }
    let [text, words, links, stems, index] = [(); 5].map(|()| reader.len());
    let text = std::str::from_utf8(reader.take(text?)?).ok()?.to_owned();
    let words = reader.u32s(words?.checked_mul(4)?)?.chunks_exact(4).map(word).collect::<Option<Vec<Word>>>()?;
    let links = reader.u32s(links?)?;
    let stems = reader.u32s(stems?.checked_mul(2)?)?.chunks_exact(2).map(stem).collect::<Option<Vec<_>>>()?;
    let index = reader.u32s(index?)?;
    if !reader.0.is_empty() {
        return None;
    }
    let link_codes = links.iter().map(|_| AtomicU64::new(0)).collect();
    let lexicon = Lexicon { text, words, links, link_codes, stems, index };
    lexicon.is_consistent().then_some(lexicon)
}

fn word(values: &[u32]) -> Option<Word> {
    let &[start, len, first_link, links] = values else { return None };
    Some(Word { start, len: u8::try_from(len).ok()?, first_link, links: u8::try_from(links).ok()? })
}

fn stem(values: &[u32]) -> Option<(u32, u8)> {
    let &[start, len] = values else { return None };
    Some((start, u8::try_from(len).ok()?))
}

impl Lexicon {
    /// Whether every lookup stays inside the arrays: text ranges on char
    /// boundaries, links and stems that exist, and an index whose probes
    /// end (a power of two with an empty slot, entries naming words).
    fn is_consistent(&self) -> bool {
        let in_text = |start: u32, len: u8| {
            let (start, end) = (start as usize, start as usize + usize::from(len));
            end <= self.text.len() && self.text.is_char_boundary(start) && self.text.is_char_boundary(end)
        };
        let words_ok = self
            .words
            .iter()
            .all(|w| in_text(w.start, w.len) && w.first_link as usize + usize::from(w.links) <= self.links.len());
        let links_ok = self.links.iter().all(|&id| (id as usize) < self.stems.len());
        let stems_ok = self.stems.iter().all(|&(start, len)| in_text(start, len));
        let index_ok = self.index.len().is_power_of_two()
            && self.index.contains(&0)
            && self
                .index
                .iter()
                .all(|&entry| entry == 0 || (1..=self.words.len()).contains(&((entry & self.id_mask()) as usize)));
        words_ok && links_ok && stems_ok && index_ok && !self.is_empty()
    }
}

/// The unread rest of a cache file.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }

    fn len(&mut self) -> Option<usize> {
        usize::try_from(u64::from_le_bytes(self.take(8)?.try_into().ok()?)).ok()
    }

    fn u32s(&mut self, n: usize) -> Option<Vec<u32>> {
        let bytes = self.take(n.checked_mul(4)?)?;
        Some(bytes.chunks_exact(4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect())
    }
}

fn push_u64(out: &mut Vec<u8>, value: u64) {
    out.extend_from_slice(&value.to_le_bytes());
}

fn push_u32s(out: &mut Vec<u8>, values: &[u32]) {
    for value in values {
        out.extend_from_slice(&value.to_le_bytes());
    }
}

/// A hash of the whole file before it, to tell a damaged copy (the offset
/// checks keep a damaged copy from crashing a run; this keeps it from
/// changing the findings).
fn checksum(bytes: &[u8]) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(bytes)
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    const SAMPLE: &str = "\
kaufen {vt} | kaufend | gekauft :: to buy | buying | bought
Regierung {f} | Regierungen {pl} :: government | governments
Haus {n} | Häuser {pl} :: house | houses
Straße {f} :: street
";

    fn stamp() -> Stamp {
        Stamp(b"a source and a binary".to_vec())
    }

    fn same(a: &Lexicon, b: &Lexicon) -> bool {
        let words = |l: &Lexicon| l.words.iter().map(|w| (w.start, w.len, w.first_link, w.links)).collect::<Vec<_>>();
        a.text == b.text
            && words(a) == words(b)
            && a.links == b.links
            && a.stems == b.stems
            && a.index == b.index
            && b.link_codes.len() == b.links.len()
    }

    #[test]
    fn a_saved_lexicon_reads_back_the_same() {
        let lexicon = parse(SAMPLE);
        let read = decode(&encode(&stamp(), &lexicon), &stamp()).expect("reads back");
        assert!(same(&lexicon, &read));
        assert_eq!(read.stems("houses").collect::<Vec<_>>(), lexicon.stems("houses").collect::<Vec<_>>());
        assert_eq!(read.stems("street").collect::<Vec<_>>(), ["straß"]);
    }

    #[test]
    fn a_copy_made_from_something_else_is_not_used() {
        let bytes = encode(&stamp(), &parse(SAMPLE));
        assert!(decode(&bytes, &Stamp(b"another source".to_vec())).is_none());
    }

    #[test]
    fn a_damaged_or_truncated_copy_is_not_used() {
        let bytes = encode(&stamp(), &parse(SAMPLE));
        for cut in [0, 1, 7, 8, 9, bytes.len() / 2, bytes.len() - 1] {
            assert!(decode(&bytes[..cut], &stamp()).is_none(), "cut at {cut}");
        }
        for at in (0..bytes.len()).step_by(7) {
            let mut flipped = bytes.clone();
            flipped[at] ^= 0x10;
            assert!(decode(&flipped, &stamp()).is_none(), "flipped at {at}");
        }
    }

    #[test]
    fn offsets_outside_the_arrays_are_refused_even_with_a_right_checksum() {
        let lexicon = parse(SAMPLE);
        let mut bad_word = parse(SAMPLE);
        bad_word.words[0].start = lexicon.text.len() as u32;
        let mut bad_link = parse(SAMPLE);
        bad_link.links[0] = lexicon.stems.len() as u32;
        let mut full_index = parse(SAMPLE);
        full_index.index.iter_mut().for_each(|e| *e = 1);
        let mut split_char = parse(SAMPLE);
        let umlaut = lexicon.text.find('ß').expect("sample has ß") as u32;
        split_char.stems[0] = (umlaut + 1, 1);
        // A tag without a word (id 0) in the slot a lookup visits first.
        let mut tag_only = parse(SAMPLE);
        let mask = tag_only.index.len() - 1;
        let slot = super::super::slot_hash(b"house") as usize & mask;
        tag_only.index[slot] = !tag_only.id_mask();
        for broken in [bad_word, bad_link, full_index, split_char, tag_only] {
            assert!(decode(&encode(&stamp(), &broken), &stamp()).is_none());
        }
    }

    #[test]
    fn the_copy_is_written_and_read_through_a_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = stamp().file_in(&dir.path().join("nested"), Path::new("/usr/share/trans/de-en"));
        let lexicon = parse(SAMPLE);
        write(&file, &stamp(), &lexicon);
        assert!(same(&lexicon, &read(&file, &stamp()).expect("written")));
        assert!(read(&dir.path().join("missing.bin"), &stamp()).is_none());
    }

    #[test]
    fn only_a_regular_file_is_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert!(read(dir.path(), &stamp()).is_none(), "a directory");
        assert!(read(Path::new("/dev/zero"), &stamp()).is_none(), "a device");
    }

    #[test]
    fn temporaries_left_by_a_killed_run_are_removed_when_old() {
        let dir = tempfile::tempdir().expect("temp dir");
        let old = dir.path().join("ding-abc.tmp");
        let recent = dir.path().join("ding-def.tmp");
        let other = dir.path().join("notes.tmp");
        for path in [&old, &recent, &other] {
            std::fs::write(path, "x").expect("written");
        }
        let long_ago = std::time::SystemTime::now() - STALE_TEMP * 2;
        for path in [&old, &other] {
            std::fs::File::options().write(true).open(path).and_then(|f| f.set_modified(long_ago)).expect("touched");
        }
        write(&dir.path().join("ding-0.bin"), &stamp(), &parse(SAMPLE));
        assert!(!old.exists() && recent.exists() && other.exists());
        let names: Vec<_> =
            std::fs::read_dir(dir.path()).expect("listed").map(|e| e.expect("entry").file_name()).collect();
        assert_eq!(names.len(), 3, "no temporary of this write is left: {names:?}");
    }

    #[test]
    fn the_directory_follows_the_environment() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| std::ffi::OsString::from(v))
        };
        assert_eq!(directory_from(env(&[(ENV_VAR, "/c"), ("HOME", "/h")])), Some("/c".into()));
        assert_eq!(directory_from(env(&[(ENV_VAR, ""), ("HOME", "/h")])), None);
        assert_eq!(directory_from(env(&[("XDG_CACHE_HOME", "/x"), ("HOME", "/h")])), Some("/x/mtlint".into()));
        assert_eq!(directory_from(env(&[("XDG_CACHE_HOME", "rel"), ("HOME", "/h")])), Some("/h/.cache/mtlint".into()));
        assert_eq!(directory_from(env(&[])), None);
    }
}
