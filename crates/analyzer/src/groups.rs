//! Values grouped by key, built once and then only looked up.
//!
//! The rules' joins index observations by node, document or schematic ID, then only look them up. A `BTreeMap` per
//! key and value type carried its own insertion, balancing and drop code into the page's wasm for each of them; here
//! the pairs are sorted once by the crate's one compiled sort ([`crate::sort`]) and found by binary search, so each
//! type adds only a few small functions.

use crate::sort;

/// Pairs sorted by key. The sort is stable: each key's values stay in the order they were added.
#[derive(Debug)]
pub struct Groups<K, V> {
    pairs: Vec<(K, V)>,
}

impl<K, V> Default for Groups<K, V> {
    fn default() -> Groups<K, V> {
        Groups { pairs: Vec::new() }
    }
}

impl<K: Ord, V> Groups<K, V> {
    /// Groups `pairs` by key.
    pub fn new(mut pairs: Vec<(K, V)>) -> Groups<K, V> {
        sort::sort_by(&mut pairs, |a, b| a.0.cmp(&b.0));
        Groups { pairs }
    }

    /// The values of `key`, in the order they were added (empty for a key never added).
    pub fn get<'s>(&'s self, key: &K) -> impl Iterator<Item = &'s V> + 's {
        let start = self.pairs.partition_point(|(k, _)| k < key);
        // Sorted: the pairs of `key` are a prefix of the rest.
        let rest = self.pairs.get(start..).unwrap_or_default();
        let len = rest.partition_point(|(k, _)| k == key);
        rest.get(..len).unwrap_or_default().iter().map(|(_, v)| v)
    }

    /// The first value added for `key`.
    pub fn first(&self, key: &K) -> Option<&V> {
        self.get(key).next()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn a_keys_values_keep_their_order() {
        let groups = Groups::new(vec![
            ("b", 1),
            ("a", 2),
            ("b", 3),
            ("c", 4),
            ("a", 5),
            ("b", 6),
        ]);
        assert_eq!(groups.get(&"a").copied().collect::<Vec<_>>(), [2, 5]);
        assert_eq!(groups.get(&"b").copied().collect::<Vec<_>>(), [1, 3, 6]);
        assert_eq!(groups.get(&"c").copied().collect::<Vec<_>>(), [4]);
        assert_eq!(groups.first(&"b"), Some(&1));
        assert_eq!(groups.get(&"0").count(), 0);
        assert_eq!(groups.get(&"bb").count(), 0);
        assert_eq!(groups.first(&"z"), None);
        assert_eq!(Groups::<&str, i32>::default().first(&"a"), None);
    }

    /// The same answers as the `BTreeMap<K, Vec<V>>` filled with `entry(k).or_default().push(v)` it replaces, on
    /// many generated inputs (keys from a small range, so that they repeat).
    #[test]
    fn answers_as_a_b_tree_map_of_vectors() {
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..500 {
            let n = (next() % 40) as usize;
            let pairs: Vec<(Option<u8>, usize)> = (0..n)
                .map(|i| ((next() % 6 != 0).then(|| (next() % 9) as u8), i))
                .collect();
            let mut map: BTreeMap<Option<u8>, Vec<usize>> = BTreeMap::new();
            for &(k, v) in &pairs {
                map.entry(k).or_default().push(v);
            }
            let groups = Groups::new(pairs);
            for key in std::iter::once(None).chain((0..10).map(Some)) {
                let want = map.get(&key).cloned().unwrap_or_default();
                assert_eq!(groups.get(&key).copied().collect::<Vec<_>>(), want);
                assert_eq!(groups.first(&key), want.first());
            }
        }
    }
}
