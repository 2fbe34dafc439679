//! The extensions a release publishes, from the extensions catalog image (`ghcr.io/siderolabs/extensions:<tag>`):
//! its `descriptions.yaml` (a map keyed by `ghcr.io/siderolabs/<name>:<tag>@sha256:<digest>`, each value the
//! extension's `author` and `description`; Image Factory reads it so) or its `image-digests` (one such reference per
//! line). Read line by line, tolerantly: a reference is found wherever a line starts with one (a plain or quoted
//! key, a `? ` key, which YAML emitters use for keys over 128 characters, or a bare line); indented lines (the
//! values) are skipped. Neither file says which Talos releases an extension supports: that is [`super::manifests`].

/// One published extension image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    pub name: String,
    /// The image tag, which the catalog calls the version (`v0.2.1`, `9.3.4-v1.14.0`).
    pub version: String,
    /// `sha256:<64 hex digits>`, lower case.
    pub digest: String,
}

/// What a source holds: the images, sorted by name, and the lines that looked like references but were not
/// official extension images (reported, so that a changed format does not pass silently).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct PublishedList {
    pub images: Vec<Published>,
    pub skipped: Vec<String>,
}

/// `ghcr.io/siderolabs/<name>:<tag>@sha256:<hex>` → the image; `None` for anything else.
fn parse_reference(text: &str) -> Option<Published> {
    let (tagged, digest) = text.split_once('@')?;
    let hex = digest.strip_prefix("sha256:")?;
    if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let path = tagged.strip_prefix("ghcr.io/siderolabs/")?;
    let (name, version) = path.rsplit_once(':')?;
    let name_ok = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.".contains(&b));
    let version_ok = !version.is_empty()
        && version
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.+".contains(&b));
    (name_ok && version_ok).then(|| Published {
        name: name.to_string(),
        version: version.to_string(),
        digest: format!("sha256:{}", hex.to_ascii_lowercase()),
    })
}

/// The reference a top-level line starts with, if it looks like one (quotes, `? ` and the key's colon removed).
fn candidate(line: &str) -> Option<&str> {
    if line.starts_with([' ', '\t', '#']) {
        return None;
    }
    let line = line.trim_end();
    let line = line.strip_prefix("? ").unwrap_or(line).trim_start();
    let line = line.strip_prefix("- ").unwrap_or(line);
    // `key: value` on one line (flow style), or `key:` before an indented value.
    let key = line
        .split_once(": ")
        .map_or(line, |(key, _)| key)
        .trim_end_matches(':');
    let key = key.trim_matches(|c| c == '"' || c == '\'');
    key.contains("@sha256:").then_some(key)
}

/// Reads `descriptions.yaml` or `image-digests`.
pub fn read(text: &str) -> Result<PublishedList, String> {
    let mut list = PublishedList::default();
    for line in text.lines() {
        let Some(reference) = candidate(line) else {
            continue;
        };
        match parse_reference(reference) {
            Some(image) => match list.images.iter().find(|i| i.name == image.name) {
                Some(seen) if *seen == image => {}
                Some(seen) => {
                    return Err(format!(
                        "{} is published twice: {}@{} and {}@{}",
                        image.name, seen.version, seen.digest, image.version, image.digest
                    ))
                }
                None => list.images.push(image),
            },
            None => list.skipped.push(reference.to_string()),
        }
    }
    if list.images.is_empty() {
        return Err(
            "no ghcr.io/siderolabs/<name>:<tag>@sha256:<digest> reference found (is it descriptions.yaml or \
             image-digests from ghcr.io/siderolabs/extensions:<release>?)"
                .to_string(),
        );
    }
    list.images.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(list)
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    #[test]
    fn descriptions_and_digests_give_the_same_images() {
        let descriptions = format!(
            "ghcr.io/siderolabs/iscsi-tools:v0.2.1@sha256:{A}:\n  author: Sidero Labs\n  description: |\n    \
             [core] This system extension provides iscsi-tools.\n\
             ? ghcr.io/siderolabs/nvidia-open-gpu-kernel-modules-production:570.172.08-v1.14.0@sha256:{}\n\
             : author: Sidero Labs\n  description: NVIDIA modules\n\
             \"ghcr.io/siderolabs/drbd:9.3.4-v1.14.0@sha256:{A}\": {{author: LINBIT, description: DRBD}}\n",
            A.to_uppercase()
        );
        let digests = format!(
            "ghcr.io/siderolabs/drbd:9.3.4-v1.14.0@sha256:{A}\n\
             ghcr.io/siderolabs/iscsi-tools:v0.2.1@sha256:{A}\n\
             ghcr.io/siderolabs/nvidia-open-gpu-kernel-modules-production:570.172.08-v1.14.0@sha256:{A}\n"
        );
        let a = read(&descriptions).expect("descriptions");
        let b = read(&digests).expect("digests");
        assert_eq!(a, b);
        let names: Vec<&str> = a.images.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "drbd",
                "iscsi-tools",
                "nvidia-open-gpu-kernel-modules-production"
            ]
        );
        assert_eq!(a.images[0].version, "9.3.4-v1.14.0");
        assert_eq!(a.images[2].digest, format!("sha256:{A}"), "lower-cased");
    }

    #[test]
    fn other_references_are_skipped_and_said() {
        let text = format!(
            "docker.io/library/alpine:3@sha256:{A}:\n  author: x\nghcr.io/siderolabs/gvisor:20250505.0@sha256:{A}\n\
             ghcr.io/siderolabs/gvisor:20250505.0@sha256:abc\n"
        );
        let list = read(&text).expect("one image");
        assert_eq!(list.images.len(), 1);
        assert_eq!(list.skipped.len(), 2);
    }

    #[test]
    fn nothing_or_a_conflict_is_an_error() {
        assert!(read("author: x\n").is_err());
        let twice = format!(
            "ghcr.io/siderolabs/gvisor:1@sha256:{A}\nghcr.io/siderolabs/gvisor:2@sha256:{A}\n"
        );
        assert!(read(&twice).unwrap_err().contains("published twice"));
    }
}
