//! Sorting through one non-generic merge sort of indices.
//!
//! `slice::sort_by` is monomorphised per element type and comparator: the crate's dozen sorts came to ~50 KB of
//! the page's wasm. Here only the small permutation step is generic; the sort itself is compiled once. Stable, and
//! O(n log n) like the standard sorts.

use std::cmp::Ordering;

/// Sorts `items` stably by `compare`.
pub fn sort_by<T>(items: &mut Vec<T>, mut compare: impl FnMut(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let order = {
        let view: &[T] = items;
        merge_sort(view.len(), &mut |a, b| match (view.get(a), view.get(b)) {
            (Some(x), Some(y)) => compare(x, y),
            _ => Ordering::Equal,
        })
    };
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(
        order
            .iter()
            .filter_map(|&i| slots.get_mut(i as usize).and_then(Option::take)),
    );
}

/// Sorts `items` stably in their natural order.
pub fn sort<T: Ord>(items: &mut Vec<T>) {
    sort_by(items, T::cmp);
}

/// Sorts `items` stably by a key.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts then removes repeated equal items.
pub fn sort_dedup<T: Ord>(items: &mut Vec<T>) {
    sort(items);
    items.dedup();
}

/// The distinct items, sorted: what collecting them and [`sort_dedup`] give, in O(n log k) for n items of k
/// distinct values instead of O(n log n). A 10,000-node cluster names 80,000 extensions but a dozen distinct
/// ones, and the page's summary and matrix want that dozen (sorting the 80,000 took a tenth of a second in the
/// browser). Each item is looked up among those seen; unseen ones wait in a second list that is sorted in once it
/// outgrows the first, so all-distinct input costs O(n log n), as sorting would.
pub fn distinct<T: Ord + Copy>(items: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut seen: Vec<T> = Vec::new();
    let mut fresh: Vec<T> = Vec::new();
    for item in items {
        if fresh.last() == Some(&item) || seen.binary_search(&item).is_ok() {
            continue;
        }
        fresh.push(item);
        if fresh.len() > seen.len() + 16 {
            seen.append(&mut fresh);
            sort_dedup(&mut seen);
        }
    }
    seen.append(&mut fresh);
    sort_dedup(&mut seen);
    seen
}

/// The order (indices `0..len`) that sorts the items `compare` compares by index; bottom-up merge sort.
#[inline(never)]
fn merge_sort(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<u32> {
    let mut order: Vec<u32> = (0..len as u32).collect();
    let mut buffer = order.clone();
    let mut width = 1;
    while width < len {
        let mut start = 0;
        while start < len {
            let mid = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            let (mut i, mut j) = (start, mid);
            for slot in &mut buffer[start..end] {
                // Take from the left run unless the right one's head is strictly smaller (stability).
                let take_left = j >= end
                    || (i < mid && compare(order[j] as usize, order[i] as usize) != Ordering::Less);
                if take_left {
                    *slot = order[i];
                    i += 1;
                } else {
                    *slot = order[j];
                    j += 1;
                }
            }
            start = end;
        }
        std::mem::swap(&mut order, &mut buffer);
        width *= 2;
    }
    order
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// Equal to the standard stable sort, on keys with many ties (so stability shows).
        #[test]
        fn sorts_like_the_standard_stable_sort(items in proptest::collection::vec((0u8..5, any::<u16>()), 0..300)) {
            let mut ours = items.clone();
            super::sort_by_key(&mut ours, |(k, _)| *k);
            let mut theirs = items;
            theirs.sort_by_key(|(k, _)| *k);
            prop_assert_eq!(ours, theirs);
        }
    }

    proptest! {
        /// The same as collecting and `sort_dedup`, for few distinct values (the lookups) and many (the merges).
        #[test]
        fn distinct_is_sort_dedup(items in proptest::collection::vec(0u16..40, 0..500), wide in any::<bool>()) {
            let items: Vec<u16> = if wide { items.iter().enumerate().map(|(i, x)| x ^ i as u16).collect() } else { items };
            let mut theirs = items.clone();
            super::sort_dedup(&mut theirs);
            prop_assert_eq!(super::distinct(items), theirs);
        }
    }

    /// A value whose comparisons are counted: the cost of [`super::distinct`] in comparisons, not in seconds.
    #[derive(Clone, Copy, PartialEq, Eq)]
    struct Counted(u32);

    thread_local! {
        static COMPARISONS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
    }

    impl PartialOrd for Counted {
        fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
            Some(self.cmp(other))
        }
    }

    impl Ord for Counted {
        fn cmp(&self, other: &Self) -> std::cmp::Ordering {
            COMPARISONS.with(|c| c.set(c.get() + 1));
            self.0.cmp(&other.0)
        }
    }

    #[test]
    fn distinct_stays_n_log_n_when_every_item_is_new() {
        // 3,000 distinct values in a scrambled order (a cluster whose every extension differs): the page's summary
        // must not sort what it has seen again for each new item (quadratic: 26 million comparisons here, against
        // 90,000 as written).
        let n = 3_000u32;
        let items = (0..n).map(|i| Counted(i * 7_919 % 3_001));
        COMPARISONS.with(|c| c.set(0));
        let out = super::distinct(items);
        let comparisons = COMPARISONS.with(std::cell::Cell::get);
        assert_eq!(out.len(), n as usize);
        let bound = 8 * u64::from(n) * u64::from(n.ilog2() + 1);
        assert!(
            comparisons <= bound,
            "{comparisons} comparisons, more than {bound}"
        );
    }

    #[test]
    fn distinct_costs_little_when_few_values_repeat() {
        let count = |items: Vec<Counted>| {
            COMPARISONS.with(|c| c.set(0));
            let out = super::distinct(items);
            (out.len(), COMPARISONS.with(std::cell::Cell::get))
        };
        // 30,000 rows naming one extension (10,000 nodes, one after another): a row repeating the one before is
        // no lookup at all.
        assert_eq!(count(vec![Counted(7); 30_000]), (1, 0));
        // Three names interleaved: each row is looked up among the three seen (at most 3 comparisons), not queued
        // and sorted again with the others.
        let (distinct, comparisons) = count((0..30_000).map(|i| Counted(i % 3)).collect());
        assert_eq!(distinct, 3);
        assert!(comparisons <= 3 * 30_000 + 100, "{comparisons} comparisons");
    }

    #[test]
    fn sort_dedup_sorts_and_removes_repeats() {
        let mut v = vec!["b", "a", "b", "c", "a"];
        super::sort_dedup(&mut v);
        assert_eq!(v, ["a", "b", "c"]);
    }
}
