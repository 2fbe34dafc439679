//! Values grouped by key, built once and then only looked up.
//!
//! The rules' joins index observations by node, document or schematic ID, then only look them up. A `BTreeMap` per
//! key and value type carried its own insertion, balancing and drop code into the page's wasm for each of them; here
//! the pairs are sorted once by the crate's one compiled sort ([`crate::sort`]) and found by binary search, so each
//! type adds only a few small functions.

use crate::sort;

/// Pairs sorted by key, kept as two lists (so that a key's values are one slice). The sort is stable: each key's
/// values stay in the order they were added.
#[derive(Debug)]
pub struct Groups<K, V> {
    keys: Vec<K>,
    values: Vec<V>,
}

impl<K, V> Default for Groups<K, V> {
    fn default() -> Groups<K, V> {
        Groups {
            keys: Vec::new(),
            values: Vec::new(),
        }
    }
}

impl<K: Ord, V> Groups<K, V> {
    /// Groups `pairs` by key.
    pub fn new(mut pairs: Vec<(K, V)>) -> Groups<K, V> {
        sort::sort_by(&mut pairs, |a, b| a.0.cmp(&b.0));
        let (keys, values) = pairs.into_iter().unzip();
        Groups { keys, values }
    }

    /// The values of `key`, in the order they were added (empty for a key never added).
    pub fn get(&self, key: &K) -> &[V] {
        let start = self.keys.partition_point(|k| k < key);
        // Sorted: the keys equal to `key` are a prefix of the rest.
        let len = self
            .keys
            .get(start..)
            .map_or(0, |rest| rest.partition_point(|k| k == key));
        self.values.get(start..start + len).unwrap_or_default()
    }

    /// The first value added for `key`.
    pub fn first(&self, key: &K) -> Option<&V> {
        self.get(key).first()
    }

    /// Each key with its values, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &[V])> {
        let mut start = 0;
        std::iter::from_fn(move || {
            let key = self.keys.get(start)?;
            let len = self.keys.get(start..)?.partition_point(|k| k == key);
            let values = self.values.get(start..start + len)?;
            start += len;
            Some((key, values))
        })
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
        assert_eq!(groups.get(&"a"), [2, 5]);
        assert_eq!(groups.get(&"b"), [1, 3, 6]);
        assert_eq!(groups.get(&"c"), [4]);
        assert_eq!(groups.first(&"b"), Some(&1));
        assert!(groups.get(&"0").is_empty());
        assert!(groups.get(&"bb").is_empty());
        let all: Vec<(&str, Vec<i32>)> = groups.iter().map(|(k, v)| (*k, v.to_vec())).collect();
        assert_eq!(
            all,
            [("a", vec![2, 5]), ("b", vec![1, 3, 6]), ("c", vec![4])]
        );
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
                assert_eq!(groups.get(&key), want);
                assert_eq!(groups.first(&key), want.first());
            }
            let all: Vec<(Option<u8>, Vec<usize>)> =
                groups.iter().map(|(k, v)| (*k, v.to_vec())).collect();
            assert_eq!(all, map.into_iter().collect::<Vec<_>>());
        }
    }
}
