//! The renderer's caches and their keys.

use std::collections::HashMap;
use foldhash::fast::FixedState;
use std::hash::{BuildHasher, DefaultHasher, Hash, Hasher};

/// 128 bits from two differently-seeded SipHash runs: collisions are out of reach, and it is
/// several times faster than SHA-256 (which took a quarter of an incremental render).
pub(super) type Key = (u64, u64);

/// A cache that keeps only what the last render used: entries move from `previous` to
/// `current` when used, and whatever is left in `previous` is dropped after each render.
pub(super) struct Generations<V> {
    current: HashMap<Key, V>,
    previous: HashMap<Key, V>,
}

impl<V> Default for Generations<V> {
    fn default() -> Self {
        Generations {
            current: HashMap::new(),
            previous: HashMap::new(),
        }
    }
}

impl<V: Clone> Generations<V> {
    pub fn begin(&mut self) {
        self.previous = std::mem::take(&mut self.current);
    }

    pub fn end(&mut self) {
        self.previous = HashMap::new();
    }

    pub fn get(&mut self, key: Key) -> Option<V> {
        if let Some(hit) = self.current.get(&key) {
            return Some(hit.clone());
        }
        let hit = self.previous.remove(&key)?;
        self.current.insert(key, hit.clone());
        Some(hit)
    }

    /// A look that does not count as a use (blocks are written in parallel from a shared
    /// cache); [`Generations::keep`] counts it afterwards.
    pub fn peek(&self, key: &Key) -> Option<&V> {
        self.current.get(key).or_else(|| self.previous.get(key))
    }

    /// Count a [`Generations::peek`] hit as used by this render.
    pub fn keep(&mut self, key: Key) {
        if !self.current.contains_key(&key) {
            if let Some(hit) = self.previous.remove(&key) {
                self.current.insert(key, hit);
            }
        }
    }

    pub fn insert(&mut self, key: Key, value: V) {
        self.current.insert(key, value);
    }

    pub fn len(&self) -> usize {
        self.current.len()
    }
}

pub(super) fn key_of(parts: &[&str]) -> Key {
    let hash = |seed: u64| {
        let mut hasher = DefaultHasher::new();
        seed.hash(&mut hasher);
        for part in parts {
            part.hash(&mut hasher);
        }
        hasher.finish()
    };
    (hash(0), hash(1))
}

/// A short key for a block's HTML (the preview compares keys to patch changed blocks; it only
/// needs to be stable within one run of the app).
pub(super) fn block_key(html: &str) -> String {
    let hash = FixedState::with_seed(BLOCK_KEY_SEED).hash_one(html);
    format!("{hash:016x}")
}

const BLOCK_KEY_SEED: u64 = 0x6473_2d68_746d_6c00;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_peeked_entry_survives_the_render_only_when_kept() {
        let mut cache = Generations::default();
        cache.begin();
        cache.insert((1, 1), "a");
        cache.insert((2, 2), "b");
        cache.end();
        cache.begin();
        assert_eq!(cache.peek(&(1, 1)), Some(&"a"));
        assert_eq!(cache.peek(&(2, 2)), Some(&"b"));
        cache.keep((1, 1));
        cache.end();
        assert_eq!(cache.peek(&(1, 1)), Some(&"a"));
        assert_eq!(cache.peek(&(2, 2)), None);
    }
}
