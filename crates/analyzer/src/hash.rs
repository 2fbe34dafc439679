//! The hash maps and sets of the analysis: std's, with foldhash's hasher instead of SipHash.
//!
//! In a profile of a 1,000-node `-o yaml` analysis, SipHash and the maps' growth took a tenth of all instructions;
//! the keys are short names, IDs and node addresses, which foldhash hashes several times faster. Each map is still
//! seeded on its own (foldhash's `fast` flavour: from addresses and a counter; its authors claim only minimal
//! resistance to crafted collisions, which matters little for a page that analyses its own user's paste, and the
//! hostile-input suite's time bounds still hold). Nothing depends on an order of iteration: the maps are indexes,
//! looked up, never iterated into a result.

pub(crate) type Map<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
pub(crate) type Set<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;
