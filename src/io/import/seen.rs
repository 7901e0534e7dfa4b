//! The rows of a file met so far, by a key a later row may repeat (a credit code, an investor
//! and name): each key is kept as a 64-bit hash beside the first row that has it, and a match
//! is checked against that row's own key, so two keys sharing a hash never make a duplicate.
//! A 1,000,000-row file held 230 MB of key strings; the hashes take 16 bytes a row.

use std::hash::BuildHasher;

use foldhash::{HashMap, HashMapExt};

pub(super) struct SeenKeys {
    first: HashMap<u64, usize>,
    /// Keys whose hash a different, earlier key has already (next to never): kept whole.
    others: HashMap<String, usize>,
}

fn hash(key: &str) -> u64 {
    foldhash::fast::FixedState::with_seed(0x5eed).hash_one(key)
}

impl SeenKeys {
    pub(super) fn with_capacity(rows: usize) -> SeenKeys {
        SeenKeys {
            first: HashMap::with_capacity(rows),
            others: HashMap::new(),
        }
    }

    /// The first row with `key`; `has_key(row)` says whether a row has it.
    pub(super) fn get(&self, key: &str, has_key: impl Fn(usize) -> bool) -> Option<usize> {
        match self.first.get(&hash(key)) {
            Some(&row) if has_key(row) => Some(row),
            Some(_) => self.others.get(key).copied(),
            None => None,
        }
    }

    /// `row` has `key`; kept only if it is the first with it.
    pub(super) fn insert(&mut self, key: &str, row: usize, has_key: impl Fn(usize) -> bool) {
        match self.first.get(&hash(key)) {
            None => {
                self.first.insert(hash(key), row);
            }
            Some(&first) if has_key(first) => {}
            Some(_) => {
                self.others.entry(key.to_string()).or_insert(row);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_sharing_a_hash_are_told_apart_by_the_rows_own_keys() {
        // Rows 0..3 hold these keys; a hash that two keys share is forced below by
        // registering row 1's key under row 0's hash.
        let keys = ["甲公司\u{1f}项目", "乙公司\u{1f}项目", "丙公司\u{1f}项目"];
        let has = |key: &'static str| move |row: usize| keys.get(row) == Some(&key);
        let mut seen = SeenKeys::with_capacity(4);
        seen.insert(keys[0], 0, has(keys[0]));
        // A collision: row 1's key lands on row 0's hash.
        seen.first.insert(hash(keys[1]), 0);
        seen.insert(keys[1], 1, has(keys[1]));
        assert_eq!(seen.get(keys[0], has(keys[0])), Some(0));
        assert_eq!(
            seen.get(keys[1], has(keys[1])),
            Some(1),
            "kept whole beside it"
        );
        assert_eq!(seen.get(keys[2], has(keys[2])), None);
        // A later row with a key met already is not kept.
        seen.insert(keys[0], 2, has(keys[0]));
        assert_eq!(seen.get(keys[0], has(keys[0])), Some(0));
    }
}
