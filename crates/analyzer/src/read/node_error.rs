//! A node's error line in talosctl output. Asked for several nodes (`talosctl -n a,b,c get extensions`), talosctl
//! prints the rows of the nodes that answered and, for each one that did not, a line such as
//!
//! ```text
//! 1 error occurred:
//!         * 10.0.0.3: rpc error: code = Unavailable desc = connection error: desc = "transport: …"
//! ```
//!
//! That node's extensions are then unknown: it is missing from every comparison, which the user should be told
//! rather than find out at the upgrade.

/// What one error line says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeError<'a> {
    pub node: &'a str,
    /// The gRPC status code.
    pub code: &'a str,
    pub description: &'a str,
    /// Characters `start..end` of the line: from the node to the end of the message.
    pub start: usize,
    pub end: usize,
}

const MARKER: &str = ": rpc error: code = ";

/// Reads `line` as a node's error line (`[* ]<node>: rpc error: code = <Code> desc = <text>`).
pub fn parse(line: &str) -> Option<NodeError<'_>> {
    let at = line.find(MARKER)?;
    let head = line[..at].trim_start();
    let head = head.strip_prefix(['*', '-']).map_or(head, str::trim_start);
    let node = head;
    let node_ok = !node.is_empty()
        && node.len() <= 253
        && node.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || matches!(c, '.' | ':' | '-' | '_' | '[' | ']' | '%' | '<' | '>')
        });
    if !node_ok {
        return None;
    }
    let rest = &line[at + MARKER.len()..];
    let (code, description) = match rest.split_once(" desc = ") {
        Some((code, description)) => (code.trim(), description.trim()),
        None => (rest.trim(), ""),
    };
    if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let start = line[..at - node.len()].chars().count();
    let end = line.trim_end().chars().count();
    Some(NodeError {
        node,
        code,
        description,
        start,
        end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn talosctl_multi_node_error_lines() {
        let line = "\t* 10.0.0.3: rpc error: code = Unavailable desc = connection error: desc = \"transport: x\"";
        let e = parse(line).unwrap();
        assert_eq!(e.node, "10.0.0.3");
        assert_eq!(e.code, "Unavailable");
        assert_eq!(e.description, "connection error: desc = \"transport: x\"");
        assert_eq!(e.start, 3);
        assert_eq!(e.end, line.chars().count());

        let bare = parse("cp-1: rpc error: code = PermissionDenied desc = not authorized").unwrap();
        assert_eq!(
            (bare.node, bare.code, bare.start),
            ("cp-1", "PermissionDenied", 0)
        );
        let v6 = parse(
            "  - fd00::3: rpc error: code = DeadlineExceeded desc = context deadline exceeded",
        )
        .unwrap();
        assert_eq!(v6.node, "fd00::3");
        assert_eq!(
            parse("x: rpc error: code = Unknown").unwrap().description,
            ""
        );
    }

    #[test]
    fn other_lines_are_not_node_errors() {
        for line in [
            "error getting resources: 1 error occurred:",
            "error getting routes: rpc error: code = Unavailable desc = connection closed",
            ": rpc error: code = Unavailable desc = x",
            "10.0.0.3: rpc error: code = Not Found desc = x",
            "10.0.0.3: error: something",
        ] {
            assert_eq!(parse(line), None, "{line}");
        }
    }
}
