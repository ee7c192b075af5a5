//! FNV-1a: the hash of short words and codes where it must be the same on
//! every run and machine (no random seed) and cheap on a few bytes. The
//! anchor aligner hashes folded spellings with it, duplicated-clause the
//! words of a text.

/// The FNV-1a offset basis: the hash of nothing.
pub const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// One FNV-1a step: `h` with `unit` (a byte or a character) mixed in.
#[inline]
pub fn step(h: u64, unit: u64) -> u64 {
    (h ^ unit).wrapping_mul(0x0100_0000_01b3)
}

/// FNV-1a over `units`.
#[inline]
pub fn hash(units: impl Iterator<Item = u64>) -> u64 {
    units.fold(OFFSET, step)
}
