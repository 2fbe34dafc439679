//! The hash maps and sets of the analysis: std's, with foldhash's hasher instead of SipHash.
//!
//! In a profile of a 1,000-node `-o yaml` analysis, SipHash and the maps' growth took a tenth of all instructions;
//! the keys are short names, IDs and node addresses, which foldhash hashes several times faster. It is still seeded
//! per map (from addresses and a counter), so a paste cannot count on one order of iteration, and nothing here
//! depends on one: the maps are indexes, looked up, never iterated into a result.

pub(crate) type Map<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
pub(crate) type Set<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;
