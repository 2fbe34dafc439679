//! One fact seen twice is one observation: an installed extension shown as a table row and as the `-o yaml`
//! document of the same resource (same node + ID) keeps both spans; a node's running schematic or kernel shown
//! twice is kept once.

use crate::hash::{Map, Set};
use crate::observation::{ExtensionObservation, Observations, Origin, SchematicOrigin};

/// Merges duplicate facts in place, keeping the first occurrence's position in each list.
pub fn merge(observations: &mut Observations) {
    merge_installed(&mut observations.extensions);
    let mut seen: Set<(Option<String>, String)> = Set::default();
    observations.schematics.retain(|s| {
        s.origin != SchematicOrigin::Running || seen.insert((s.node.clone(), s.id.clone()))
    });
    seen.clear();
    observations
        .kernels
        .retain(|k| seen.insert((k.node.clone(), k.kernel_version.clone())));
}

fn merge_installed(extensions: &mut Vec<ExtensionObservation>) {
    // Same node, ID and name: one resource. (Two pastes without a node can both hold an ID `0`; the name tells them
    // apart, and two different versions are two states, not one fact.) Decided first over borrowed keys, then
    // merged: a B-tree keyed by owned copies (three strings per extension) took 7 % of a 1,000-node analysis.
    let into = merge_targets(extensions);
    let mut keep = vec![true; extensions.len()];
    for (i, target) in into.into_iter().enumerate() {
        let Some(j) = target else { continue };
        keep[i] = false;
        let later = extensions[i].clone();
        let kept = &mut extensions[j];
        kept.spans.extend(later.spans);
        kept.version = kept.version.take().or(later.version);
        kept.image = kept.image.take().or(later.image);
        kept.talos_version = kept.talos_version.take().or(later.talos_version);
    }
    let mut index = 0;
    extensions.retain(|_| {
        index += 1;
        keep[index - 1]
    });
    // The same span twice (one document read two ways) is one place.
    for e in extensions.iter_mut().filter(|e| e.spans.len() > 1) {
        let mut seen: Set<crate::span::Span> = Set::default();
        e.spans.retain(|s| seen.insert(*s));
    }
}

/// For each extension, the earlier one it is merged into, if any: the first with its node, ID and name, unless both
/// name versions and they differ. A merge gives the kept one the later one's version when it had none, which the
/// versions compared afterwards take into account.
fn merge_targets(extensions: &[ExtensionObservation]) -> Vec<Option<usize>> {
    let mut first: Map<(Option<&str>, &str, &str), usize> =
        Map::with_capacity_and_hasher(extensions.len(), Default::default());
    let mut version: Vec<Option<&str>> = extensions.iter().map(|e| e.version.as_deref()).collect();
    let mut into = vec![None; extensions.len()];
    for (i, e) in extensions.iter().enumerate() {
        let Some(id) = e.id.as_deref().filter(|_| e.origin == Origin::Installed) else {
            continue;
        };
        let key = (e.node.as_deref(), id, e.name.as_str());
        match first.get(&key) {
            None => {
                first.insert(key, i);
            }
            Some(&j) if matches!((version[j], version[i]), (Some(a), Some(b)) if a != b) => {}
            Some(&j) => {
                into[i] = Some(j);
                version[j] = version[j].or(version[i]);
            }
        }
    }
    into
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::observation::DocumentId;
    use crate::span::Span;

    fn ext(node: &str, id: &str, line: u32, version: Option<&str>) -> ExtensionObservation {
        ExtensionObservation {
            node: Some(node.to_string()),
            name: "gvisor".to_string(),
            version: version.map(str::to_string),
            image: None,
            id: Some(id.to_string()),
            origin: Origin::Installed,
            talos_version: None,
            document: DocumentId(line),
            spans: vec![Span::lines(0, line, line, 10)],
        }
    }

    #[test]
    fn same_node_and_id_is_one_fact() {
        let mut obs = Observations {
            extensions: vec![
                ext("a", "0", 1, None),
                ext("b", "0", 2, None),
                ext("a", "0", 9, Some("v1")),
                ext("a", "1", 3, None),
            ],
            ..Observations::default()
        };
        merge(&mut obs);
        assert_eq!(obs.extensions.len(), 3);
        assert_eq!(obs.extensions[0].spans.len(), 2);
        assert_eq!(obs.extensions[0].version.as_deref(), Some("v1"));
        assert_eq!(obs.extensions[1].node.as_deref(), Some("b"));
        let mut other = ext("a", "0", 4, Some("v2"));
        let mut renamed = ext("a", "0", 5, Some("v1"));
        renamed.name = "drbd".to_string();
        other.spans[0].line = 4;
        obs.extensions.extend([other, renamed]);
        merge(&mut obs);
        assert_eq!(
            obs.extensions.len(),
            5,
            "another version or name is another fact"
        );
    }

    /// The same row read twice (one document read two ways) points at one place, not twice at it.
    #[test]
    fn the_same_row_twice_is_one_place() {
        let mut obs = Observations {
            extensions: vec![ext("a", "0", 1, Some("v1")), ext("a", "0", 1, Some("v1"))],
            ..Observations::default()
        };
        merge(&mut obs);
        assert_eq!(obs.extensions.len(), 1);
        assert_eq!(obs.extensions[0].spans, [Span::lines(0, 1, 1, 10)]);
    }
}
